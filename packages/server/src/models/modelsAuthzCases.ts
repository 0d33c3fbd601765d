import { DEFAULT_MODEL } from '@stratum/core';
import { gradingModels } from '@stratum/db';
import { and, eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../access/actor.js';
import type { CaseProvider } from '../app/authz/authzTypes.js';
import { createDraft } from './modelDrafts.js';

/**
 * Cases of the models routes. Reading is grading:read, changing models:write; models hold no customer
 * data, so no case is scoped. Routes that consume a draft (publish, archive) get a fresh one per call.
 */
const ids = { draft: 0, family: 0 };
const SEGMENTED = { ...DEFAULT_MODEL, name: 'authz segment', segment: { regions: ['授权测试区'] } };

export const modelsAuthzCases: CaseProvider = {
  async setup(ctx) {
    const { db } = ctx.t.database;
    ids.draft = (await createDraft(db, SYSTEM_ACTOR, { key: 'authz-draft', document: DEFAULT_MODEL })).id;
    ids.family = (
      await createDraft(db, SYSTEM_ACTOR, { key: 'authz-segment', document: SEGMENTED, priority: 500 })
    ).id;
  },
  cases: (ctx) => {
    const { db } = ctx.t.database;
    // The next version of the segmented family: publishing it retires the previous one, so the
    // published set keeps one model of that family whatever the number of callers.
    const nextVersion = async () => {
      ids.family = (await createDraft(db, SYSTEM_ACTOR, { fromModelId: ids.family })).id;
      return ids.family;
    };
    return {
      'GET /api/v1/models': { permission: 'grading:read', build: () => ({ url: '/api/v1/models' }) },
      'GET /api/v1/models/diff': {
        permission: 'grading:read',
        build: () => ({ url: `/api/v1/models/diff?from=${ids.draft}&to=${ids.family}` }),
      },
      'GET /api/v1/models/coverage': {
        permission: 'grading:read',
        build: () => ({ url: `/api/v1/models/coverage?with=${ids.draft}` }),
      },
      'POST /api/v1/models/validate': {
        permission: 'grading:read',
        build: () => ({ url: '/api/v1/models/validate', body: { document: { name: 'x' } } }),
      },
      'GET /api/v1/models/:modelId': {
        permission: 'grading:read',
        build: () => ({ url: `/api/v1/models/${ids.draft}` }),
      },
      'GET /api/v1/models/:modelId/versions': {
        permission: 'grading:read',
        build: () => ({ url: `/api/v1/models/${ids.family}/versions` }),
      },
      'POST /api/v1/models': {
        permission: 'models:write',
        build: () => ({
          url: '/api/v1/models',
          body: { key: `authz-${ctx.unique()}`, document: DEFAULT_MODEL },
        }),
      },
      'PATCH /api/v1/models/:modelId': {
        permission: 'models:write',
        build: () => ({ url: `/api/v1/models/${ids.draft}`, body: { schedule: '0 3 1 * *' } }),
      },
      'POST /api/v1/models/:modelId/publish': {
        permission: 'models:write',
        build: async () => ({ url: `/api/v1/models/${await nextVersion()}/publish`, body: {} }),
      },
      'POST /api/v1/models/:modelId/archive': {
        permission: 'models:write',
        // The first permitted caller retires the segmented family's published version, so the published set
        // is as the other providers expect it again; later callers archive a fresh draft.
        build: async () => {
          const [published] = await db
            .select({ id: gradingModels.id })
            .from(gradingModels)
            .where(and(eq(gradingModels.key, 'authz-segment'), eq(gradingModels.status, 'published')));
          return { url: `/api/v1/models/${published?.id ?? (await nextVersion())}/archive` };
        },
      },
    };
  },
};
