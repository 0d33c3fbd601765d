import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { queueWebhookDeliveries } from '../events/fanOut.js';
import { deliverDue, MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, startWebhookDelivery } from './deliveryWorker.js';
import { verifyWebhookSignature } from './signature.js';

/**
 * Webhooks against a receiver on 127.0.0.1 started here: creation shows the secret once, deliveries are
 * signed (checked with the receiver-side verifyWebhookSignature), a failing receiver is retried on the
 * backoff schedule recorded in the delivery log until MAX_ATTEMPTS, and a finished delivery can be sent
 * again. Passes are run by calling deliverDue, as the delivery loop does; retries are made due by moving
 * next_attempt_at, never by waiting.
 */
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let t: TestApp;
let receiver: http.Server;
let receiverUrl = '';
const received: Received[] = [];
/** Statuses the receiver answers, in order; 200 once they run out. */
const answers: number[] = [];
// Constant jitter: every retry delay is exactly its base delay.
const NO_JITTER = { random: () => 0.5 };

const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.database.pool.query<T>(text, params)).rows;

interface DeliveryBody {
  id: number;
  eventId: number;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  log: {
    attempt: number;
    at: string;
    outcome: string;
    responseStatus: number | null;
    nextAttemptAt: string | null;
  }[];
}

async function recordEvent(kind: string, payload: object): Promise<number> {
  const client = await t.database.pool.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO events (kind, payload) VALUES ($1, $2) RETURNING id`,
      [kind, JSON.stringify(payload)],
    );
    const id = Number(rows[0]!.id);
    await queueWebhookDeliveries(client, { ids: [id] });
    return id;
  } finally {
    client.release();
  }
}

async function deliveriesOf(webhookId: number): Promise<DeliveryBody[]> {
  const response = await t.request('admin', 'GET', `/api/v1/webhooks/${webhookId}/deliveries`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: DeliveryBody[] }>().items;
}

async function createHook(events: string[]): Promise<{ id: number; secret: string }> {
  const response = await t.request('admin', 'POST', '/api/v1/webhooks', {
    url: receiverUrl,
    events,
    description: 'ERP 对接',
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json<{ webhook: { id: number }; secret: string }>();
  return { id: body.webhook.id, secret: body.secret };
}

beforeAll(async () => {
  t = await createTestApp();
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = answers.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/stratum`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await t?.close();
});

