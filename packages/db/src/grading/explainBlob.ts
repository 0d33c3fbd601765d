/**
 * The `grades.explain` column: per customer, what the explanation API needs beyond the scalar columns.
 * Layout (little-endian): k u16 | s u16 | raw indicator values f64 × k | contributions f32 × k |
 * churn evidence f32 × s. k follows the run's model indicators, s core's CHURN_SIGNAL_KEYS.
 */
export function explainBlobSize(indicators: number, signals: number): number {
  return 4 + indicators * 12 + signals * 4;
}

export function writeExplainBlob(
  view: DataView,
  offset: number,
  row: number,
  raw: readonly Float64Array[],
  contributions: readonly Float64Array[],
  evidence: readonly Float64Array[],
): void {
  view.setUint16(offset, raw.length, true);
  view.setUint16(offset + 2, evidence.length, true);
  let p = offset + 4;
  for (let k = 0; k < raw.length; k++, p += 8) view.setFloat64(p, raw[k]![row]!, true);
  for (let k = 0; k < contributions.length; k++, p += 4) view.setFloat32(p, contributions[k]![row]!, true);
  for (let k = 0; k < evidence.length; k++, p += 4) view.setFloat32(p, evidence[k]![row]!, true);
}

export interface ExplainValues {
  raw: number[];
  contributions: number[];
  evidence: number[];
}

/** NaN stays NaN (missing): the reader decides how to present it. */
export function readExplainBlob(blob: Buffer): ExplainValues {
  const k = blob.readUInt16LE(0);
  const s = blob.readUInt16LE(2);
  let p = 4;
  const raw: number[] = [];
  const contributions: number[] = [];
  const evidence: number[] = [];
  for (let i = 0; i < k; i++, p += 8) raw.push(blob.readDoubleLE(p));
  for (let i = 0; i < k; i++, p += 4) contributions.push(blob.readFloatLE(p));
  for (let i = 0; i < s; i++, p += 4) evidence.push(blob.readFloatLE(p));
  return { raw, contributions, evidence };
}
