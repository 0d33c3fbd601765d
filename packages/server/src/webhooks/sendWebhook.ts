import { STRATUM_VERSION } from '../health/healthRoutes.js';
import { signWebhook } from './signature.js';

/** What a receiver gets as the JSON body of every delivery. */
export interface WebhookPayload {
  /** The event id (a string: ids are 64-bit). A redelivery repeats it: use it to deduplicate. */
  id: string;
  kind: string;
  createdAt: string;
  data: Record<string, unknown>;
}

export interface WebhookMessage {
  /** X-Stratum-Delivery: this delivery's id (a redelivery of a finished delivery gets a new one). */
  deliveryId: string;
  payload: WebhookPayload;
}

export interface AttemptResult {
  delivered: boolean;
  /** The receiver's HTTP status; null when no response came (refused, timed out, TLS error …). */
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const USER_AGENT = `Stratum-Webhooks/${STRATUM_VERSION}`;

/**
 * One attempt: POST the signed JSON to `url` and wait at most `timeoutMs` for the answer. A 2xx answer is
 * delivered; anything else (other statuses, including redirects, which are never followed; network errors;
 * time-outs) is a failed attempt with its reason. Never throws.
 */
export async function postWebhook(
  url: string,
  secret: string,
  message: WebhookMessage,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<AttemptResult> {
  const body = JSON.stringify(message.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': USER_AGENT,
        'x-stratum-event': message.payload.kind,
        'x-stratum-delivery': message.deliveryId,
        'x-stratum-timestamp': String(timestamp),
        'x-stratum-signature': signWebhook(secret, timestamp, body),
      },
      body,
    });
    // The answer's body is not needed; drop it so the connection is freed.
    await response.body?.cancel().catch(() => undefined);
    const delivered = response.status >= 200 && response.status < 300;
    return {
      delivered,
      responseStatus: response.status,
      error: delivered
        ? null
        : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      durationMs: elapsed(),
    };
  } catch (error) {
    return {
      delivered: false,
      responseStatus: null,
      error: describeFetchError(error, timeoutMs),
      durationMs: elapsed(),
    };
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  // undici reports "fetch failed" with the network error as its cause (ECONNREFUSED, ENOTFOUND, TLS …).
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (detail ? `${message}: ${detail}` : message).slice(0, 500);
}
