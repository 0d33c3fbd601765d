import type { ModelSegment } from '@stratum/core';
import { gradingModels, type Db } from '@stratum/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Tx } from '../app/transaction.js';
import { writeAudit } from '../audit/auditWriter.js';
import { checkDocument, lockModels } from './modelDrafts.js';
import { modelError } from './modelErrors.js';
import { checkPrecedence, type PublishedEntry } from './modelPrecedence.js';
import { auditedModel } from './modelPresent.js';
import { getModelRow } from './modelQueries.js';
import { ensureDefaultModel, type ModelRow } from './modelStore.js';

/**
 * draft → published → archived. Publishing freezes a draft and, in the same transaction, archives the
 * family's previously published version (one published version per family); archiving retires any
 * version. Neither may leave the published set without a clear precedence (modelPrecedence.ts). The
 * next grading run uses the new set; grades already published stay until then.
 */
export interface PublishInput {
  priority?: number | undefined;
  /** null = no segment (a fallback); undefined = keep the draft's. */
  segment?: ModelSegment | null | undefined;
}

export async function publishModel(
  db: Db,
  actor: Actor,
  modelId: number,
  input: PublishInput,
): Promise<ModelRow> {
  await ensureDefaultModel(db, actor);
  return db.transaction(async (tx) => {
    await lockModels(tx);
    const draft = await getModelRow(tx, modelId, true);
    if (draft.status !== 'draft') {
      throw modelError(
        'MODEL_NOT_DRAFT',
        `Model ${draft.key} v${draft.version} is ${draft.status}: only drafts are published`,
      );
    }
    const document: Record<string, unknown> = { ...draft.document };
    if (input.segment === null) delete document.segment;
    else if (input.segment !== undefined) document.segment = input.segment;
    const model = checkDocument(document);
    const priority = input.priority ?? draft.priority;

    const published = await publishedRows(tx);
    const previous = published.find((row) => row.key === draft.key);
    const after = published.filter((row) => row.key !== draft.key).map(entry);
    after.push({ id: draft.id, key: draft.key, version: draft.version, priority, segment: model.segment });
    checkPrecedence(after, `Publishing ${draft.key} v${draft.version}`);

    const now = new Date();
    if (previous) {
      // First, so the one-published-version-per-family index never sees two.
      await retire(tx, actor, previous, now);
    }
    const [row] = await tx
      .update(gradingModels)
      .set({
        status: 'published',
        document: model,
        name: model.name,
        priority,
        publishedAt: now,
        publishedBy: actor.userId,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(eq(gradingModels.id, draft.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'update',
      entity: 'grading_model',
      entityId: draft.id,
      before: auditedModel(draft),
      after: { ...auditedModel(row!), replaced: previous?.id ?? null },
    });
    return row!;
  });
}

export async function archiveModel(db: Db, actor: Actor, modelId: number): Promise<ModelRow> {
  await ensureDefaultModel(db, actor);
  return db.transaction(async (tx) => {
    await lockModels(tx);
    const row = await getModelRow(tx, modelId, true);
    if (row.status === 'archived') {
      throw modelError('MODEL_FROZEN', `Model ${row.key} v${row.version} is already archived`);
    }
    if (row.status === 'published') {
      const after = (await publishedRows(tx)).filter((r) => r.id !== row.id).map(entry);
      checkPrecedence(after, `Archiving ${row.key} v${row.version}`);
    }
    return retire(tx, actor, row, new Date());
  });
}

async function retire(tx: Tx, actor: Actor, before: ModelRow, now: Date): Promise<ModelRow> {
  const [row] = await tx
    .update(gradingModels)
    .set({
      status: 'archived',
      archivedAt: now,
      archivedBy: actor.userId,
      updatedAt: now,
      updatedBy: actor.userId,
    })
    .where(eq(gradingModels.id, before.id))
    .returning();
  await writeAudit(tx, actor, {
    action: 'update',
    entity: 'grading_model',
    entityId: before.id,
    before: { status: before.status },
    after: { status: 'archived' },
  });
  return row!;
}

async function publishedRows(tx: Tx): Promise<ModelRow[]> {
  return tx.select().from(gradingModels).where(eq(gradingModels.status, 'published')).for('update');
}

function entry(row: ModelRow): PublishedEntry {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    priority: row.priority,
    segment: (row.document as { segment?: ModelSegment }).segment,
  };
}
