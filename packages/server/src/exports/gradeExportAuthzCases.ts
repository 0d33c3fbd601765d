import { expect } from 'vitest';
import { LIMITED, type CaseProvider } from '../app/authz/authzTypes.js';
import { publishedRunFor } from '../history/historyAuthzCases.js';

let fixture = { own: '', other: '' };

/** The first cell of each data row (the fixtures' external ids hold no comma or quote). */
function firstCells(csv: string): string[] {
  const [, ...rows] = csv.replace(/^\ufeff/, '').split('\n');
  return rows.filter(Boolean).map((row) => row.slice(0, row.indexOf(',')));
}

/** The grade export in the authorisation matrix: everyone may export, each only the grades in their scope. */
export const gradeExportAuthzCases: CaseProvider = {
  async setup(ctx) {
    await publishedRunFor(ctx);
    const { rows } = await ctx.t.database.pool.query<{ id: number; external_id: string }>(
      'SELECT id::int AS id, external_id FROM customers WHERE id = ANY($1)',
      [[ctx.customerIds.own, ctx.customerIds.other]],
    );
    const idOf = (id: number) => rows.find((row) => row.id === id)?.external_id ?? '';
    fixture = { own: idOf(ctx.customerIds.own), other: idOf(ctx.customerIds.other) };
  },
  cases: () => ({
    'GET /api/v1/exports/grades': {
      permission: 'exports:run',
      build: () => ({ url: '/api/v1/exports/grades?run=latest&format=csv' }),
      verify: (caller, body) => {
        const exported = firstCells(String(body));
        expect(exported, caller).toContain(fixture.own);
        expect(exported.includes(fixture.other), caller).toBe(!LIMITED.has(caller));
      },
    },
  }),
};
