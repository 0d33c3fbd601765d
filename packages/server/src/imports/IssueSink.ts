import type pg from 'pg';
import type { ImportIssue } from './issues.js';

/**
 * Where an import's issues go: every one into import_errors (in batches, on the job's own connection,
 * outside the data transaction, so a rejected file keeps its report while its data is rolled back), the
 * first few kept for the job summary and the CLI, and the rejected lines counted.
 */
export class IssueSink {
  static readonly SAMPLE_SIZE = 20;
  private static readonly BATCH = 2000;

  readonly sample: ImportIssue[] = [];
  total = 0;
  private batch: ImportIssue[] = [];

  constructor(
    private readonly client: pg.ClientBase,
    private readonly importId: number,
  ) {}

  async add(issue: ImportIssue): Promise<void> {
    this.total++;
    this.keepInSample(issue);
    this.batch.push(issue);
    if (this.batch.length >= IssueSink.BATCH) await this.flush();
  }

  /** The sample holds the issues of the lowest lines (rows are checked in two passes, not in line order). */
  private keepInSample(issue: ImportIssue): void {
    const sample = this.sample;
    const last = sample[sample.length - 1];
    if (sample.length >= IssueSink.SAMPLE_SIZE && last && last.line <= issue.line) return;
    let at = sample.length;
    while (at > 0 && (sample[at - 1]?.line ?? 0) > issue.line) at--;
    sample.splice(at, 0, issue);
    if (sample.length > IssueSink.SAMPLE_SIZE) sample.pop();
  }

  /** Writes what is batched. */
  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    await this.client.query(
      `INSERT INTO import_errors (import_id, line, "column", value, code, message)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        this.importId,
        rows.map((issue) => issue.line),
        rows.map((issue) => issue.column),
        rows.map((issue) => issue.value),
        rows.map((issue) => issue.code),
        rows.map((issue) => issue.message),
      ],
    );
  }
}
