import type { ModelSegment } from '@stratum/core';
import { modelError } from './modelErrors.js';

/**
 * The precedence of published models (DESIGN §5, "every customer graded by exactly one"): models are tried
 * by ascending priority and the first whose segment matches grades the customer. That is only clear when
 * priorities differ, when exactly one published model has no segment (the fallback: it matches everyone),
 * and when that fallback comes last (a model after it would grade nobody).
 */
export interface PublishedEntry {
  id: number;
  key: string;
  version: number;
  priority: number;
  segment: ModelSegment | undefined;
}

/** A segment that filters nothing: exactly the cases where segments.ts matches every customer. */
export function isFallback(segment: ModelSegment | undefined): boolean {
  if (!segment) return true;
  return (
    !segment.industries?.length &&
    !segment.regions?.length &&
    !segment.marketPositions?.length &&
    segment.employees === undefined &&
    segment.companyRevenue === undefined
  );
}

/** Throws the reason the published set `after` (as it would be after a change) is not a clear precedence. */
export function checkPrecedence(after: readonly PublishedEntry[], change: string): void {
  const name = (m: PublishedEntry) => `${m.key} v${m.version} (priority ${m.priority})`;
  const ordered = [...after].sort((a, b) => a.priority - b.priority || a.id - b.id);
  for (let k = 1; k < ordered.length; k++) {
    const [a, b] = [ordered[k - 1]!, ordered[k]!];
    if (a.priority === b.priority) {
      throw modelError(
        'PRIORITY_TAKEN',
        `${change} would give ${name(a)} and ${name(b)} the same priority; choose another priority`,
        { priority: a.priority, models: [a.id, b.id] },
      );
    }
  }
  const fallbackAt = ordered.findIndex((m) => isFallback(m.segment));
  if (fallbackAt < 0) {
    throw modelError(
      'NO_FALLBACK_MODEL',
      `${change} would leave no published model without a segment, so some customers would not be graded; ` +
        'keep or publish a fallback model (no segment) first',
    );
  }
  const shadowed = ordered.slice(fallbackAt + 1);
  if (shadowed.length > 0) {
    const fallback = ordered[fallbackAt]!;
    throw modelError(
      'MODEL_SHADOWED',
      `${change} would leave ${shadowed.map(name).join(', ')} after the fallback ${name(fallback)}, ` +
        'which grades every customer first; give segmented models a lower priority than the fallback',
      { fallback: fallback.id, shadowed: shadowed.map((m) => m.id) },
    );
  }
}
