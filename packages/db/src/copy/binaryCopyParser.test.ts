import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryRowEncoder } from './binaryCopyWriter.js';
import { BinaryCopyParser } from './binaryCopyReader.js';

/** A binary COPY stream of rows (id int8, n int4 or NULL, blob of `sizes[i]` bytes). */
function stream(sizes: number[]): Buffer {
  const e = new BinaryRowEncoder();
  e.header();
  const parts: Buffer[] = [];
  sizes.forEach((size, i) => {
    e.row(3)
      .int8(i * 4294967297)
      .int4(i % 3 === 0 ? Number.NaN : -i);
    e.bytes(size, (view, offset) => {
      for (let k = 0; k < size; k++) view.setUint8(offset + k, (i + k) & 255);
    });
    const chunk = e.take(false);
    if (chunk) parts.push(chunk);
  });
  e.trailer();
  parts.push(e.take(true)!);
  return Buffer.concat(parts);
}

function parse(bytes: Buffer, cuts: number[]): { rows: string[]; finished: boolean } {
  const rows: string[] = [];
  const parser = new BinaryCopyParser((buffer, offsets, lengths, view) => {
    const id = view.getInt32(offsets[0]!) * 4294967296 + view.getUint32(offsets[0]! + 4);
    const n = offsets[1]! < 0 ? 'null' : String(view.getInt32(offsets[1]!));
    const blob = buffer.subarray(offsets[2], offsets[2]! + lengths[2]!).toString('hex');
    rows.push(`${id}|${n}|${blob}`);
  });
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    parser.push(bytes.subarray(from, cut));
    from = cut;
  }
  parser.push(bytes.subarray(from));
  return { rows, finished: parser.finished };
}

describe('BinaryCopyParser', () => {
  it('gives the same rows however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat(40), fc.integer({ min: 16_000, max: 70_000 })), { maxLength: 12 }),
        fc.array(fc.nat(400_000), { maxLength: 30 }),
        (sizes, cuts) => {
          const bytes = stream(sizes);
          const whole = parse(bytes, []);
          expect(whole.rows).toHaveLength(sizes.length);
          expect(whole.finished).toBe(true);
          expect(parse(bytes, cuts)).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('accepts a stream fed one byte at a time', () => {
    const bytes = stream([3, 0, 5]);
    const cuts = Array.from({ length: bytes.length }, (_, i) => i);
    expect(parse(bytes, cuts)).toEqual(parse(bytes, []));
  });

  it('rejects bytes that are not a binary COPY stream', () => {
    const parser = new BinaryCopyParser(() => undefined);
    expect(() => parser.push(Buffer.from('id,name\n1,x\n'.repeat(3)))).toThrow(/not a binary COPY stream/);
  });
});