describe('webhooks', () => {
  let hook = { id: 0, secret: '' };

  it('shows the secret on creation only, and only to admins', async () => {
    hook = await createHook(['tier.changed', 'churn.warning']);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const one = await t.request('admin', 'GET', `/api/v1/webhooks/${hook.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.body).not.toContain(hook.secret);
    expect(one.json()).not.toHaveProperty('secret');
    const list = await t.request('admin', 'GET', '/api/v1/webhooks');
    expect(list.body).not.toContain(hook.secret);
    const audit = await q<{ after: unknown }>(`SELECT after FROM audit_log WHERE entity = 'webhook'`);
    expect(JSON.stringify(audit)).not.toContain(hook.secret);

    expect((await t.request('director', 'GET', '/api/v1/webhooks')).statusCode).toBe(403);
    expect(
      (
        await t.request('director', 'POST', '/api/v1/webhooks', {
          url: receiverUrl,
          events: ['tier.changed'],
        })
      ).statusCode,
    ).toBe(403);
    const metadata = await t.request('admin', 'POST', '/api/v1/webhooks', {
      url: 'http://169.254.169.254/latest',
      events: ['tier.changed'],
    });
    expect(metadata.statusCode).toBe(400);
    expect(metadata.json<{ error: { message: string } }>().error.message).toMatch(/link-local/);
    const noKinds = await t.request('admin', 'POST', '/api/v1/webhooks', { url: receiverUrl, events: [] });
    expect(noKinds.statusCode).toBe(400);
  });

  it('signs each delivery with HMAC-SHA256 of the timestamp and raw body', async () => {
    const eventId = await recordEvent('tier.changed', { externalId: 'C-1', from: 'B', to: 'A' });
    // Not subscribed: no delivery for this kind.
    await recordEvent('run.succeeded', { customers: 3 });
    received.length = 0;
    const pass = await deliverDue(t.database, NO_JITTER);
    expect(pass).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const [request] = received;
    const payload = JSON.parse(request!.body) as { id: string; kind: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({
      id: String(eventId),
      kind: 'tier.changed',
      data: { externalId: 'C-1', to: 'A' },
    });
    expect(request!.headers['x-stratum-event']).toBe('tier.changed');
    const signed = {
      timestamp: request!.headers['x-stratum-timestamp'] as string,
      signature: request!.headers['x-stratum-signature'] as string,
      body: request!.body,
    };
    expect(signed.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret: hook.secret, ...signed })).toBe(true);
    expect(verifyWebhookSignature({ secret: `${hook.secret}x`, ...signed })).toBe(false);
    expect(verifyWebhookSignature({ secret: hook.secret, ...signed, body: `${signed.body} ` })).toBe(false);
    // A captured request replayed after the tolerance window is refused.
    expect(
      verifyWebhookSignature({ secret: hook.secret, ...signed, now: Number(signed.timestamp) + 301 }),
    ).toBe(false);

    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ eventId, status: 'delivered', attempts: 1, responseStatus: 200 });
    expect(delivery!.log).toMatchObject([{ attempt: 1, outcome: 'delivered', responseStatus: 200 }]);
    expect(request!.headers['x-stratum-delivery']).toBe(String(delivery!.id));
  });

  it('retries a failing receiver on the backoff schedule, logs each attempt, and gives up after MAX_ATTEMPTS', async () => {
    const eventId = await recordEvent('churn.warning', { externalId: 'C-2', risk: 0.9 });
    answers.push(...Array.from({ length: MAX_ATTEMPTS }, () => 500));
    received.length = 0;
    const first = await deliverDue(t.database, NO_JITTER);
    expect(first).toEqual({ claimed: 1, delivered: 0, retrying: 1, failed: 0 });
    // Not due yet: a pass right away leaves it alone.
    expect((await deliverDue(t.database, NO_JITTER)).claimed).toBe(0);
    let [delivery] = (await deliveriesOf(hook.id)).filter((d) => d.eventId === eventId);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500 });
    expect(delivery!.nextAttemptAt).toBe(delivery!.log[0]!.nextAttemptAt);

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await q(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = $1`, [delivery!.id]);
      const pass = await deliverDue(t.database, NO_JITTER);
      expect(pass.claimed).toBe(1);
    }
    [delivery] = (await deliveriesOf(hook.id)).filter((d) => d.eventId === eventId);
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      nextAttemptAt: null,
      responseStatus: 500,
    });
    expect(received).toHaveLength(MAX_ATTEMPTS);
    const log = delivery!.log;
    expect(log.map((entry) => entry.outcome)).toEqual([
      ...Array.from({ length: MAX_ATTEMPTS - 1 }, () => 'retry'),
      'failed',
    ]);
    expect(log.map((entry) => entry.attempt)).toEqual(Array.from({ length: MAX_ATTEMPTS }, (_, i) => i + 1));
    expect(log.every((entry) => entry.responseStatus === 500)).toBe(true);
    expect(log.at(-1)!.nextAttemptAt).toBeNull();
    // Each retry was scheduled its base delay after the attempt (1 min, 5 min, 30 min … 24 h).
    const delays = log
      .slice(0, -1)
      .map((entry) => (Date.parse(entry.nextAttemptAt!) - Date.parse(entry.at)) / 1000);
    delays.forEach((seconds, i) => {
      expect(Math.abs(seconds - RETRY_DELAYS_SECONDS[i]!), `retry ${i + 1}`).toBeLessThan(30);
    });
    expect((await deliverDue(t.database, NO_JITTER)).claimed).toBe(0);
  });

  it('redelivers a failed delivery as a new delivery of the same event', async () => {
    const failed = (await deliveriesOf(hook.id)).find((d) => d.status === 'failed')!;
    const response = await t.request(
      'admin',
      'POST',
      `/api/v1/webhooks/${hook.id}/deliveries/${failed.id}/redeliver`,
    );
    expect(response.statusCode, response.body).toBe(202);
    const fresh = response.json<DeliveryBody>();
    expect(fresh).toMatchObject({ eventId: failed.eventId, status: 'pending', attempts: 0, log: [] });
    expect(fresh.id).not.toBe(failed.id);
    received.length = 0;
    expect(await deliverDue(t.database, NO_JITTER)).toMatchObject({ claimed: 1, delivered: 1 });
    const payload = JSON.parse(received[0]!.body) as { id: string };
    // Same event id: the receiver's idempotency key.
    expect(payload.id).toBe(String(failed.eventId));
    const after = await deliveriesOf(hook.id);
    expect(after.find((d) => d.id === fresh.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(after.find((d) => d.id === failed.id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    const audited = await q(
      `SELECT 1 FROM audit_log WHERE entity = 'webhook_redelivery' AND entity_id = $1`,
      [String(fresh.id)],
    );
    expect(audited).toHaveLength(1);
    const unknown = await t.request(
      'admin',
      'POST',
      `/api/v1/webhooks/${hook.id}/deliveries/999999/redeliver`,
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('holds deliveries of an inactive webhook until it is active again', async () => {
    const paused = await t.request('admin', 'PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    expect(paused.statusCode).toBe(200);
    const inactiveEvent = await recordEvent('tier.changed', { externalId: 'C-3' });
    expect(await q('SELECT 1 FROM webhook_deliveries WHERE event_id = $1', [inactiveEvent])).toEqual([]);
    await t.request('admin', 'PATCH', `/api/v1/webhooks/${hook.id}`, { active: true });
  });

  it('sends a signed ping and rotates the secret', async () => {
    received.length = 0;
    const ping = await t.request('admin', 'POST', `/api/v1/webhooks/${hook.id}/test`);
    expect(ping.json()).toMatchObject({ delivered: true, responseStatus: 200 });
    const rotated = await t.request('admin', 'POST', `/api/v1/webhooks/${hook.id}/rotate-secret`);
    const secret = rotated.json<{ secret: string }>().secret;
    expect(secret).not.toBe(hook.secret);
    await t.request('admin', 'POST', `/api/v1/webhooks/${hook.id}/test`);
    const [before, after] = received;
    const check = (request: Received, key: string) =>
      verifyWebhookSignature({
        secret: key,
        timestamp: request.headers['x-stratum-timestamp'] as string,
        signature: request.headers['x-stratum-signature'] as string,
        body: request.body,
      });
    expect([check(before!, hook.secret), check(after!, hook.secret), check(after!, secret)]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('the delivery loop sends due deliveries by itself and stops cleanly', async () => {
    const eventId = await recordEvent('tier.changed', { externalId: 'C-4' });
    const loop = startWebhookDelivery(t.database, { ...NO_JITTER, pollIntervalMs: 60_000 });
    // The loop's first pass starts at once; deliverNow waits for a pass of its own.
    await loop.deliverNow();
    await loop.stop();
    const delivery = (await deliveriesOf(hook.id)).find((d) => d.eventId === eventId);
    expect(delivery?.status).toBe('delivered');
  });
});
