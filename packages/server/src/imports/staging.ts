import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ColumnKind, ImportColumn } from './columns.js';

/**
 * The staging tables of one import, TEMP and dropped at commit or rollback:
 * - `import_stage`: one row per valid file row (its line + the cells in canonical form), filled by COPY;
 * - `import_rejects`: rows the database checks reject (line, column key, value, code, detail).
 * Timestamps are staged as epoch microseconds (bigint parses far faster than timestamptz text).
 */
export const STAGE = 'import_stage';
export const REJECTS = 'import_rejects';

export interface StageColumn {
  readonly name: string;
  readonly type: string;
}

export function stageType(kind: ColumnKind): string {
  switch (kind.type) {
    case 'integer':
    case 'timestamp':
      return 'bigint';
    case 'money':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'tags':
      return 'text[]';
    default:
      return 'text';
  }
}

export function stageColumns(columns: readonly ImportColumn[], extra: readonly StageColumn[]): StageColumn[] {
  return [...columns.map((column) => ({ name: column.key, type: stageType(column.kind) })), ...extra];
}

export async function createStage(client: pg.ClientBase, columns: readonly StageColumn[]): Promise<void> {
  const definitions = columns.map((column) => `${quoteIdent(column.name)} ${column.type}`).join(', ');
  await client.query(`CREATE TEMP TABLE ${STAGE} (line bigint NOT NULL, ${definitions}) ON COMMIT DROP`);
  await client.query(
    `CREATE TEMP TABLE ${REJECTS} (line bigint NOT NULL, col text, value text, code text NOT NULL, detail text) ON COMMIT DROP`,
  );
}

/** A COPY … FROM STDIN into the stage, fed text lines in batches with back-pressure. */
export class StageWriter {
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<void>;
  private chunks: string[] = [];
  private size = 0;
  rows = 0;

  constructor(client: pg.ClientBase, columns: readonly string[]) {
    this.stream = client.query(
      copyFrom(`COPY ${STAGE} (line, ${columns.map(quoteIdent).join(', ')}) FROM STDIN`),
    );
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', reject);
    });
    // Surface a server-side COPY failure even while we are not awaiting `done`.
    this.done.catch(() => undefined);
  }

  /**
   * Adds one row (escaped values joined by tabs). Synchronous, so the row loop awaits only once a batch
   * is full: `full` then says to `flush`.
   */
  add(line: number, values: string): void {
    const text = `${line}\t${values}\n`;
    this.chunks.push(text);
    this.size += text.length;
    this.rows++;
  }

  get full(): boolean {
    return this.size >= 256 * 1024;
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        this.stream.once('drain', () => {
          this.stream.off('error', onError);
          resolve();
        });
        this.stream.once('error', onError);
      });
    }
  }

  /** Stops the COPY (CopyFail): the server discards it and the connection can roll back. */
  async abort(error: Error): Promise<void> {
    this.chunks = [];
    this.size = 0;
    if (this.stream.destroyed) return;
    await new Promise<void>((resolve) => {
      this.stream.once('close', () => resolve());
      this.stream.destroy(error);
    });
  }

  async finish(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.done;
  }
}

/** A value in COPY text format: \N for null; backslash, tab, newline and carriage return escaped. */
export function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, escapeChar) : value;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
function escapeChar(char: string): string {
  switch (char) {
    case '\\':
      return '\\\\';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    default:
      return '\\r';
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
