import { DEFAULT_MODEL } from '@stratum/core';
import { expect } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { LIMITED, type CaseProvider } from '../app/authz/authzTypes.js';
import type { Caller } from '../app/testApp.js';
import { createDraft } from '../models/modelDrafts.js';

/**
 * Previews need grading:read (they change nothing). Limited callers get the movers of their own scope
 * only; the fixtures have no current grades, so there are no movers to leak and the check is that the
 * preview answers for everyone allowed.
 */
let draftId = 0;

export const whatIfAuthzCases: CaseProvider = {
  async setup(ctx) {
    draftId = (
      await createDraft(ctx.t.database.db, SYSTEM_ACTOR, { key: 'authz-whatif', document: DEFAULT_MODEL })
    ).id;
  },
  cases: (ctx) => {
    const verify = (caller: Caller, body: unknown) => {
      const { movers } = body as { movers: { items: { ownerId: string | null }[] } };
      if (LIMITED.has(caller)) {
        expect(movers.items.every((m) => m.ownerId !== ctx.ownerOf('other'))).toBe(true);
      }
    };
    return {
      'POST /api/v1/models/:modelId/whatif': {
        permission: 'grading:read',
        build: () => ({ url: `/api/v1/models/${draftId}/whatif`, body: { limit: 10 } }),
        verify,
      },
      'POST /api/v1/whatif': {
        permission: 'grading:read',
        build: () => ({ url: '/api/v1/whatif', body: { document: DEFAULT_MODEL, limit: 10 } }),
        verify,
      },
    };
  },
};
