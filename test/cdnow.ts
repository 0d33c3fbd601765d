import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

/** The master file, gzipped in the test fixtures (test/fixtures/cdnow/README.md). */
export const CDNOW_MASTER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'cdnow',
  'CDNOW_master.txt.gz',
);

export interface CdnowFiles {
  readonly customersCsv: string;
  readonly ordersCsv: string;
  readonly customers: number;
  readonly orders: number;
  readonly zeroValueOrders: number;
  /** Sum of dollar_value as a decimal string with 2 places. */
  readonly revenue: string;
}

/**
 * Test helper: turns the CDNOW master file (test/fixtures/cdnow, see its README) into a
 * customers CSV and an orders CSV in Stratum's import format.
 * - customers: external_id = the CDNOW customer id (zero-padded as in the file), name "CDNOW 00001";
 * - orders: external_id = `<customer>-<line>` (line in the master file, the header being line 1),
 *   ordered_at = the YYYYMMDD date as YYYY-MM-DD, amount = the dollar value (the 80 zero-value rows are
 *   kept), currency USD, category = "<n> CDs".
 * Also returns the file's totals, with the revenue summed exactly in cents.
 */
export async function convertCdnow(outDir: string, master = CDNOW_MASTER): Promise<CdnowFiles> {
  const raw = await fs.readFile(master);
  const text = (master.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8');
  const lines = text.split(/\r?\n/);
  const customers = new Set<string>();
  const orderLines: string[] = ['external_id,customer_external_id,ordered_at,amount,currency,category'];
  let cents = 0n;
  let zero = 0;
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === '') return;
    const [customer, date, cds, dollars] = line.trim().split(/\s+/);
    if (!customer || !date || !cds || !dollars)
      throw new Error(`CDNOW line ${index + 1} is malformed: ${line}`);
    customers.add(customer);
    const [whole = '0', fraction = ''] = dollars.split('.');
    const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
    cents += value;
    if (value === 0n) zero++;
    const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
    orderLines.push(`${customer}-${index + 1},${customer},${day},${dollars},USD,${cds} CDs`);
  });
  await fs.mkdir(outDir, { recursive: true });
  const customersCsv = path.join(outDir, 'cdnow_customers.csv');
  const ordersCsv = path.join(outDir, 'cdnow_orders.csv');
  const sorted = [...customers].sort();
  await fs.writeFile(
    customersCsv,
    ['external_id,name', ...sorted.map((id) => `${id},CDNOW ${id}`)].join('\n') + '\n',
  );
  await fs.writeFile(ordersCsv, orderLines.join('\n') + '\n');
  const revenue = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  return {
    customersCsv,
    ordersCsv,
    customers: customers.size,
    orders: orderLines.length - 1,
    zeroValueOrders: zero,
    revenue,
  };
}
