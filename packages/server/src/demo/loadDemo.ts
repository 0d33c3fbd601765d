import pg from 'pg';
import { refreshActivity, type Database } from '@stratum/db';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { writeAudit } from '../audit/auditWriter.js';
import { configSchema } from '../config/config.js';
import { orgTimeZone } from '../time/index.js';
import { restoreSuspendedIndexes } from './bulkIndexes.js';
import { CopySink } from './copySink.js';
import { demoError } from './demoErrors.js';
import { DEMO_TABLES, type DemoCounts } from './demoOutput.js';
import { parseDemoOptions, type DemoOptions } from './demoOptions.js';
import { clearDemoLoading } from './demoLoadMarker.js';
import { prepareDemoLoad, type IndexStrategy } from './prepareDemoLoad.js';
import { generateDemo } from './generateDemo.js';
import { planStaff } from './staff.js';

export interface LoadDemoOptions {
  customers?: number | undefined;
  seed?: number | undefined;
  /** Last day of history (YYYY-MM-DD); default today in `timeZone`. */
  endDate?: string | undefined;
  years?: number | undefined;
  /** The organisation's timezone: generated wall-clock times are read in it. Default UTC. */
  timeZone?: string | undefined;
  /** Empty the business tables first when they hold data (otherwise such a database is refused). */
  reset?: boolean | undefined;
  /** What is dropped during the load and rebuilt after it (see INDEX_STRATEGIES); default 'rebuild'. */
  indexes?: IndexStrategy | undefined;
  onProgress?: ((progress: DemoProgress) => void) | undefined;
}

export type DemoPhase = 'prepare' | 'load' | 'indexes' | 'analyze' | 'rollup';

export interface DemoProgress {
  readonly phase: DemoPhase;
  readonly customersDone: number;
  readonly customersTotal: number;
  /** Rows written so far in this phase (all tables). */
  readonly rows: number;
  readonly rowsPerSecond: number;
  readonly detail?: string;
}

export interface DemoAccount {
  readonly email: string;
  readonly name: string;
  readonly role: string;
}

export interface DemoLoadResult {
  readonly options: DemoOptions;
  readonly timeZone: string;
  /** Whether existing business data was deleted first. */
  readonly reset: boolean;
  /** Whether a partial demo left by a killed load was cleared first. */
  readonly repaired: boolean;
  readonly rows: DemoCounts;
  readonly users: number;
  readonly teams: number;
  /** A few accounts worth signing in as (the director, the analyst, a team lead). */
  readonly accounts: readonly DemoAccount[];
  readonly indexesRebuilt: readonly string[];
  readonly phases: readonly { readonly phase: DemoPhase; readonly seconds: number }[];
  readonly seconds: number;
  readonly peakRssMb: number;
}

// Any fixed number: one demo load at a time per database.
const DEMO_LOCK = 727_002;

/**
 * Generates the demo book and loads it through COPY into a database without customers (or, with
 * `reset`, after emptying its business tables). The rows of every table commit together at the end, so
 * a failed or interrupted load leaves no half book behind.
 */
