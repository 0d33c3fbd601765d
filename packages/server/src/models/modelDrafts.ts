import { validateModel, type GradingModel } from '@stratum/core';
import { gradingModels, type Db } from '@stratum/db';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Tx } from '../app/transaction.js';
import { writeAudit } from '../audit/auditWriter.js';
import { modelError } from './modelErrors.js';
import { auditedModel } from './modelPresent.js';
import { getModelRow } from './modelQueries.js';
import { checkSchedule } from './modelSchedule.js';
import { ensureDefaultModel, modelIssuesDetails, type ModelRow } from './modelStore.js';

/**
 * Drafts: the only editable versions. A draft starts a new family or copies any version of a family into
 * its next version number; its document is validated on every save (a stored document always validates)
 * and kept as parsed, defaults filled in, so its meaning never shifts when a catalogue default changes.
 */

// Any fixed number: lifecycle changes of models (new versions, publish, archive) take turns.
const MODELS_LOCK = 727_100;

export async function lockModels(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${MODELS_LOCK})`);
}

/** The parsed model, or MODEL_INVALID (400) with every issue (path + zh/en message) as details. */
export function checkDocument(document: unknown): GradingModel {
  const checked = validateModel(document);
  if (!checked.ok) {
    const first = checked.issues[0];
    throw modelError(
      'MODEL_INVALID',
      `The model has ${checked.issues.length} problem(s)${first ? `; first: ${first.message.en}` : ''}`,
      modelIssuesDetails(checked.issues),
    );
  }
  return checked.model;
}

export interface NewDraft {
  fromModelId?: number | undefined;
  key?: string | undefined;
  document?: Record<string, unknown> | undefined;
  schedule?: string | null | undefined;
  priority?: number | undefined;
}

export async function createDraft(db: Db, actor: Actor, input: NewDraft): Promise<ModelRow> {
  if (input.fromModelId !== undefined && input.key !== undefined) {
    throw modelError(
      'MODEL_INVALID',
      'Give either fromModelId (a new version) or key (a new family), not both',
    );
  }
  if (input.fromModelId === undefined && input.document === undefined) {
    throw modelError('MODEL_INVALID', 'A new model family needs a document (or copy one with fromModelId)', [
      { path: 'document', message: { zh: '新模型需要提供模型文档', en: 'document is required' } },
    ]);
  }
  await ensureDefaultModel(db, actor);
  return db.transaction(async (tx) => {
    await lockModels(tx);
    const source = input.fromModelId === undefined ? undefined : await getModelRow(tx, input.fromModelId);
    const model = checkDocument(input.document ?? source?.document);
    const schedule = input.schedule === undefined ? source?.schedule : checkSchedule(input.schedule);
    const key = source?.key ?? input.key ?? (await generatedKey(tx));
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${gradingModels.version}), 0)::int + 1` })
      .from(gradingModels)
      .where(eq(gradingModels.key, key));
    if (!source && next > 1) throw modelError('MODEL_KEY_TAKEN', `A model family "${key}" already exists`);
    const [row] = await tx
      .insert(gradingModels)
      .values({
        key,
        version: next,
        name: model.name,
        status: 'draft',
        document: model,
        ...(input.priority !== undefined
          ? { priority: input.priority }
          : source
            ? { priority: source.priority }
            : {}),
        ...(schedule !== undefined ? { schedule } : {}),
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, actor, {
      action: 'create',
      entity: 'grading_model',
      entityId: row!.id,
      after: { ...auditedModel(row!), copiedFrom: source?.id ?? null },
    });
    return row!;
  });
}

export interface ModelEdit {
  document?: Record<string, unknown> | undefined;
  priority?: number | undefined;
  schedule?: string | null | undefined;
}

/**
 * Edits a version: the document and priority of a draft; the schedule of a draft or of the published
 * version (when it runs is not part of what it computes). Archived versions are frozen entirely.
 */
export async function editModel(db: Db, actor: Actor, modelId: number, edit: ModelEdit): Promise<ModelRow> {
  return db.transaction(async (tx) => {
    const before = await getModelRow(tx, modelId, true);
    const semantic = edit.document !== undefined || edit.priority !== undefined;
    if (before.status === 'archived' || (before.status === 'published' && semantic)) {
      const what = before.status === 'archived' ? 'nothing can change' : 'only its schedule can change';
      throw modelError(
        'MODEL_FROZEN',
        `Model ${before.key} v${before.version} is ${before.status}: ${what}; create a new draft version from it`,
      );
    }
    const model = edit.document === undefined ? undefined : checkDocument(edit.document);
    const schedule = edit.schedule === undefined ? undefined : checkSchedule(edit.schedule);
    const [row] = await tx
      .update(gradingModels)
      .set({
        ...(model ? { document: model, name: model.name } : {}),
        ...(edit.priority !== undefined ? { priority: edit.priority } : {}),
        ...(schedule !== undefined ? { schedule } : {}),
        updatedAt: new Date(),
        updatedBy: actor.userId,
      })
      .where(eq(gradingModels.id, modelId))
      .returning();
    await writeAudit(tx, actor, {
      action: 'update',
      entity: 'grading_model',
      entityId: modelId,
      before: auditedModel(before),
      after: auditedModel(row!),
    });
    return row!;
  });
}

/** "model-7": the next free numbered key (under the models lock, so two drafts cannot take the same). */
async function generatedKey(tx: Tx): Promise<string> {
  const [{ n } = { n: 1 }] = await tx
    .select({ n: sql<number>`coalesce(max(${gradingModels.id}), 0)::int + 1` })
    .from(gradingModels);
  for (let k = n; ; k++) {
    const key = `model-${k}`;
    const [taken] = await tx
      .select({ id: gradingModels.id })
      .from(gradingModels)
      .where(eq(gradingModels.key, key))
      .limit(1);
    if (!taken) return key;
  }
}
