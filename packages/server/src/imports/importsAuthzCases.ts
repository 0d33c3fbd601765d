import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Caller } from '../app/testApp.js';
import { LIMITED, type AuthzContext, type CaseProvider } from '../app/authz/authzTypes.js';
import { loadUserActor } from '../users/userService.js';
import { importFile } from './importService.js';
import { registerImportWorker } from './importWorker.js';

/**
 * Imports in the authorisation matrix. Every permitted caller really uploads an orders file with one row
 * for the own and one for the other manager's customer, and a worker runs it: a manager (lead, token)
 * gets the file rejected on the other customer's row, with the same NOT_IN_SCOPE as an unknown
 * customer, while directors and admins import both rows. The 'other' target is an import made by the
 * other manager, which a limited caller cannot see (404).
 */
const config = { orgTimezone: 'UTC' };
const BOUNDARY = '----stratum-authz-boundary';
/** The import each caller made through the POST case (read back by the GET cases). */
const importOf = new Map<Caller, number>();
let otherImport = 0;
let externalIds = { own: '', other: '' };

function multipart(csv: string): { body: Buffer; headers: Record<string, string> } {
  const body = Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="orders.csv"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    Buffer.from(csv),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

async function externalIdOf(ctx: AuthzContext, id: number): Promise<string> {
  const { rows } = await ctx.t.database.pool.query<{ external_id: string }>(
    'SELECT external_id FROM customers WHERE id = $1',
    [id],
  );
  return rows[0]?.external_id ?? '';
}

/** Waits for the worker to end an import (the GET cases read its outcome). */
async function finished(ctx: AuthzContext, id: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { rows } = await ctx.t.database.pool.query<{ status: string }>(
      'SELECT status FROM import_jobs WHERE id = $1',
      [id],
    );
    if (rows[0] && rows[0].status !== 'queued' && rows[0].status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

/** The users whose imports a caller may see: their own, and a lead's team. */
function visibleAuthors(ctx: AuthzContext, caller: Caller): string[] {
  const { users } = ctx.t;
  return caller === 'lead' ? [users.lead.id, users.manager.id] : [ctx.userOf(caller)];
}

interface ImportBody {
  status: string;
  inserted: number;
  rejected: number;
  createdBy: string | null;
  sampleErrors: Array<{ line: number; column: string | null; code: string }>;
}

const OUT_OF_SCOPE = [{ line: 3, column: 'customer_external_id', code: 'NOT_IN_SCOPE' }];

export const importsAuthzCases: CaseProvider = {
  async setup(ctx) {
    const { t } = ctx;
    await registerImportWorker(t.jobs, t.database, config);
    externalIds = {
      own: await externalIdOf(ctx, ctx.customerIds.own),
      other: await externalIdOf(ctx, ctx.customerIds.other),
    };
    const other = await loadUserActor(t.database.db, t.users.otherManager.id, 'user');
    if (!other) throw new Error('other manager missing');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-authz-import-'));
    try {
      const file = path.join(dir, 'theirs.csv');
      await fs.writeFile(
        file,
        `external_id,customer_external_id,ordered_at,amount\nTHEIRS-1,${externalIds.other},2024-05-01,10\n`,
      );
      otherImport = (await importFile(t.database, config, other, { entity: 'orders', filePath: file })).id;
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
  cases(ctx) {
    const importFor = async (caller: Caller, target: 'own' | 'other' | 'none'): Promise<number> => {
      if (target === 'other') return otherImport;
      const id = importOf.get(caller) ?? otherImport;
      await finished(ctx, id);
      return id;
    };
    return {
      'POST /api/v1/imports/:entity': {
        permission: 'imports:run',
        build: () => {
          const key = ctx.unique();
          const { body, headers } = multipart(
            'external_id,customer_external_id,ordered_at,amount\n' +
              `${key}-own,${externalIds.own},2024-05-01,10\n` +
              `${key}-other,${externalIds.other},2024-05-01,20\n`,
          );
          return { url: '/api/v1/imports/orders', body, headers };
        },
        verify: (caller, body) => {
          const accepted = body as { id: number; status: string };
          expect(accepted.status, caller).toBe('queued');
          importOf.set(caller, accepted.id);
        },
      },
      'GET /api/v1/imports': {
        permission: 'imports:run',
        build: () => ({ url: '/api/v1/imports?limit=200' }),
        verify: (caller, body) => {
          const authors = (body as { items: ImportBody[] }).items.map((item) => item.createdBy);
          if (LIMITED.has(caller)) {
            const allowed = visibleAuthors(ctx, caller);
            expect(
              authors.filter((author) => author === null || !allowed.includes(author)),
              caller,
            ).toEqual([]);
          } else {
            expect(authors, caller).toContain(ctx.t.users.otherManager.id);
          }
        },
      },
      'GET /api/v1/imports/:id': {
        permission: 'imports:run',
        // The 'other' target is the other manager's import.
        scoped: true,
        build: async (caller, target) => ({ url: `/api/v1/imports/${await importFor(caller, target)}` }),
        verify: (caller, body) => {
          const view = body as ImportBody;
          if (view.createdBy === ctx.t.users.otherManager.id) {
            expect(view, caller).toMatchObject({ status: 'succeeded', inserted: 1, rejected: 0 });
          } else if (LIMITED.has(caller)) {
            // All or nothing: the other customer's row rejects the file, so the own row is not written either.
            expect(view, caller).toMatchObject({ status: 'rejected', inserted: 0, rejected: 1 });
            expect(view.sampleErrors, caller).toMatchObject(OUT_OF_SCOPE);
          } else {
            expect(view, caller).toMatchObject({ status: 'succeeded', inserted: 2, rejected: 0 });
          }
        },
      },
      'GET /api/v1/imports/:id/errors': {
        permission: 'imports:run',
        scoped: true,
        build: async (caller, target) => ({
          url: `/api/v1/imports/${await importFor(caller, target)}/errors`,
        }),
        verify: (caller, body) => {
          const { items } = body as { items: ImportBody['sampleErrors'] };
          if (LIMITED.has(caller)) expect(items, caller).toMatchObject(OUT_OF_SCOPE);
          else expect(items, caller).toEqual([]);
        },
      },
    };
  },
};
