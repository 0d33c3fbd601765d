import { DELIVERY_STATUSES, EVENT_KINDS } from '@stratum/db';
import { z } from 'zod';
import { idSchema, isoOut, listQuery, optionalText } from '../app/schemas.js';
import type { Delivery } from './deliveryService.js';
import { webhookUrlProblem } from './webhookUrl.js';
import type { Webhook } from './webhookService.js';

const urlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('http(s) URL the deliveries are POSTed to');

const kindsSchema = z
  .array(z.enum(EVENT_KINDS))
  .min(1, 'choose at least one event kind')
  .max(EVENT_KINDS.length * 2)
  .describe(`Event kinds to receive: ${EVENT_KINDS.join(', ')}`);

export const webhookParams = z.object({ webhookId: idSchema });
export const deliveryParams = z.object({ webhookId: idSchema, deliveryId: idSchema });

export const createWebhookBody = z
  .object({
    url: urlSchema,
    events: kindsSchema,
    active: z.boolean().optional(),
    description: optionalText(500),
  })
  .strict();

export const updateWebhookBody = z
  .object({
    url: urlSchema.optional(),
    events: kindsSchema.optional(),
    active: z.boolean().optional(),
    description: optionalText(500),
  })
  .strict();

export const deliveryListQuery = listQuery.extend({ status: z.enum(DELIVERY_STATUSES).optional() });

export const webhookSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    description: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .describe('Webhook (the secret is never shown after creation or rotation)');

export const webhookWithSecretSchema = z.object({
  webhook: webhookSchema,
  secret: z.string().describe('The signing secret: shown in this response only. Store it in the receiver.'),
});

const attemptSchema = z.object({
  attempt: z.number().int(),
  at: z.string(),
  outcome: z.enum(['delivered', 'retry', 'failed']),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  nextAttemptAt: z.string().nullable(),
});

export const deliverySchema = z
  .object({
    id: z.number().int().describe('Sent as X-Stratum-Delivery'),
    webhookId: z.number().int(),
    eventId: z.number().int().describe('The payload `id`'),
    eventKind: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    responseStatus: z.number().int().nullable().describe('Of the last attempt'),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    log: z.array(attemptSchema).describe('Every attempt, oldest first'),
  })
  .describe('WebhookDelivery');

export const testResultSchema = z
  .object({
    id: z.string().describe('The ping’s X-Stratum-Delivery and payload id'),
    delivered: z.boolean(),
    responseStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int(),
  })
  .describe('WebhookTestResult');

export function presentWebhook(webhook: Webhook): z.infer<typeof webhookSchema> {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    active: webhook.active,
    description: webhook.description,
    createdAt: webhook.createdAt.toISOString(),
    createdBy: webhook.createdBy,
    updatedAt: webhook.updatedAt.toISOString(),
    updatedBy: webhook.updatedBy,
  };
}

export function presentDelivery(delivery: Delivery): z.infer<typeof deliverySchema> {
  return {
    ...delivery,
    nextAttemptAt: isoOut(delivery.nextAttemptAt),
    createdAt: delivery.createdAt.toISOString(),
    deliveredAt: isoOut(delivery.deliveredAt),
  };
}
