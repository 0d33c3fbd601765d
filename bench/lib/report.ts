/** A benchmark's result table: printed to stdout and appended (as JSON lines) to bench/out/<name>.jsonl. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Cell = string | number;
export interface Row {
  [column: string]: Cell;
}

export function printTable(title: string, rows: Row[]): void {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const text = (value: Cell | undefined) =>
    value === undefined ? '' : typeof value === 'number' ? formatNumber(value) : value;
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(
    `\n${title}  (${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version})`,
  );
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => text(row[c]))));
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');
  fs.mkdirSync(out, { recursive: true });
  const record = { title, at: new Date().toISOString(), rows };
  fs.appendFileSync(
    path.join(out, `${title.split(' ')[0]?.toLowerCase() ?? 'bench'}.jsonl`),
    `${JSON.stringify(record)}\n`,
  );
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Wall time of `fn` in seconds, and the peak RSS seen while it ran (sampled), in MiB. */
export async function measure<T>(
  fn: () => Promise<T> | T,
): Promise<{ seconds: number; peakRssMb: number; value: T }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const start = process.hrtime.bigint();
  try {
    const value = await fn();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { seconds, peakRssMb: peak / 2 ** 20, value };
  } finally {
    clearInterval(timer);
  }
}
