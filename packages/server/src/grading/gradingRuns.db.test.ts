import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Database } from '@stratum/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { isAppError } from '../errors/appError.js';
import { loadDemo } from '../demo/loadDemo.js';
import { executeRun, gradeInProcess } from './executeRun.js';
import { requestRuns } from './requestRuns.js';
import { recoverInterruptedRuns } from './runStore.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const END = '2025-06-30';
let database: Database;

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await database.pool.query<T>(sql, params)).rows;
const currentRun = async () =>
  Number((await q<{ run_id: string }>('SELECT run_id FROM grading_current'))[0]?.run_id ?? 0);

async function run(asOf: string, options: { dryRun?: boolean } = {}) {
  const [outcome] = await gradeInProcess({ database, timezone: 'UTC' }, { asOf, ...options });
  return outcome!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemo(database, { customers: 400, seed: 3, endDate: END, years: 3 });
});
afterAll(async () => {
  await database.close();
});

describe('grading runs', () => {
  it('grades every customer once, publishes, and records the stats', async () => {
    const outcome = await run(END);
    const customers = Number(
      (await q<{ n: string }>('SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL'))[0]!.n,
    );
    expect(outcome.customers).toBe(customers);
    expect(outcome.published).toBe(true);
    expect(await currentRun()).toBe(outcome.runId);
    const rows = await q<{ n: string; distinct: string }>(
      'SELECT count(*) AS n, count(DISTINCT customer_id) AS distinct FROM grades WHERE run_id = $1',
      [outcome.runId],
    );
    expect(Number(rows[0]!.n)).toBe(customers);
    expect(Number(rows[0]!.distinct)).toBe(customers);
    const [stored] = await q<{ status: string; stats: { tiers: { customers: number }[] } }>(
      'SELECT status, stats FROM grading_runs WHERE id = $1',
      [outcome.runId],
    );
    expect(stored!.status).toBe('succeeded');
    expect(stored!.stats.tiers.reduce((sum, t) => sum + t.customers, 0)).toBe(customers);
  });

  it('a run as of a past date ignores later orders', async () => {
    const [order] = await q<{ customer_id: string; ordered_at: Date }>(
      `SELECT customer_id, ordered_at FROM orders WHERE amount > 0 AND ordered_at < '2024-12-01' ORDER BY ordered_at DESC LIMIT 1`,
    );
    const customer = Number(order!.customer_id);
    const before = await run('2024-12-31', { dryRun: true });
    const revenueBefore = async (runId: number) =>
      Number(
        (
          await q<{ c: string }>(
            'SELECT revenue_cents AS c FROM grades WHERE run_id = $1 AND customer_id = $2',
            [runId, customer],
          )
        )[0]!.c,
      );
    const baseline = await revenueBefore(before.runId);
    await q(
      `INSERT INTO orders (customer_id, external_id, ordered_at, amount) VALUES ($1, 'LATE-1', '2025-01-15T03:00:00Z', 999999.99)`,
      [customer],
    );
    const again = await run('2024-12-31', { dryRun: true });
    expect(await revenueBefore(again.runId)).toBe(baseline);
    const now = await run(END, { dryRun: true });
    expect(await revenueBefore(now.runId)).toBeGreaterThanOrEqual(99999999);
  });

  it('a dry run does not become current', async () => {
    const current = await currentRun();
    const dry = await run(END, { dryRun: true });
    expect(dry.published).toBe(false);
    expect(await currentRun()).toBe(current);
  });

  it('two concurrent run requests do not both run', async () => {
    const results = await Promise.allSettled([
      requestRuns(database.db, SYSTEM_ACTOR, 'UTC', { asOf: END }),
      requestRuns(database.db, SYSTEM_ACTOR, 'UTC', { asOf: END }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const reason = (rejected[0] as PromiseRejectedResult).reason as unknown;
    expect(isAppError(reason) && reason.code === 'RUN_IN_PROGRESS' && reason.status === 409).toBe(true);
    const accepted = results.find((r) => r.status === 'fulfilled')!;
    await executeRun({ database, timezone: 'UTC' }, accepted.value[0]!.id);
  });

  it('an approved override wins in the next run and lapses after its expiry', async () => {
    const [target] = await q<{ customer_id: string; tier: number }>(
      'SELECT customer_id, tier FROM grades WHERE run_id = $1 AND tier = 3 LIMIT 1',
      [await currentRun()],
    );
    const customer = Number(target!.customer_id);
    await q(
      `INSERT INTO overrides (customer_id, model_key, tier, reason, status, expires_on)
       VALUES ($1, 'default', 'S', '战略合作伙伴', 'approved', '2025-06-30')`,
      [customer],
    );
    const withOverride = await run(END);
    const grade = async (runId: number) =>
      (
        await q<{ tier: number; computed_tier: number }>(
          'SELECT tier, computed_tier FROM grades WHERE run_id = $1 AND customer_id = $2',
          [runId, customer],
        )
      )[0]!;
    expect(await grade(withOverride.runId)).toEqual({ tier: 0, computed_tier: 3 });
    const changed = await q<{ from_tier: string; to_tier: string }>(
      'SELECT from_tier, to_tier FROM tier_changes WHERE run_id = $1 AND customer_id = $2',
      [withOverride.runId, customer],
    );
    expect(changed).toEqual([{ from_tier: 'C', to_tier: 'S' }]);
    // A run after the expiry day no longer applies it: the computed tier is back.
    await q(`UPDATE overrides SET expires_on = '2025-06-29' WHERE customer_id = $1`, [customer]);
    const lapsed = await run(END);
    expect((await grade(lapsed.runId)).tier).toBe(3);
  });

  it('a run killed mid-write leaves the published grades current and is marked failed on recovery', async () => {
    const published = await currentRun();
    const [queued] = await requestRuns(database.db, SYSTEM_ACTOR, 'UTC', { asOf: END });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'fixtures-killedRun.ts'), database.url, String(queued!.id)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      readline.createInterface({ input: child.stdout }).on('line', (line) => line === 'WRITING' && resolve());
      child.once('exit', (code) => reject(new Error(`child exited with ${code} before writing: ${stderr}`)));
    });
    const [mid] = await q<{ status: string; phase: string }>(
      'SELECT status, phase FROM grading_runs WHERE id = $1',
      [queued!.id],
    );
    expect(mid).toEqual({ status: 'running', phase: 'write' });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    expect(await currentRun()).toBe(published);
    expect(await recoverInterruptedRuns(database.pool, 0)).toEqual([queued!.id]);
    const [after] = await q<{ status: string; error: string }>(
      'SELECT status, error FROM grading_runs WHERE id = $1',
      [queued!.id],
    );
    expect(after!.status).toBe('failed');
    expect(after!.error).toMatch(/interrupted/);
    const leftovers = await q(`SELECT 1 FROM pg_class WHERE relname = $1`, [`grades_r${queued!.id}`]);
    expect(leftovers).toHaveLength(0);
    // The model can run again.
    const next = await run(END);
    expect(await currentRun()).toBe(next.runId);
  });
});
