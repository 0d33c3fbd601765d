import { DEFAULT_MODEL, formatPath, validateModel, type GradingModel, type ModelIssue } from '@stratum/core';
import { gradingModels, type Db } from '@stratum/db';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { modelError } from './modelErrors.js';

export interface StoredModel {
  id: number;
  key: string;
  version: number;
  name: string;
  status: 'draft' | 'published' | 'archived';
  priority: number;
  schedule: string | null;
  model: GradingModel;
}

export type ModelRow = typeof gradingModels.$inferSelect;

/** A stored document, validated again on the way out: a model that no longer validates is refused, not run. */
export function toStoredModel(row: ModelRow): StoredModel {
  const checked = validateModel(row.document);
  if (!checked.ok) {
    throw modelError(
      'MODEL_INVALID',
      `Model ${row.key} v${row.version} does not validate`,
      modelIssuesDetails(checked.issues),
    );
  }
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    status: row.status,
    priority: row.priority,
    schedule: row.schedule,
    model: checked.model,
  };
}

/** Validation issues as API error details: where (path as written and as segments), what, and zh/en text. */
export function modelIssuesDetails(issues: readonly ModelIssue[]) {
  return issues.map((issue) => ({
    path: formatPath(issue.path),
    pathSegments: [...issue.path],
    code: issue.code,
    message: issue.message,
  }));
}

export async function loadModel(db: Db, id: number): Promise<StoredModel> {
  const [row] = await db.select().from(gradingModels).where(eq(gradingModels.id, id));
  if (!row) throw modelError('MODEL_NOT_FOUND', `Grading model ${id} does not exist`);
  return toStoredModel(row);
}

/** Published models, fallback last (priority ascending). */
export async function publishedModels(db: Db): Promise<StoredModel[]> {
  const rows = await db
    .select()
    .from(gradingModels)
    .where(eq(gradingModels.status, 'published'))
    .orderBy(asc(gradingModels.priority), asc(gradingModels.id));
  return rows.map(toStoredModel);
}

export const DEFAULT_MODEL_KEY = 'default';

/**
 * A new installation grades with the default model (DESIGN §5, the seed material's scorecard) until
 * someone publishes another: created on first use, published, lowest precedence.
 */
export async function ensureDefaultModel(db: Db, actor: Actor): Promise<void> {
  const [existing] = await db
    .select({ id: gradingModels.id })
    .from(gradingModels)
    .where(and(eq(gradingModels.key, DEFAULT_MODEL_KEY)))
    .limit(1);
  if (existing) return;
  const now = new Date();
  await db
    .insert(gradingModels)
    .values({
      key: DEFAULT_MODEL_KEY,
      version: 1,
      name: DEFAULT_MODEL.name,
      status: 'published',
      document: DEFAULT_MODEL,
      priority: 1000,
      createdBy: actor.userId,
      updatedBy: actor.userId,
      publishedAt: now,
      publishedBy: actor.userId,
    })
    .onConflictDoNothing();
}
