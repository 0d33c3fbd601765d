import type pg from 'pg';

/** Share of the whole backtest each phase stands for, so progress moves evenly. */
export const BACKTEST_PHASES = {
  refresh: [0, 0.1],
  extract: [0.1, 0.45],
  grade: [0.45, 0.7],
  outcomes: [0.7, 0.95],
  report: [0.95, 1],
} as const;
export type BacktestPhase = keyof typeof BACKTEST_PHASES;

const HEARTBEAT_MS = 5_000;

/**
 * Progress and liveness of a backtest, written on the pool at most a few times a second (into `report`,
 * see BacktestProgressState), plus a heartbeat while it works, so a dead process's backtest can be told
 * from a slow one.
 */
export class BacktestProgress {
  private last = 0;
  private timer: NodeJS.Timeout | undefined;
  private phaseName: BacktestPhase = 'refresh';
  private progress = 0;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly id: number,
    private readonly onChange?: (phase: BacktestPhase, progress: number) => void,
  ) {}

  /** Takes the queued backtest; false when it is no longer queued (cancelled, or another worker has it). */
  async start(): Promise<boolean> {
    const taken = await this.pool.query(
      `UPDATE backtest_reports
       SET status = 'running', report = jsonb_build_object('phase', 'refresh', 'progress', 0, 'heartbeatAt', now())
       WHERE id = $1 AND status = 'queued'`,
      [this.id],
    );
    if (taken.rowCount !== 1) return false;
    this.onChange?.('refresh', 0);
    this.timer = setInterval(() => void this.write().catch(() => undefined), HEARTBEAT_MS);
    this.timer.unref();
    return true;
  }

  /** Enter `phase`, or report `fraction` (0…1) of it done. */
  async phase(phase: BacktestPhase, fraction = 0): Promise<void> {
    this.phaseName = phase;
    const [from, to] = BACKTEST_PHASES[phase];
    this.progress = from + (to - from) * Math.min(1, Math.max(0, fraction));
    this.onChange?.(phase, this.progress);
    const now = Date.now();
    if (fraction > 0 && fraction < 1 && now - this.last < 250) return;
    this.last = now;
    await this.write();
  }

  /** Fire-and-forget variant for synchronous callbacks (COPY progress). */
  report(fraction: number): void {
    void this.phase(this.phaseName, fraction).catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Writes are chained so a late report of an earlier phase never overwrites a later one. */
  private write(): Promise<void> {
    const [phase, progress] = [this.phaseName, this.progress];
    this.writes = this.writes
      .catch(() => undefined)
      .then(() =>
        this.pool.query(
          `UPDATE backtest_reports
           SET report = jsonb_build_object('phase', $2::text, 'progress', $3::float8, 'heartbeatAt', now())
           WHERE id = $1 AND status = 'running'`,
          [this.id, phase, progress],
        ),
      )
      .then(() => undefined);
    return this.writes;
  }
}
