import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '@stratum/db';

/** UTF-8 byte-order mark: Excel (zh-CN) opens a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Writes every rejected row of an import (line, column, value, code, message) to a CSV file, UTF-8 with
 * BOM, streamed from import_errors with COPY so a report of millions of rows takes no memory.
 */
export async function writeImportReport(
  database: Database,
  importId: number,
  outPath: string,
): Promise<void> {
  if (!Number.isSafeInteger(importId)) throw new RangeError(`not an import id: ${importId}`);
  const client = await database.pool.connect();
  try {
    const out = fs.createWriteStream(outPath);
    out.write(UTF8_BOM);
    const copy = client.query(
      copyTo(
        `COPY (SELECT line, "column", value, code, message FROM import_errors WHERE import_id = ${importId}
           ORDER BY line, "column") TO STDOUT WITH (FORMAT csv, HEADER true)`,
      ),
    );
    await pipeline(copy, out);
  } finally {
    client.release();
  }
}
