import crypto from 'node:crypto';
import { DEMO_TABLES, type DemoCounts, type DemoTable } from './demoOutput.js';
import type { DemoOptions } from './demoOptions.js';
import { generateDemo, type DemoSink } from './generateDemo.js';

export interface DemoChecksum {
  /** SHA-256 over every table's rows, in table order. */
  readonly digest: string;
  readonly tables: Record<DemoTable, string>;
  readonly rows: DemoCounts;
}

/**
 * Runs the generator without a database and hashes what it would load: the proof that the same options
 * give byte-identical data. `inspect` sees every chunk too (tests read rows back from it).
 */
export async function demoChecksum(
  options: DemoOptions,
  inspect?: (table: DemoTable, chunk: Buffer) => void,
): Promise<DemoChecksum> {
  const hashes = Object.fromEntries(
    DEMO_TABLES.map((table) => [table, crypto.createHash('sha256')]),
  ) as Record<DemoTable, crypto.Hash>;
  const sink: DemoSink = {
    write(table, chunk) {
      hashes[table].update(chunk);
      inspect?.(table, chunk);
      return true;
    },
    drained: () => Promise.resolve(),
  };
  const rows = await generateDemo(options, sink);
  const tables = Object.fromEntries(
    DEMO_TABLES.map((table) => [table, hashes[table].digest('hex')]),
  ) as Record<DemoTable, string>;
  const all = crypto.createHash('sha256');
  for (const table of DEMO_TABLES) all.update(`${table}:${tables[table]}\n`);
  return { digest: all.digest('hex'), tables, rows };
}