export async function loadDemo(database: Database, input: LoadDemoOptions = {}): Promise<DemoLoadResult> {
  const timeZone = input.timeZone ?? 'UTC';
  if (!configSchema.shape.orgTimezone.safeParse(timeZone).success)
    throw demoError('DEMO_INVALID_OPTIONS', `Unknown timezone "${timeZone}"`);
  const options = parseDemoOptions({
    customers: input.customers,
    seed: input.seed,
    years: input.years,
    endDate: input.endDate ?? orgTimeZone(timeZone).localDate(Date.now()),
  });
  const connect = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return client;
  };
  const started = performance.now();
  const rss = sampleRss();
  const phases: { phase: DemoPhase; seconds: number }[] = [];
  const timed = async <T>(phase: DemoPhase, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    input.onProgress?.({
      phase,
      customersDone: 0,
      customersTotal: options.customers,
      rows: 0,
      rowsPerSecond: 0,
    });
    try {
      return await run();
    } finally {
      phases.push({ phase, seconds: (performance.now() - start) / 1000 });
    }
  };

  const control = await connect();
  try {
    const locked = await control.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [DEMO_LOCK]);
    if (!locked.rows[0]?.ok) throw demoError('DEMO_BUSY', 'Another demo load is running on this database');

    const staff = planStaff(options.customers);
    const prepared = await timed('prepare', () =>
      prepareDemoLoad(control, connect, database.db, {
        staff,
        reset: input.reset === true,
        indexes: input.indexes ?? 'rebuild',
      }),
    );
    const rebuild = () =>
      timed('indexes', () =>
        restoreSuspendedIndexes(connect, {
          onIndex: (name) =>
            input.onProgress?.({
              phase: 'indexes',
              customersDone: options.customers,
              customersTotal: options.customers,
              rows: 0,
              rowsPerSecond: 0,
              detail: name,
            }),
        }),
      );
    let rows: DemoCounts;
    try {
      rows = await timed('load', () => copyDemo(database.url, options, timeZone, input.onProgress));
    } catch (error) {
      // Whatever was committed goes, and the indexes come back; the load's own error is the one to report.
      await prepared.undo().catch(() => undefined);
      await rebuild().catch(() => undefined);
      throw error;
    }
    if (prepared.suspended.length > 0) await rebuild();
    const { reset } = prepared;

    await timed('analyze', async () => {
      for (const table of DEMO_TABLES) {
        // Ids were given explicitly (1…n): move each identity past them.
        const count = rows[table];
        await control.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2, $3)`, [
          table,
          Math.max(count, 1),
          count > 0,
        ]);
      }
      await control.query(
        `ANALYZE ${DEMO_TABLES.map((table) => control.escapeIdentifier(table)).join(', ')}`,
      );
      await writeAudit(database.db, SYSTEM_ACTOR, {
        action: 'create',
        entity: 'demo_data',
        entityId: `seed-${options.seed}`,
        after: { ...options, timeZone, reset, rows },
      });
    });

    // The grading runs read the per-customer activity rollup: build it now, so the first run is fast.
    await timed('rollup', async () => {
      await control.query(
        'INSERT INTO activity_dirty (customer_id) SELECT id FROM customers ON CONFLICT DO NOTHING',
      );
      await refreshActivity(database.pool, timeZone);
    });

    const lead = staff.teams[0] ? staff.users[staff.teams[0].lead] : undefined;
    const accounts = [staff.users[0], staff.users[1], lead].filter((user) => user !== undefined);
    return {
      options,
      timeZone,
      reset,
      rows,
      users: staff.users.length,
      teams: staff.teams.length,
      accounts: accounts.map((user) => ({ email: user.email, name: user.name, role: user.role })),
      repaired: prepared.repaired,
      indexesRebuilt: prepared.suspended,
      phases,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: rss.stop(),
    };
  } finally {
    rss.stop();
    await control.query('SELECT pg_advisory_unlock($1)', [DEMO_LOCK]).catch(() => undefined);
    await control.end();
  }
}

async function copyDemo(
  url: string,
  options: DemoOptions,
  timeZone: string,
  onProgress: LoadDemoOptions['onProgress'],
): Promise<DemoCounts> {
  const sink = await CopySink.open(url, timeZone);
  const start = performance.now();
  let reported = 0;
  try {
    const rows = await generateDemo(options, sink, ({ customersDone, rows: counts }) => {
      const now = performance.now();
      if (now - reported < 1000 && customersDone < options.customers) return;
      reported = now;
      const total = DEMO_TABLES.reduce((sum, table) => sum + counts[table], 0);
      onProgress?.({
        phase: 'load',
        customersDone,
        customersTotal: options.customers,
        rows: total,
        rowsPerSecond: total / Math.max(0.001, (now - start) / 1000),
      });
    });
    await sink.commit(clearDemoLoading);
    return rows;
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** Peak resident memory of this process while the load runs, in MiB. */
function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return Math.round(peak / 2 ** 20);
    },
  };
}
