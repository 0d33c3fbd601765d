import crypto from 'node:crypto';

/**
 * Webhook signatures. Every delivery carries
 *
 *   X-Stratum-Timestamp: <unix seconds when this attempt was sent>
 *   X-Stratum-Signature: sha256=<hex HMAC-SHA256 over "<timestamp>.<raw body>", keyed with the secret>
 *
 * The key is the whole secret string as shown on creation (UTF-8, `whsec_` prefix included). A receiver
 * verifies (verifyWebhookSignature does exactly this, see README.md in this folder):
 *   1. take the raw request body bytes, before any JSON parsing;
 *   2. refuse a timestamp more than 5 minutes from its own clock (a captured request cannot be replayed
 *      later, since the timestamp is inside the signed text);
 *   3. compute the HMAC and compare in constant time;
 *   4. to refuse replays inside those 5 minutes too, remember X-Stratum-Delivery ids seen in the window
 *      (and treat the payload's `id`, the event id, as the idempotency key: a redelivery repeats it).
 */
export const SIGNATURE_PREFIX = 'sha256=';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function generateWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64url')}`;
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return (
    SIGNATURE_PREFIX +
    crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')
  );
}

export interface SignedRequest {
  secret: string;
  /** X-Stratum-Timestamp as received. */
  timestamp: string | undefined;
  /** X-Stratum-Signature as received. */
  signature: string | undefined;
  /** The raw body, exactly as received. */
  body: string;
  /** The receiver's clock, unix seconds (default: now). */
  now?: number;
  toleranceSeconds?: number;
}

/** What a receiver does with a delivery: true only for a fresh, correctly signed request. */
export function verifyWebhookSignature(request: SignedRequest): boolean {
  const { timestamp, signature } = request;
  if (!timestamp || !/^[0-9]{1,12}$/.test(timestamp) || !signature?.startsWith(SIGNATURE_PREFIX))
    return false;
  const now = request.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (request.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS))
    return false;
  const expected = Buffer.from(signWebhook(request.secret, Number(timestamp), request.body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
