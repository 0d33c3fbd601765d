export {
  importFile,
  queueImport,
  runQueuedImport,
  failQueuedImport,
  type ImportRequest,
} from './importService.js';
export {
  runImport,
  DEFAULT_MAX_RECORD_BYTES,
  type ImportResult,
  type RunImportOptions,
} from './runImport.js';
export {
  recoverInterruptedImports,
  type ImportProgress,
  type ImportPhase,
  type ImportStatus,
  type ImportOutcome,
  type InterruptedImport,
} from './importJobStore.js';
export { writeImportReport, UTF8_BOM } from './importReport.js';
export { IMPORT_COLUMNS, type ImportColumn, type ColumnKind } from './columns.js';
export type { ImportIssue, IssueCode, FileIssueCode, RowIssueCode, Lang } from './issues.js';
export type { EncodingOption } from './readers/DecodeToUtf8.js';
export type { ImportFormat } from './readers/openImportFile.js';
export { importsFeature } from './importRoutes.js';
export { registerImportWorker, IMPORT_QUEUE, importJob, type ImportJobData } from './importWorker.js';
export { getImport, listImports, listImportErrors, type ImportView } from './importQueries.js';
