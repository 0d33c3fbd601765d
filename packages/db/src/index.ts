export * from './schema/index.js';
export {
  openDatabase,
  type Database,
  type Db,
  type OpenDatabaseOptions,
  type Schema,
} from './openDatabase.js';
export { migrateDatabase, MIGRATIONS_FOLDER } from './migrate.js';
export { startEmbeddedServer, type EmbeddedServer } from './embedded/embeddedServer.js';
export * from './activity/index.js';
export { readBinaryCopy, binary, type BinaryRowHandler } from './copy/binaryCopyReader.js';
export * from './grading/index.js';
export { writeBinaryCopy, BinaryRowEncoder } from './copy/binaryCopyWriter.js';
export { inTransaction } from './transaction.js';
