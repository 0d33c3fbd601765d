import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { buildApp } from '../app/buildApp.js';
import { authFeature } from '../auth/authRoutes.js';
import { createTestApp, type Caller, type TestApp } from '../app/testApp.js';
import { loadConfig } from '../config/config.js';
import { importsFeature } from './importRoutes.js';
import { importFile } from './importService.js';
import { registerImportWorker } from './importWorker.js';

/** The import API in-process: upload → 202 → the job runs in the worker → progress, report, scope. */
let t: TestApp;
let dir: string;
const config = { orgTimezone: 'UTC' };

function multipart(
  content: string | Buffer,
  fileName = 'orders.csv',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----stratum-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(caller: Caller, entity: string, content: string, query = '') {
  const { payload, headers } = multipart(content);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${entity}${query}`,
    payload,
    headers: { ...t.headers[caller], ...headers },
  });
}

async function finished(caller: Caller, id: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const response = await t.request(caller, 'GET', `/api/v1/imports/${id}`);
    const body = response.json<Record<string, unknown>>();
    if (body.status !== 'queued' && body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

beforeAll(async () => {
  t = await createTestApp({ features: [authFeature, importsFeature] });
  // The test app's queue only enqueues; this process also works it, as `stratum serve` does.
  await registerImportWorker(t.jobs, t.database, config);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-routes-'));
  const customers = path.join(dir, 'customers.csv');
  await fs.writeFile(
    customers,
    `external_id,name,owner_email\nM1,Mine,${t.users.manager.email}\nO1,Other's,${t.users.otherManager.email}\n`,
  );
  await importFile(t.database, config, SYSTEM_ACTOR, { entity: 'customers', filePath: customers });
});
afterAll(async () => {
  await t?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('import API', () => {
  let managerImport = 0;

  it('accepts an upload with 202, runs it as a job and reports progress and counts', async () => {
    const response = await upload(
      'manager',
      'orders',
      'external_id,customer_external_id,ordered_at,amount\nA1,M1,2024-03-05,10\nA2,M1,2024-03-06,20\n',
    );
    expect(response.statusCode).toBe(202);
    const accepted = response.json<{ id: number; status: string }>();
    expect(accepted).toMatchObject({ status: 'queued', entity: 'orders' });
    expect(response.headers.location).toBe(`/api/v1/imports/${accepted.id}`);
    managerImport = accepted.id;
    expect(await finished('manager', accepted.id)).toMatchObject({
      status: 'succeeded',
      progressPercent: 100,
      rowsRead: 2,
      inserted: 2,
      fileName: 'orders.csv',
      sampleErrors: [],
    });
    // The upload directory is shared with other test files' apps, so look at this upload's own file.
    const { rows } = await t.database.pool.query<{ file_path: string }>(
      'SELECT file_path FROM import_jobs WHERE id = $1',
      [accepted.id],
    );
    expect(rows[0]?.file_path).toMatch(/^\/tmp\/uploads\/.+\.csv$/);
    await expect(fs.access(rows[0]?.file_path ?? '')).rejects.toThrow();
  });

  it("reports rejected rows, pages through them, and keeps another manager's customers out of scope", async () => {
    const response = await upload(
      'manager',
      'orders',
      'external_id,customer_external_id,ordered_at,amount\nB1,M1,2024-02-30,10\nB2,O1,2024-03-06,20\nB3,NOPE,2024-03-06,20\n',
    );
    const { id } = response.json<{ id: number }>();
    expect(await finished('manager', id)).toMatchObject({ status: 'rejected', rejected: 3, inserted: 0 });
    const first = await t.request('manager', 'GET', `/api/v1/imports/${id}/errors?limit=2`);
    const page = first.json<{ items: Array<{ line: number; code: string }>; nextCursor: string }>();
    expect(page.items.map((item) => [item.line, item.code])).toEqual([
      [2, 'IMPOSSIBLE_DATE'],
      [3, 'NOT_IN_SCOPE'],
    ]);
    const second = await t.request(
      'manager',
      'GET',
      `/api/v1/imports/${id}/errors?limit=2&cursor=${page.nextCursor}`,
    );
    expect(second.json()).toMatchObject({ items: [{ line: 4, code: 'NOT_IN_SCOPE' }], nextCursor: null });
  });

  it('lets --skip-invalid be asked for in the query', async () => {
    const response = await upload(
      'manager',
      'orders',
      'external_id,customer_external_id,ordered_at,amount\nC1,M1,2024-03-05,10\nC2,O1,2024-03-06,20\n',
      '?skipInvalid=true',
    );
    expect(await finished('manager', response.json<{ id: number }>().id)).toMatchObject({
      status: 'succeeded',
      inserted: 1,
      rejected: 1,
    });
  });

  it('shows an import to its author and to directors, not to another manager', async () => {
    expect((await t.request('otherManager', 'GET', `/api/v1/imports/${managerImport}`)).statusCode).toBe(404);
    expect(
      (await t.request('otherManager', 'GET', `/api/v1/imports/${managerImport}/errors`)).statusCode,
    ).toBe(404);
    expect((await t.request('director', 'GET', `/api/v1/imports/${managerImport}`)).statusCode).toBe(200);
    const own = await t.request('manager', 'GET', '/api/v1/imports?limit=2');
    const listed = own.json<{ items: Array<{ id: number }>; nextCursor: string | null }>();
    expect(listed.items).toHaveLength(2);
    expect(listed.nextCursor).not.toBeNull();
    const others = await t.request('otherManager', 'GET', '/api/v1/imports');
    expect(others.json()).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['analyst', 403],
    ['anonymous', 401],
  ] as const)('refuses an upload by %s with %i', async (caller, status) => {
    expect((await upload(caller, 'orders', 'external_id\n')).statusCode).toBe(status);
  });

  it('refuses a request without a file, an unknown entity, and a file over the size limit (413)', async () => {
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/orders',
      headers: t.headers.manager,
      payload: { a: 1 },
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toMatchObject({ error: { code: 'IMPORT_FILE_MISSING' } });
    expect((await upload('manager', 'planets', 'x\n')).statusCode).toBe(400);

    const small = loadConfig(
      { STRATUM_LOG_LEVEL: 'silent' },
      { authSecret: 'x'.repeat(40), dataDir: dir, maxUploadMb: 0.001 },
    );
    const limited = await buildApp({
      config: small,
      database: t.database,
      jobs: t.jobs,
      features: [authFeature, importsFeature],
    });
    try {
      const { payload, headers } = multipart('x'.repeat(5000));
      const response = await limited.inject({
        method: 'POST',
        url: '/api/v1/imports/orders',
        payload,
        headers: { ...t.headers.manager, ...headers },
      });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ error: { code: 'IMPORT_FILE_TOO_LARGE' } });
      expect(await fs.readdir(path.join(dir, 'uploads'))).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
