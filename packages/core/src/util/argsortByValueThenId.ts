import { radixArgsort } from './radixArgsort.js';

export type SortDirection = 'asc' | 'desc';

/**
 * Row indices ordered by id ascending: the tie-break order for every ranking in the segmentation
 * models, so that a result never depends on the row order of the matrix. Compute it once and pass it
 * to several `argsortByValueThenId` calls.
 */
export function idOrder(ids: Float64Array): Uint32Array {
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1]! < ids[i]!;
  if (sorted) {
    const out = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = i;
    return out;
  }
  return radixArgsort(ids);
}

/**
 * Row indices ordered by value (`asc` or `desc`), equal values by id ascending. NaN sorts last in
 * both directions, so callers can mark rows to leave out with NaN and read the first `count` rows.
 */
export function argsortByValueThenId(
  values: Float64Array,
  ids: Float64Array,
  direction: SortDirection,
  byId: Uint32Array = idOrder(ids),
): Uint32Array {
  if (direction === 'asc') return radixArgsort(values, byId);
  const negated = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) negated[i] = -values[i]!;
  return radixArgsort(negated, byId);
}
