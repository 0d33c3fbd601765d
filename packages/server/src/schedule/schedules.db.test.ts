import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { GRADING_QUEUE } from '../grading/gradingWorker.js';
import { ensureDefaultModel } from '../models/modelStore.js';
import { cronProblem, DEFAULT_SCHEDULE, nextFireTimes, scheduledAsOf } from './cronSchedule.js';
import { listSchedules } from './listSchedules.js';
import { runScheduledTick } from './scheduledTick.js';
import { startScheduler } from './scheduler.js';
import { registeredSchedules, scheduleQueue } from './scheduleStore.js';

/**
 * Scheduled grading: cron checks (bilingual 400s), fire times in the organisation's timezone, the
 * scheduler registering one pg-boss schedule per published model family, and ticks (one run per fire
 * time, a repeated tick skipped). Ticks are handled by calling the scheduler's own tick function.
 */
let t: TestApp;
const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.database.pool.query<T>(text, params)).rows;

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details: { in: string; path: string; message: { zh: string; en: string } }[];
  };
}

beforeAll(async () => {
  t = await createTestApp();
  await ensureDefaultModel(t.database.db, SYSTEM_ACTOR);
});
afterAll(async () => t?.close());

describe('cron validation', () => {
  it.each([
    ['0 2 1 *', /5 段/, /5-field/],
    ['0 2 1 * * *', /5 段/, /5-field/],
    ['@monthly', /5 段/, /5-field/],
    ['61 2 1 * *', /无效/, /not valid/],
    ['0 25 * * *', /无效/, /not valid/],
    ['0 2 1 13 *', /无效/, /not valid/],
  ])('refuses "%s" with a 400 in Chinese and English', async (cron, zh, en) => {
    const response = await t.request(
      'analyst',
      'GET',
      `/api/v1/grading/schedules/preview?cron=${encodeURIComponent(cron)}`,
    );
    expect(response.statusCode, response.body).toBe(400);
    const { error } = response.json<ErrorBody>();
    expect(error.code).toBe('SCHEDULE_INVALID');
    expect(error.message).toMatch(zh);
    expect(error.message).toMatch(en);
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatchObject({ in: 'query', path: 'cron' });
    expect(error.details[0]!.message.zh).toMatch(zh);
    expect(error.details[0]!.message.en).toMatch(en);
    expect(cronProblem(cron)).not.toBeNull();
  });

  it('refuses an unknown timezone and a missing cron with a 400 naming the parameter', async () => {
    const zone = await t.request(
      'analyst',
      'GET',
      '/api/v1/grading/schedules/preview?cron=0%202%201%20*%20*&timezone=Mars/Base',
    );
    expect(zone.statusCode).toBe(400);
    expect(zone.json<{ error: { message: string } }>().error.message).toMatch(/timezone/);
    const missing = await t.request('analyst', 'GET', '/api/v1/grading/schedules/preview');
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { message: string } }>().error.message).toMatch(/cron/);
  });
});

describe('fire times', () => {
  const from = new Date('2025-06-15T12:00:00Z');

  it('reads the cron in the organisation’s timezone', () => {
    const shanghai = nextFireTimes(DEFAULT_SCHEDULE, 'Asia/Shanghai', from, 2).map((d) => d.toISOString());
    const utc = nextFireTimes(DEFAULT_SCHEDULE, 'UTC', from, 2).map((d) => d.toISOString());
    // 02:00 on the 1st in Shanghai (UTC+8) is 18:00 UTC on the last day of the month before.
    expect(shanghai).toEqual(['2025-06-30T18:00:00.000Z', '2025-07-31T18:00:00.000Z']);
    expect(utc).toEqual(['2025-07-01T02:00:00.000Z', '2025-08-01T02:00:00.000Z']);
    // Either way the run grades the last complete local day: the month that just ended.
    expect(scheduledAsOf(new Date(shanghai[0]!), 'Asia/Shanghai')).toBe('2025-06-30');
    expect(scheduledAsOf(new Date(utc[0]!), 'UTC')).toBe('2025-06-30');
  });

  it('previews a valid cron over HTTP in the timezone asked for', async () => {
    const response = await t.request(
      'manager',
      'GET',
      '/api/v1/grading/schedules/preview?cron=30%2023%20*%20*%200&timezone=Asia/Shanghai&count=2',
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ cron: string; timezone: string; next: { at: string; asOf: string }[] }>();
    expect(body.cron).toBe('30 23 * * 0');
    expect(body.timezone).toBe('Asia/Shanghai');
    expect(body.next).toHaveLength(2);
    for (const fire of body.next) {
      // Sunday 23:30 in Shanghai is Sunday 15:30 UTC.
      const at = new Date(fire.at);
      expect([at.getUTCDay(), at.getUTCHours(), at.getUTCMinutes()]).toEqual([0, 15, 30]);
      expect(fire.asOf).toBe(new Date(at.getTime() - 86_400_000).toISOString().slice(0, 10));
    }
  });
});

