import { z } from 'zod';
import { isoOut } from '../app/schemas.js';
import type { ModelRow } from './modelStore.js';

/** How a model version looks in the API: metadata (lists) and the document (one version). */
export const modelSummarySchema = z
  .object({
    id: z.number().int(),
    key: z.string().describe('The model family: versions share it'),
    version: z.number().int(),
    name: z.string(),
    status: z.enum(['draft', 'published', 'archived']),
    priority: z.number().int(),
    schedule: z.string().nullable(),
    segment: z.unknown().nullable().describe('Which customers it grades; null = everyone (fallback)'),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    archivedAt: z.string().nullable(),
    archivedBy: z.string().nullable(),
  })
  .describe('GradingModelVersion');

export const modelDetailSchema = modelSummarySchema
  .extend({
    document: z.record(z.string(), z.unknown()).describe('The validated document, defaults filled in'),
  })
  .describe('GradingModel');

export type ModelSummary = z.infer<typeof modelSummarySchema>;

export function presentModelSummary(row: ModelRow): ModelSummary {
  const segment = (row.document as { segment?: unknown }).segment;
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    status: row.status,
    priority: row.priority,
    schedule: row.schedule,
    segment: segment ?? null,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
    publishedAt: isoOut(row.publishedAt),
    publishedBy: row.publishedBy,
    archivedAt: isoOut(row.archivedAt),
    archivedBy: row.archivedBy,
  };
}

export function presentModel(row: ModelRow): z.infer<typeof modelDetailSchema> {
  return { ...presentModelSummary(row), document: row.document };
}

/** What the audit log keeps of a version: its metadata and document (before/after of each change). */
export function auditedModel(row: ModelRow): Record<string, unknown> {
  return {
    key: row.key,
    version: row.version,
    name: row.name,
    status: row.status,
    priority: row.priority,
    schedule: row.schedule,
    document: row.document,
  };
}
