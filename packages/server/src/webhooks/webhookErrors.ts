import { errorFactory } from '../app/featureErrors.js';

export type WebhookErrorCode = 'WEBHOOK_NOT_FOUND' | 'DELIVERY_NOT_FOUND';

export function webhookErrorStatus(code: WebhookErrorCode): number {
  switch (code) {
    case 'WEBHOOK_NOT_FOUND':
    case 'DELIVERY_NOT_FOUND':
      return 404;
  }
}

export const webhookError = errorFactory(webhookErrorStatus);
