import fs from 'node:fs';
import { once } from 'node:events';

/**
 * Writes a synthetic orders CSV in the import format, fast and in constant memory (tests of killed
 * imports, the import benchmark). Customer external ids are `1` … `customers` (the benchmark also
 * loads customers with those ids, so psql \copy can load the same file into the same table), order ids
 * `O<n>` in file order, dates spread over five years, amounts with cents, a few returns.
 */
export interface OrdersCsvOptions {
  readonly rows: number;
  readonly customers: number;
}

export async function writeOrdersCsv(file: string, options: OrdersCsvOptions): Promise<void> {
  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  out.write('external_id,customer_external_id,ordered_at,amount,margin,currency,category,channel\n');
  const start = Date.UTC(2020, 0, 1) / 1000;
  let chunk = '';
  let state = 0x2545f491;
  for (let i = 1; i <= options.rows; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const random = (state >>> 0) / 2 ** 32;
    const customer = 1 + Math.floor(random * options.customers);
    const at = new Date((start + Math.floor((i / options.rows) * 5 * 365 * 86_400)) * 1000).toISOString();
    const cents = Math.floor(random * 1_000_000) * (i % 50 === 0 ? -1 : 1);
    const amount = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
    chunk += `O${i},${customer},${at.slice(0, 10)} ${at.slice(11, 19)},${amount},${Math.floor(Math.abs(cents) / 400)},CNY,C${i % 17},${i % 3 === 0 ? 'online' : 'direct'}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
