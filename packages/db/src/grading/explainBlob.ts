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

/** The most bytes a blob of k indicators and s signals takes (the exact size comes from writeExplainBlob). */
export function explainBlobMaxSize(indicators: number, signals: number): number {
  if (signals > MAX_SIGNALS || indicators >= LAYOUT_2) throw new RangeError('explain blob: too many columns');
  return 6 + Math.ceil(indicators / 8) + indicators * 12 + signals * 4;
}

/** Writes row `row`'s blob at `offset`; returns the offset after it. */
export function writeExplainBlob(
  view: DataView,
  offset: number,
  row: number,
  raw: readonly Float64Array[],
  contributions: readonly Float64Array[],
  evidence: readonly Float64Array[],
): number {
  const k = raw.length;
  view.setUint16(offset, k | LAYOUT_2, true);
  view.setUint16(offset + 2, evidence.length, true);
  const widths = offset + 6;
  let p = widths + ((k + 7) >> 3);
  for (let b = widths; b < p; b++) view.setUint8(b, 0);
  for (let j = 0; j < k; j++) {
    const value = raw[j]![row]!;
    if (Math.fround(value) === value || value !== value) {
      view.setFloat32(p, value, true);
      p += 4;
    } else {
      view.setUint8(widths + (j >> 3), view.getUint8(widths + (j >> 3)) | (1 << (j & 7)));
      view.setFloat64(p, value, true);
      p += 8;
    }
  }
  for (let j = 0; j < k; j++, p += 4) view.setFloat32(p, contributions[j]![row]!, true);
  let mask = 0;
  for (let j = 0; j < evidence.length; j++) {
    const value = evidence[j]![row]!;
    if (value !== value) continue;
    mask |= 1 << j;
    view.setFloat32(p, value, true);
    p += 4;
  }
  view.setUint16(offset + 4, mask, true);
  return p;
}

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
