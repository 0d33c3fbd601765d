import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { startEmbeddedServer, type EmbeddedServer } from './embedded/embeddedServer.js';
import { connectionSocket } from './copy/readBufferSocket.js';
import { migrateDatabase } from './migrate.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;

export interface Database {
  readonly mode: 'embedded' | 'server';
  readonly url: string;
  readonly pool: pg.Pool;
  readonly db: Db;
  /** Ends the pool, then stops the embedded server if this process owns it. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL server (>= 15). Without it, the embedded server under `dataDir` is used. */
  url?: string | undefined;
  /** Data directory of the embedded server (default ./data). */
  dataDir?: string | undefined;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  poolSize?: number;
  log?: (message: string) => void;
}

const MIN_SERVER_VERSION = 150000;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = options.url;
  if (!url) {
    embedded = await startEmbeddedServer({
      dataDir: options.dataDir ?? path.resolve('data'),
      log: options.log,
    });
    url = embedded.url;
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    stream: connectionSocket,
  });
  // An idle client losing its server (e.g. the embedded server stopped by its owner) must not crash us.
  pool.on('error', (error) => options.log?.(`database connection lost: ${error.message}`));
  try {
    await checkServer(pool);
    if (options.migrate ?? true) await migrateDatabase(pool);
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw error;
  }
  let closed = false;
  return {
    mode: embedded ? 'embedded' : 'server',
    url,
    pool,
    db: drizzle(pool, { schema }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await embedded?.stop();
    },
  };
}

async function checkServer(pool: pg.Pool): Promise<void> {
  let version: number;
  try {
    const result = await pool.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    version = Number(result.rows[0]?.v);
  } catch (cause) {
    throw new Error(`Cannot connect to PostgreSQL: ${(cause as Error).message}`, { cause });
  }
  if (version < MIN_SERVER_VERSION) {
    throw new Error(`Stratum needs PostgreSQL 15 or newer; this server is ${Math.floor(version / 10000)}.`);
  }
}