describe('the scheduler', () => {
  it('schedules every published model (default monthly) in the organisation’s timezone', async () => {
    const scheduler = await startScheduler({
      database: t.database,
      jobs: t.jobs,
      timezone: 'Asia/Shanghai',
      reconcileSeconds: 0,
    });
    try {
      const registered = await registeredSchedules(t.database.pool);
      expect(registered).toEqual([
        {
          name: scheduleQueue('default'),
          modelKey: 'default',
          cron: DEFAULT_SCHEDULE,
          timezone: 'Asia/Shanghai',
        },
      ]);
      // A second sync with nothing changed changes nothing.
      expect(await scheduler.sync()).toMatchObject({ scheduled: [], unchanged: ['default'], removed: [] });
      const response = await t.request('analyst', 'GET', '/api/v1/grading/schedules');
      expect(response.statusCode).toBe(200);
      const listed = await listSchedules(t.database, 'Asia/Shanghai', new Date('2025-06-15T12:00:00Z'), 1);
      expect(listed).toMatchObject([
        {
          modelKey: 'default',
          cron: DEFAULT_SCHEDULE,
          registered: true,
          next: [{ at: '2025-06-30T18:00:00.000Z', asOf: '2025-06-30' }],
        },
      ]);
      // Clearing the model's schedule removes its pg-boss schedule at the next sync.
      await q(`UPDATE grading_models SET schedule = NULL WHERE key = 'default' AND status = 'published'`);
      expect(await scheduler.sync()).toMatchObject({ removed: ['default'] });
      expect(await registeredSchedules(t.database.pool)).toEqual([]);
    } finally {
      await q(`UPDATE grading_models SET schedule = $1 WHERE key = 'default' AND status = 'published'`, [
        DEFAULT_SCHEDULE,
      ]);
      await scheduler.stop();
    }
  });

  it('a tick starts one scheduled run; a repeated tick of the same fire time is skipped', async () => {
    const queued: { name: string; data: object }[] = [];
    const jobs = {
      enqueue: (name: string, data: object) => {
        queued.push({ name, data });
        return Promise.resolve('job');
      },
    };
    const context = { database: t.database, jobs, timezone: 'Asia/Shanghai' };
    // Handled a minute after 02:00 on 1 June in Shanghai.
    const at = new Date('2025-05-31T18:01:00Z');
    const first = await runScheduledTick(context, { modelKey: 'default' }, at);
    expect(first).toMatchObject({
      handled: true,
      record: { fireTime: '2025-05-31T18:00:00.000Z', asOf: '2025-05-31', outcome: 'started' },
    });
    const runId = first.handled ? first.record.runId : null;
    expect(queued).toEqual([{ name: GRADING_QUEUE, data: { runId } }]);
    const runs = await q<{ id: string; kind: string; as_of: string; status: string }>(
      `SELECT id, kind, as_of::text, status FROM grading_runs ORDER BY id`,
    );
    expect(runs).toEqual([{ id: String(runId), kind: 'scheduled', as_of: '2025-05-31', status: 'queued' }]);

    // pg-boss delivering the same fire time again, or another instance taking it later.
    const again = await runScheduledTick(context, { modelKey: 'default' }, new Date('2025-05-31T18:03:00Z'));
    expect(again).toEqual({ handled: false, reason: 'duplicate', modelKey: 'default' });
    expect(queued).toHaveLength(1);
    expect(await q(`SELECT id FROM grading_runs`)).toHaveLength(1);

    // The next fire time while that run is still queued: recorded as skipped, no second run.
    const next = await runScheduledTick(context, { modelKey: 'default' }, new Date('2025-06-30T18:00:30Z'));
    expect(next).toMatchObject({ handled: true, record: { outcome: 'skipped', runId } });
    expect(await q(`SELECT id FROM grading_runs`)).toHaveLength(1);
    const listed = await listSchedules(t.database, 'Asia/Shanghai', new Date());
    expect(listed[0]?.lastTick).toMatchObject({ outcome: 'skipped', fireTime: '2025-06-30T18:00:00.000Z' });

    // A family without a published schedule ignores its ticks.
    expect(await runScheduledTick(context, { modelKey: 'nope' }, at)).toEqual({
      handled: false,
      reason: 'unscheduled',
      modelKey: 'nope',
    });
  });
});
