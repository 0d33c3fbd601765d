import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { startServer } from '../app/startServer.js';
import { loadConfig } from '../config/config.js';
import { queueWebhookDeliveries } from '../events/fanOut.js';
import { OVERRIDE_EXPIRY_CRON, OVERRIDE_EXPIRY_QUEUE } from '../overrides/overrideJobs.js';
import { createWebhook } from '../webhooks/webhookService.js';
import { DEFAULT_SCHEDULE } from './cronSchedule.js';
import { scheduleQueue } from './scheduleStore.js';

/**
 * `stratum serve` (startServer) runs the background work besides the API: the daily override expiry and
 * each published model's grading schedule as pg-boss schedules in the organisation's timezone, and the
 * webhook delivery loop; close() stops them all. The loop's first pass starts with the server, so a
 * delivery queued before the start has been sent once close() has returned (it waits for the pass).
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let receiver: http.Server;
const received: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(String(request.headers['x-stratum-event']));
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await database?.close();
});

describe('startServer', () => {
  it('schedules the override expiry and the model runs in the org timezone, delivers webhooks, stops cleanly', async () => {
    const port = (receiver.address() as AddressInfo).port;
    await createWebhook(database.db, SYSTEM_ACTOR, {
      url: `http://127.0.0.1:${port}/hook`,
      events: ['run.succeeded'],
    });
    const client = await database.pool.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO events (kind, payload) VALUES ('run.succeeded', '{}'::jsonb) RETURNING id`,
      );
      await queueWebhookDeliveries(client, { ids: [Number(rows[0]!.id)] });
    } finally {
      client.release();
    }

    const config = loadConfig(
      { STRATUM_LOG_LEVEL: 'silent', PORT: '0', STRATUM_TIMEZONE: 'Asia/Shanghai' },
      { authSecret: 'x'.repeat(40), dataDir: '/tmp' },
    );
    const server = await startServer({ config, database });
    try {
      const { rows } = await database.pool.query<{ name: string; cron: string; timezone: string }>(
        'SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name',
      );
      expect(rows).toEqual([
        { name: scheduleQueue('default'), cron: DEFAULT_SCHEDULE, timezone: 'Asia/Shanghai' },
        { name: OVERRIDE_EXPIRY_QUEUE, cron: OVERRIDE_EXPIRY_CRON, timezone: 'Asia/Shanghai' },
      ]);
      const health = await fetch(`${server.url}/api/v1/health`);
      expect(health.status).toBe(200);
    } finally {
      await server.close();
    }
    expect(received).toEqual(['run.succeeded']);
    const [delivery] = (
      await database.pool.query<{ status: string }>('SELECT status FROM webhook_deliveries')
    ).rows;
    expect(delivery!.status).toBe('delivered');
  });
});
