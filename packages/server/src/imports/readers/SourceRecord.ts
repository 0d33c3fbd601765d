import type { Cell } from '../cellReader.js';

/** One record of an import file: the line it starts on (1 = the header) and its cells, in file order. */
export interface SourceRecord {
  readonly line: number;
  readonly cells: readonly Cell[];
}

/** Where a reader is in its file, for progress. */
export interface ReadPosition {
  readonly bytesRead: number;
}
