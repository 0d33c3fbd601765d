/**
 * The `grades.explain` column: per customer, what the explanation API needs beyond the scalar columns:
 * the raw value and the contribution of each of the run's model indicators (k, model order) and the
 * evidence of each churn signal (s, core's CHURN_SIGNAL_KEYS order). Little-endian.
 *
 * Layout 2 (written now; lossless, ~1/3 smaller than layout 1, which matters at a million rows a run):
 *   k | 0x8000 u16 | s u16 | evidence mask u16 | width bits ⌈k/8⌉ bytes |
 *   raw values (f64 where the width bit is set, else f32: only where f32 holds the value exactly) |
 *   contributions f32 × k | evidence f32 for each set mask bit (NaN evidence is left out)
 * Layout 1 (runs written before): k u16 | s u16 | raw f64 × k | contributions f32 × k | evidence f32 × s.
 */
const LAYOUT_2 = 0x8000;
const MAX_SIGNALS = 16;

/** The most bytes a blob of k indicators and s signals takes (the exact size comes from ExplainBlobWriter.write). */
export function explainBlobMaxSize(indicators: number, signals: number): number {
  if (signals > MAX_SIGNALS || indicators >= LAYOUT_2) throw new RangeError('explain blob: too many columns');
  return 6 + Math.ceil(indicators / 8) + indicators * 12 + signals * 4;
}

/**
 * Writes the blobs of a run's rows, in row order. The values of a row sit in ~50 different columns; read
 * row by row, that is ~50 memory streams at once, more than the CPU prefetches (a million rows took
 * ~0.3 s). So the columns are first copied block by block into a small row-major table, column by
 * column (sequential reads), and each blob is written from there.
 */
export class ExplainBlobWriter {
  private readonly columns: readonly Float64Array[];
  private readonly k: number;
  private readonly s: number;
  private readonly width: number;
  private readonly block: Float64Array;
  /** First row of the loaded block (none loaded yet: far below row 0). */
  private from = -2 * BLOCK_ROWS;

  constructor(
    raw: readonly Float64Array[],
    contributions: readonly Float64Array[],
    evidence: readonly Float64Array[],
  ) {
    explainBlobMaxSize(raw.length, evidence.length); // checks the limits
    this.columns = [...raw, ...contributions, ...evidence];
    this.k = raw.length;
    this.s = evidence.length;
    this.width = this.columns.length;
    this.block = new Float64Array(BLOCK_ROWS * this.width);
  }

  /** Writes row `row`'s blob at `offset`; returns the offset after it. */
  write(view: DataView, offset: number, row: number): number {
    if (row < this.from || row >= this.from + BLOCK_ROWS) this.load(row);
    const { k, s, block } = this;
    const base = (row - this.from) * this.width;
    view.setUint16(offset, k | LAYOUT_2, true);
    view.setUint16(offset + 2, s, true);
    const widths = offset + 6;
    let p = widths + ((k + 7) >> 3);
    let bits = 0; // width bits of the current group of 8 indicators, stored when the group is done
    for (let j = 0; j < k; j++) {
      const value = block[base + j]!;
      if (Math.fround(value) === value || value !== value) {
        view.setFloat32(p, value, true);
        p += 4;
      } else {
        bits |= 1 << (j & 7);
        view.setFloat64(p, value, true);
        p += 8;
      }
      if ((j & 7) === 7 || j === k - 1) {
        view.setUint8(widths + (j >> 3), bits);
        bits = 0;
      }
    }
    for (let j = k; j < 2 * k; j++, p += 4) view.setFloat32(p, block[base + j]!, true);
    let mask = 0;
    for (let j = 0; j < s; j++) {
      const value = block[base + 2 * k + j]!;
      if (value !== value) continue;
      mask |= 1 << j;
      view.setFloat32(p, value, true);
      p += 4;
    }
    view.setUint16(offset + 4, mask, true);
    return p;
  }

  private load(row: number): void {
    this.from = row - (row % BLOCK_ROWS);
    const { columns, width, block, from } = this;
    const rows = Math.min(BLOCK_ROWS, (columns[0]?.length ?? 0) - from);
    for (let c = 0; c < width; c++) {
      const column = columns[c]!;
      for (let r = 0; r < rows; r++) block[r * width + c] = column[from + r]!;
    }
  }
}

/** Rows per block of ExplainBlobWriter: 512 rows × ~50 values stay in L2. */
const BLOCK_ROWS = 512;

export interface ExplainValues {
  raw: number[];
  contributions: number[];
  evidence: number[];
}

/** NaN stays NaN (missing): the reader decides how to present it. Reads both layouts. */
export function readExplainBlob(blob: Buffer): ExplainValues {
  const head = blob.readUInt16LE(0);
  const s = blob.readUInt16LE(2);
  const raw: number[] = [];
  const contributions: number[] = [];
  const evidence: number[] = [];
  if ((head & LAYOUT_2) === 0) {
    let p = 4;
    for (let i = 0; i < head; i++, p += 8) raw.push(blob.readDoubleLE(p));
    for (let i = 0; i < head; i++, p += 4) contributions.push(blob.readFloatLE(p));
    for (let i = 0; i < s; i++, p += 4) evidence.push(blob.readFloatLE(p));
    return { raw, contributions, evidence };
  }
  const k = head & ~LAYOUT_2;
  const mask = blob.readUInt16LE(4);
  const widths = 6;
  let p = widths + ((k + 7) >> 3);
  for (let j = 0; j < k; j++) {
    if (blob[widths + (j >> 3)]! & (1 << (j & 7))) {
      raw.push(blob.readDoubleLE(p));
      p += 8;
    } else {
      raw.push(blob.readFloatLE(p));
      p += 4;
    }
  }
  for (let j = 0; j < k; j++, p += 4) contributions.push(blob.readFloatLE(p));
  for (let j = 0; j < s; j++) {
    if (mask & (1 << j)) {
      evidence.push(blob.readFloatLE(p));
      p += 4;
    } else evidence.push(Number.NaN);
  }
  return { raw, contributions, evidence };
}
