import { gradingModels, type Db, type ModelStatus } from '@stratum/db';
import { and, asc, desc, eq, gt, lt, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import type { Queryable } from '../app/transaction.js';
import { modelError } from './modelErrors.js';
import { ensureDefaultModel, type ModelRow } from './modelStore.js';

/**
 * Reading models. Models carry no customer data: every caller with grading:read sees all of them.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The latest version of each family (with `status`: the latest version having that status), by key. */
export async function listModels(
  db: Db,
  actor: Actor,
  query: { limit: number; cursor?: string | undefined; status?: ModelStatus | undefined },
): Promise<Page<ModelRow>> {
  await ensureDefaultModel(db, actor);
  const conditions: SQL[] = [];
  if (query.status !== undefined) conditions.push(eq(gradingModels.status, query.status));
  if (query.cursor !== undefined) {
    const [after] = decodeCursor(query.cursor);
    if (typeof after !== 'string') throw invalidCursor();
    conditions.push(gt(gradingModels.key, after));
  }
  const rows = await db
    .selectDistinctOn([gradingModels.key])
    .from(gradingModels)
    .where(and(...conditions))
    .orderBy(asc(gradingModels.key), desc(gradingModels.version))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.key]) : null };
}

/** Every version of the family `modelId` belongs to, newest first. */
export async function listVersions(
  db: Db,
  modelId: number,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<ModelRow>> {
  const model = await getModelRow(db, modelId);
  const conditions: SQL[] = [eq(gradingModels.key, model.key)];
  if (query.cursor !== undefined) {
    const [before] = decodeCursor(query.cursor);
    if (typeof before !== 'number') throw invalidCursor();
    conditions.push(lt(gradingModels.version, before));
  }
  const rows = await db
    .select()
    .from(gradingModels)
    .where(and(...conditions))
    .orderBy(desc(gradingModels.version))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.version]) : null };
}

/** One version; `forUpdate` locks it until the transaction ends. */
export async function getModelRow(db: Queryable, modelId: number, forUpdate = false): Promise<ModelRow> {
  const query = db.select().from(gradingModels).where(eq(gradingModels.id, modelId));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw modelError('MODEL_NOT_FOUND', `Grading model ${modelId} does not exist`);
  return row;
}
