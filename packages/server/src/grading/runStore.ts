import { dropRunPartition, gradingRuns, type Db, type RunKind } from '@stratum/db';
import { and, eq, inArray } from 'drizzle-orm';
import type pg from 'pg';
import { gradingError } from './gradingErrors.js';

export type RunRow = typeof gradingRuns.$inferSelect;

export interface NewRun {
  modelId: number;
  asOf: string;
  kind: RunKind;
  dryRun: boolean;
  requestedBy: string | null;
}

/**
 * Records a queued run. The partial unique index `grading_runs_one_active_uq` admits one queued or running
 * grading run per model, so two simultaneous requests cannot both run: the second gets RUN_IN_PROGRESS.
 */
export async function createRun(db: Db, run: NewRun): Promise<RunRow> {
  try {
    const [row] = await db.insert(gradingRuns).values(run).returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) {
      const [active] = await db
        .select({ id: gradingRuns.id, status: gradingRuns.status })
        .from(gradingRuns)
        .where(and(eq(gradingRuns.modelId, run.modelId), inArray(gradingRuns.status, ['queued', 'running'])))
        .limit(1);
      throw gradingError(
        'RUN_IN_PROGRESS',
        `A grading run of this model is already ${active?.status ?? 'active'}`,
        {
          runId: active?.id,
        },
      );
    }
    throw error;
  }
}

export async function getRun(db: Db, id: number): Promise<RunRow> {
  const [row] = await db.select().from(gradingRuns).where(eq(gradingRuns.id, id));
  if (!row) throw gradingError('RUN_NOT_FOUND', `Grading run ${id} does not exist`);
  return row;
}

/** Share of the whole run each phase stands for, so progress moves evenly. */
export const RUN_PHASES = {
  refresh: [0, 0.15],
  extract: [0.15, 0.4],
  grade: [0.4, 0.6],
  write: [0.6, 0.9],
  publish: [0.9, 1],
} as const;
export type RunPhase = keyof typeof RUN_PHASES;

const HEARTBEAT_MS = 5_000;
/** A running run whose heartbeat is older than this belongs to a process that died. */
export const STALE_AFTER_SECONDS = 60;

/**
 * Progress and liveness of a run, written on the pool (outside the run's own transactions) at most a few
 * times a second, plus a heartbeat while the run works.
 */
export class RunProgress {
  private last = 0;
  private timer: NodeJS.Timeout | undefined;
  private phaseName: RunPhase = 'refresh';
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly runId: number,
    private readonly onChange?: (phase: RunPhase, progress: number) => void,
  ) {}

  async start(): Promise<void> {
    await this.pool.query(
      `UPDATE grading_runs SET status = 'running', started_at = now(), heartbeat_at = now(), phase = 'refresh', progress = 0
       WHERE id = $1`,
      [this.runId],
    );
    this.timer = setInterval(() => {
      this.pool
        .query('UPDATE grading_runs SET heartbeat_at = now() WHERE id = $1', [this.runId])
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Enter `phase`, or report `fraction` (0…1) of it done. */
  async phase(phase: RunPhase, fraction = 0): Promise<void> {
    this.phaseName = phase;
    const [from, to] = RUN_PHASES[phase];
    const progress = from + (to - from) * Math.min(1, Math.max(0, fraction));
    this.onChange?.(phase, progress);
    const now = Date.now();
    if (fraction > 0 && fraction < 1 && now - this.last < 250) return;
    this.last = now;
    // Writes are chained so a late report of an earlier phase never overwrites a later phase.
    this.writes = this.writes
      .catch(() => undefined)
      .then(() =>
        this.pool.query(
          'UPDATE grading_runs SET phase = $2, progress = $3, heartbeat_at = now() WHERE id = $1',
          [this.runId, phase, progress],
        ),
      )
      .then(() => undefined);
    await this.writes;
  }

  /** Fire-and-forget variant for synchronous callbacks (e.g. COPY progress). */
  report(fraction: number): void {
    void this.phase(this.phaseName, fraction).catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

export async function finishRun(
  pool: pg.Pool,
  runId: number,
  customers: number,
  stats: unknown,
): Promise<void> {
  await pool.query(
    `UPDATE grading_runs SET status = 'succeeded', phase = 'done', progress = 1, customers = $2, stats = $3,
            finished_at = now(), heartbeat_at = now()
     WHERE id = $1`,
    [runId, customers, JSON.stringify(stats)],
  );
}

/** Marks a run failed and removes whatever it wrote; the published grades are untouched. */
export async function failRun(pool: pg.Pool, runId: number, reason: string): Promise<void> {
  const client = await pool.connect();
  try {
    await dropRunPartition(client, runId);
    await client.query('DELETE FROM tier_changes WHERE run_id = $1', [runId]);
    await client.query(
      `UPDATE grading_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND published_at IS NULL`,
      [runId, reason.slice(0, 2000)],
    );
  } finally {
    client.release();
  }
}

/**
 * Runs left 'running' by a process that died (kill -9, power loss) are marked failed and cleaned up.
 * Safe to call from any process at any time: a live run keeps its heartbeat fresh.
 */
export async function recoverInterruptedRuns(
  pool: pg.Pool,
  staleAfterSeconds = STALE_AFTER_SECONDS,
): Promise<number[]> {
  const stale = await pool.query<{ id: string }>(
    `SELECT id FROM grading_runs
     WHERE status = 'running' AND coalesce(heartbeat_at, started_at, created_at) < now() - make_interval(secs => $1)`,
    [staleAfterSeconds],
  );
  const ids = stale.rows.map((row) => Number(row.id));
  for (const id of ids) await failRun(pool, id, 'interrupted: the process running it stopped');
  return ids;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
}
