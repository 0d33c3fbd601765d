import {
  MARKET_POSITION_CODE,
  type FeatureMatrix,
  type GradingModel,
  type ModelSegment,
} from '@stratum/core';
import type { CustomerAttributes } from '@stratum/db';

/**
 * Which model grades which customer: published models are tried in priority order (lowest first) and the
 * first whose segment matches takes the customer; a model without a segment matches everyone, so the
 * fallback model (priority last) catches the rest. Every customer is graded by exactly one model, or by
 * none when no model matches (reported, never silently).
 */
export interface SegmentedModel {
  id: number;
  priority: number;
  model: Pick<GradingModel, 'segment'>;
}

/** For each matrix row, the index in `models` (sorted by priority) that grades it, or −1. */
export function assignModels(
  models: readonly SegmentedModel[],
  matrix: FeatureMatrix,
  attributes: CustomerAttributes,
): Int32Array {
  const ordered = models
    .map((m, index) => ({ m, index }))
    .sort((a, b) => a.m.priority - b.m.priority || a.m.id - b.m.id);
  const matchers = ordered.map(({ m }) => segmentMatcher(m.model.segment, matrix, attributes));
  const owner = new Int32Array(matrix.ids.length).fill(-1);
  for (let i = 0; i < owner.length; i++) {
    for (let k = 0; k < matchers.length; k++) {
      if (matchers[k]!(i)) {
        owner[i] = ordered[k]!.index;
        break;
      }
    }
  }
  return owner;
}

/** Rows of `matrix` whose owner is `modelIndex`. */
export function rowsOf(owner: Int32Array, modelIndex: number): Uint32Array {
  let count = 0;
  for (let i = 0; i < owner.length; i++) if (owner[i] === modelIndex) count++;
  const rows = new Uint32Array(count);
  for (let i = 0, k = 0; i < owner.length; i++) if (owner[i] === modelIndex) rows[k++] = i;
  return rows;
}

/** The sub-matrix of the given rows (all columns sliced). */
export function selectRows(matrix: FeatureMatrix, rows: Uint32Array): FeatureMatrix {
  if (rows.length === matrix.ids.length) return matrix;
  const pick = (column: Float64Array) => {
    const out = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]!]!;
    return out;
  };
  const columns: FeatureMatrix['columns'] = {};
  for (const [key, column] of Object.entries(matrix.columns) as [
    keyof FeatureMatrix['columns'],
    Float64Array,
  ][]) {
    columns[key] = pick(column);
  }
  return { ids: pick(matrix.ids), asOfDay: matrix.asOfDay, columns };
}

type Matcher = (row: number) => boolean;

function segmentMatcher(
  segment: ModelSegment | undefined,
  matrix: FeatureMatrix,
  attributes: CustomerAttributes,
): Matcher {
  if (!segment) return () => true;
  const tests: Matcher[] = [];
  if (segment.industries?.length)
    tests.push(inDictionary(segment.industries, attributes.industries, attributes.industry));
  if (segment.regions?.length)
    tests.push(inDictionary(segment.regions, attributes.regions, attributes.region));
  if (segment.marketPositions?.length) {
    const codes = new Set(segment.marketPositions.map((p) => MARKET_POSITION_CODE[p]));
    const column = matrix.columns.market_position;
    tests.push((row) => column !== undefined && codes.has(column[row]! as 0 | 1 | 2));
  }
  if (segment.employees) tests.push(inRange(segment.employees, matrix.columns.employees));
  if (segment.companyRevenue) tests.push(inRange(segment.companyRevenue, matrix.columns.company_revenue));
  return (row) => tests.every((test) => test(row));
}

function inDictionary(wanted: readonly string[], dictionary: readonly string[], codes: Int32Array): Matcher {
  const accepted = new Set(wanted.map((value) => dictionary.indexOf(value)).filter((code) => code >= 0));
  return (row) => accepted.has(codes[row]!);
}

/** Inclusive range; a customer with the value missing is outside any range. */
function inRange(
  range: { min?: number | undefined; max?: number | undefined },
  column: Float64Array | undefined,
): Matcher {
  const min = range.min ?? Number.NEGATIVE_INFINITY;
  const max = range.max ?? Number.POSITIVE_INFINITY;
  return (row) => {
    const value = column?.[row] ?? Number.NaN;
    return value >= min && value <= max;
  };
}
