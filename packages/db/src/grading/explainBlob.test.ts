import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExplainBlobWriter, explainBlobMaxSize, readExplainBlob } from './explainBlob.js';

/** One customer's blob from per-column values (each array: one value per column). */
function roundTrip(raw: number[], contributions: number[], evidence: number[]) {
  const buffer = Buffer.alloc(explainBlobMaxSize(raw.length, evidence.length) + 8);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  const columns = (values: number[]) => values.map((v) => Float64Array.of(Number.NaN, v));
  const end = new ExplainBlobWriter(columns(raw), columns(contributions), columns(evidence)).write(
    view,
    3,
    1,
  );
  return { size: end - 3, values: readExplainBlob(buffer.subarray(3, end)) };
}

const value = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
);

describe('explain blob', () => {
  it('gives back every raw value exactly, contributions and evidence as float32, NaN as NaN', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.array(value, { maxLength: 16 }), (raw, evidence) => {
        const contributions = raw.map((v, j) => (Number.isFinite(v) ? v / (j + 1) : 0));
        const { values } = roundTrip(raw, contributions, evidence);
        expect(values.raw).toEqual(raw);
        expect(values.contributions).toEqual(contributions.map(Math.fround));
        expect(values.evidence).toEqual(evidence.map(Math.fround));
      }),
    );
  });

  it('stores whole numbers and missing values in 4 bytes, other values in 8, and only present evidence', () => {
    const counts = roundTrip([12, 0, Number.NaN, 365], [1, 2, 3, 4], [Number.NaN, Number.NaN, 97]);
    expect(counts.size).toBe(6 + 1 + 4 * 4 + 4 * 4 + 4);
    const money = roundTrip([1234.56, 0.1, 7], [1, 2, 3], []);
    expect(money.size).toBe(6 + 1 + 8 + 8 + 4 + 3 * 4);
    expect(money.values.raw).toEqual([1234.56, 0.1, 7]);
  });

  it('reads blobs of the first layout (runs written before the compact one)', () => {
    const blob = Buffer.alloc(4 + 2 * 12 + 2 * 4);
    blob.writeUInt16LE(2, 0);
    blob.writeUInt16LE(2, 2);
    blob.writeDoubleLE(1234.56, 4);
    blob.writeDoubleLE(Number.NaN, 12);
    blob.writeFloatLE(40, 20);
    blob.writeFloatLE(0, 24);
    blob.writeFloatLE(Number.NaN, 28);
    blob.writeFloatLE(97, 32);
    expect(readExplainBlob(blob)).toEqual({
      raw: [1234.56, Number.NaN],
      contributions: [40, 0],
      evidence: [Number.NaN, 97],
    });
  });
});

describe('ExplainBlobWriter', () => {
  it('writes every row as a fresh writer for that row does, in any order, across its blocks', () => {
    const rows = 1500;
    const column = (seed: number) =>
      Float64Array.from({ length: rows }, (_, i) => ((i * seed) % 7 === 0 ? Number.NaN : (i * seed) / 3));
    const raw = [column(1), column(2), column(5)];
    const contributions = [column(3), column(4), column(6)];
    const evidence = [column(7), column(9)];
    const writer = new ExplainBlobWriter(raw, contributions, evidence);
    const size = explainBlobMaxSize(3, 2);
    const one = Buffer.alloc(size);
    const many = Buffer.alloc(size);
    for (const row of [0, 1, 511, 512, 513, 1499, 7, 1024]) {
      // A writer of its own per row loads just that row's block.
      const a = new ExplainBlobWriter(raw, contributions, evidence).write(new DataView(one.buffer), 0, row);
      const b = writer.write(new DataView(many.buffer), 0, row);
      expect(b).toBe(a);
      expect(many.subarray(0, b)).toEqual(one.subarray(0, a));
      expect(readExplainBlob(many.subarray(0, b)).raw).toEqual(raw.map((c) => c[row]));
    }
  });
});
