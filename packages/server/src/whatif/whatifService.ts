import type { Database } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import { resolveAsOf } from '../grading/requestRuns.js';
import { checkDocument } from '../models/modelDrafts.js';
import { modelError } from '../models/modelErrors.js';
import { isFallback } from '../models/modelPrecedence.js';
import { getModelRow } from '../models/modelQueries.js';
import { ensureDefaultModel, loadModel, publishedModels, type StoredModel } from '../models/modelStore.js';
import { readCurrentTiers } from './currentTiers.js';
import { evaluatePreview } from './evaluatePreview.js';
import { moversPage } from './moversPage.js';
import type { WhatIf, WhatIfPageInput } from './whatifSchemas.js';
import { summarizeWhatIf } from './whatifSummary.js';

/**
 * What-if preview: a model (any stored version, or an unsaved document) evaluated on current data as a
 * run would evaluate it (same features, segment precedence, hysteresis against its family's current
 * grades, active overrides; see evaluatePreview.ts) — and then only summarised. Nothing is written: no run, no
 * grades, no events; the only side effect is the activity rollup catching up, which any reader may do.
 */
export interface PreviewRequest extends WhatIfPageInput {
  asOf?: string | undefined;
}

export type Candidate =
  | { modelId: number }
  | { document: Record<string, unknown>; fromModelId?: number | undefined; priority?: number | undefined };

export async function resolveCandidate(database: Database, actor: Actor, candidate: Candidate) {
  const { db } = database;
  await ensureDefaultModel(db, actor);
  if ('modelId' in candidate) return { stored: await loadModel(db, candidate.modelId), saved: true };
  const model = checkDocument(candidate.document);
  const base =
    candidate.fromModelId === undefined
      ? await publishedFallback(database)
      : await getModelRow(db, candidate.fromModelId);
  const stored: StoredModel = {
    id: 0,
    key: base.key,
    version: 0,
    name: model.name,
    status: 'draft',
    priority: candidate.priority ?? base.priority,
    schedule: null,
    model,
  };
  return { stored, saved: false };
}

export async function previewWhatIf(
  database: Database,
  actor: Actor,
  timezone: string,
  candidate: Candidate,
  request: PreviewRequest,
): Promise<WhatIf> {
  const started = performance.now();
  const asOf = resolveAsOf(request.asOf, timezone);
  const { stored, saved } = await resolveCandidate(database, actor, candidate);
  const client = await database.pool.connect();
  try {
    let lap = performance.now();
    const timings = { refresh: 0, extract: 0, grade: 0, compare: 0, total: 0 };
    const phaseDone = (phase: 'refresh' | 'extract' | 'grade' | 'compare') => {
      const now = performance.now();
      timings[phase] = (now - lap) / 1000;
      lap = now;
    };
    const evaluation = await evaluatePreview(stored, {
      database,
      client,
      timezone,
      asOf,
      enterPhase: (phase) => phaseDone(phase === 'extract' ? 'refresh' : 'extract'),
    });
    phaseDone('grade');
    const { result } = evaluation;
    const current = await readCurrentTiers(database.db, client, result.ids, evaluation.previous);
    const summary = summarizeWhatIf(stored.model, result, current);
    const page = await moversPage(database.db, actor, stored.model, result, current, summary.movers, request);
    return {
      model: {
        id: saved ? stored.id : null,
        key: stored.key,
        version: saved ? stored.version : null,
        name: stored.name,
        priority: stored.priority,
      },
      asOf,
      population: evaluation.population,
      customers: summary.customers,
      totalRevenue: summary.totalRevenue,
      tiers: summary.tiers,
      matrix: summary.matrix,
      changes: summary.changes,
      movers: { total: page.total, offset: request.offset, limit: request.limit, items: page.items },
      seconds: {
        ...timings,
        compare: (performance.now() - lap) / 1000,
        total: (performance.now() - started) / 1000,
      },
    };
  } finally {
    client.release();
  }
}

/** The published model without a segment (there is always one: publishing and archiving keep it). */
async function publishedFallback(database: Database): Promise<StoredModel> {
  const fallback = (await publishedModels(database.db)).findLast((m) => isFallback(m.model.segment));
  if (!fallback) {
    throw modelError('NO_FALLBACK_MODEL', 'No published model without a segment; give fromModelId');
  }
  return fallback;
}
