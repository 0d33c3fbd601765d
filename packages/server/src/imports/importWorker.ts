import { z } from 'zod';
import type { Database } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Config } from '../config/config.js';
import type { Jobs } from '../jobs/startJobs.js';
import { runQueuedImport } from './importService.js';

/** The queue API uploads go through; its worker runs them with runQueuedImport. */
export const IMPORT_QUEUE = 'import';

/** What an import job carries: the queued import, and who asked (their scope decides what it may write). */
export const importJobData = z.object({
  importId: z.number().int().positive(),
  actor: z.object({
    kind: z.enum(['user', 'token', 'system']),
    userId: z.string().nullable(),
    role: z.enum(['admin', 'director', 'account_manager', 'analyst']),
    teamId: z.number().int().nullable(),
    isTeamLead: z.boolean(),
  }),
});
export type ImportJobData = z.infer<typeof importJobData>;

export function importJob(importId: number, actor: Actor): ImportJobData {
  return { importId, actor: { ...actor } };
}

/**
 * Makes this process run queued imports. The import records its own outcome (import_jobs), so the
 * queue job itself succeeds for a rejected file; only a system failure fails it.
 */
export async function registerImportWorker(
  jobs: Pick<Jobs, 'work'>,
  database: Database,
  config: Pick<Config, 'orgTimezone'>,
): Promise<void> {
  await jobs.work<unknown>(IMPORT_QUEUE, async (data) => {
    const job = importJobData.parse(data);
    await runQueuedImport(database, config, job.importId, job.actor);
  });
}
