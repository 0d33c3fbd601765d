import { z } from 'zod';
import { IMPORT_ENTITIES } from '@stratum/db';
import { booleanQuery, idSchema, isoOut } from '../app/schemas.js';
import type { ImportIssue } from './issues.js';
import type { ImportView } from './importQueries.js';

export const importEntityParams = z.object({ entity: z.enum(IMPORT_ENTITIES) });
export const importIdParams = z.object({ id: idSchema });

export const importUploadQuery = z.object({
  skipInvalid: booleanQuery
    .optional()
    .describe('Write the valid rows and report the rest (default: all or nothing)'),
  format: z.enum(['csv', 'xlsx']).optional().describe('Default: from the file name (.xlsx → xlsx, else csv)'),
  encoding: z
    .enum(['auto', 'utf8', 'gbk'])
    .optional()
    .describe('CSV only; default auto (BOM → UTF-8, valid UTF-8, else GB18030)'),
});

export const importIssueSchema = z
  .object({
    line: z.number().int().describe('Line in the file (1 = header; XLSX: the row number)'),
    column: z
      .string()
      .nullable()
      .describe('The header as written in the file; null for the whole row or file'),
    value: z.string().nullable(),
    code: z.string().describe('Stable code, e.g. INVALID_DATE, UNKNOWN_CUSTOMER, MISSING_COLUMN'),
    message: z.string().describe('In the language of the file headers'),
  })
  .describe('ImportIssue');

export const importSchema = z
  .object({
    id: z.number().int(),
    entity: z.enum(IMPORT_ENTITIES),
    fileName: z.string(),
    format: z.string(),
    encoding: z.string().nullable(),
    skipInvalid: z.boolean(),
    status: z.enum(['queued', 'running', 'succeeded', 'rejected', 'failed']),
    phase: z.string().nullable(),
    progressPercent: z
      .number()
      .int()
      .describe('Reading 0–80 by bytes, checking 85, writing 90, finished 100'),
    bytesTotal: z.number().int().nullable(),
    bytesRead: z.number().int(),
    rowsRead: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int().describe('Rejected rows'),
    sampleErrors: z
      .array(importIssueSchema)
      .describe('The first rejected rows; all of them at /imports/{id}/errors'),
    warnings: z.array(z.string()),
    error: z.string().nullable().describe('Why a failed import failed'),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .describe('Import');

export const importAcceptedSchema = z.object({
  id: z.number().int(),
  status: z.literal('queued'),
  entity: z.enum(IMPORT_ENTITIES),
});

export function presentImport(view: ImportView): z.infer<typeof importSchema> {
  return {
    ...view,
    entity: view.entity as z.infer<typeof importSchema>['entity'],
    status: view.status as z.infer<typeof importSchema>['status'],
    sampleErrors: view.sampleErrors.map(presentIssue),
    warnings: [...view.warnings],
    createdAt: view.createdAt.toISOString(),
    startedAt: isoOut(view.startedAt),
    finishedAt: isoOut(view.finishedAt),
  };
}

export function presentIssue(issue: ImportIssue): z.infer<typeof importIssueSchema> {
  return {
    line: issue.line,
    column: issue.column,
    value: issue.value,
    code: issue.code,
    message: issue.message,
  };
}
