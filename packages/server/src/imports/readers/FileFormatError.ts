import type { FileIssueCode, IssueParams } from '../issues.js';

/** A problem with the file as a whole, found while reading it (bad bytes, broken CSV, a 50 MB record). */
export class FileFormatError extends Error {
  constructor(
    readonly code: FileIssueCode,
    readonly line: number,
    readonly params: IssueParams = {},
  ) {
    super(`${code} at line ${line}`);
    this.name = 'FileFormatError';
  }
}
