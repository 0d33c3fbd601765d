import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncodingOption } from './DecodeToUtf8.js';
import { FileFormatError } from './FileFormatError.js';
import { readCsv } from './readCsv.js';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-csv-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function read(bytes: Buffer | string, encoding: EncodingOption = 'auto', maxRecordBytes = 1024) {
  const file = path.join(dir, `f${Math.random()}.csv`);
  await fs.writeFile(file, bytes);
  const csv = readCsv(file, { encoding, maxRecordBytes });
  const records: Array<[number, ...unknown[]]> = [];
  for await (const batch of csv.records)
    for (const record of batch) records.push([record.line, ...record.cells]);
  return { records, encoding: csv.encoding() };
}

async function failure(bytes: Buffer | string, encoding: EncodingOption = 'auto', maxRecordBytes = 1024) {
  try {
    await read(bytes, encoding, maxRecordBytes);
  } catch (error) {
    if (error instanceof FileFormatError) return { code: error.code, line: error.line };
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('readCsv', () => {
  it('gives each record the line it starts on, across quoted line breaks, CRLF and blank lines', async () => {
    const { records } = await read('a,b\r\n1,2\r\n"x\r\ny",3\r\n\r\n4,"5\n6\r7"\r\n8,9');
    expect(records).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, 'x\r\ny', '3'],
      [6, '4', '5\n6\r7'],
      [9, '8', '9'],
    ]);
  });

  it.each([
    ['UTF-8', Buffer.from('名称\n华东\n'), 'auto', 'utf-8'],
    [
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名称\n华东\n')]),
      'auto',
      'utf-8',
    ],
    ['GBK', iconv.encode('名称\n华东\n', 'gbk'), 'auto', 'gb18030'],
    ['GBK forced', iconv.encode('名称\n华东\n', 'gbk'), 'gbk', 'gb18030'],
    ['GB18030 four-byte characters', iconv.encode('名称\n𠀀\n', 'gb18030'), 'auto', 'gb18030'],
  ] as const)('decodes %s', async (_name, bytes, option, detected) => {
    const { records, encoding } = await read(bytes, option);
    expect(encoding).toBe(detected);
    expect(records.map((record) => record[1])).toEqual(['名称', bytes.includes(0x95) ? '𠀀' : '华东']);
  });

  it('decides the encoding at the first non-ASCII chunk, however late', async () => {
    const ascii = 'id,name\n' + 'x,y\n'.repeat(100_000);
    const { records, encoding } = await read(
      Buffer.concat([Buffer.from(ascii), iconv.encode('z,华东\n', 'gbk')]),
    );
    expect(encoding).toBe('gb18030');
    expect(records.at(-1)).toEqual([100_002, 'z', '华东']);
  });

  it.each([
    [
      'a bad UTF-8 byte on line 3',
      Buffer.concat([Buffer.from('名称\n华东\nab'), Buffer.from([0xff]), Buffer.from('\n')]),
      'auto',
      'INVALID_ENCODING',
      3,
    ],
    [
      'UTF-8 cut inside a character',
      Buffer.from('名称\n华东').subarray(0, -1),
      'auto',
      'INVALID_ENCODING',
      2,
    ],
    [
      'GBK cut inside a character',
      iconv.encode('名称\n华东', 'gbk').subarray(0, -1),
      'auto',
      'INVALID_ENCODING',
      2,
    ],
    ['GBK forced on an invalid byte', Buffer.from([0x61, 0x0a, 0x81, 0x0a]), 'gbk', 'INVALID_ENCODING', 2],
    ['UTF-16', Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'auto', 'UNSUPPORTED_ENCODING', 1],
    ['an unclosed quote', 'a,b\n1,"2\n3,4\n', 'auto', 'CSV_SYNTAX', 2],
    ['a record over the limit', `a,b\n1,2\n3,${'x'.repeat(5000)}\n5,6\n`, 'auto', 'RECORD_TOO_LONG', 3],
  ] as const)('refuses %s with its line', async (_name, bytes, option, code, line) => {
    expect(await failure(bytes, option)).toEqual({ code, line });
  });
});
