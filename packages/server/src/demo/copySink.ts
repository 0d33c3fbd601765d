import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { DEMO_COLUMNS, DEMO_TABLES, type DemoTable } from './demoOutput.js';
import type { DemoSink } from './generateDemo.js';

interface Lane {
  readonly table: DemoTable;
  readonly client: pg.Client;
  readonly stream: CopyStreamQuery;
  waiting: boolean;
}

/**
 * One connection and one open transaction per table, each running `COPY … FROM STDIN`: the tables load
 * in parallel while one generator feeds them. Backpressure is the stream's: when a socket buffer is full
 * `write` says so and the generator waits for `drained`.
 *
 * At the end the tables are finished and committed one after the other, customers last. Not all at once:
 * statement triggers on the activity tables write the touched customers into a shared table, and two
 * open transactions writing the same keys there would wait on each other. Nothing is visible before the
 * first commit; a failure before the last one is cleaned up by the caller (see demoLoadMarker).
 */
export class CopySink implements DemoSink {
  private failure: Error | undefined;
  private readonly failed: Promise<never>;
  private fail: (error: Error) => void = () => undefined;

  private constructor(private readonly lanes: Map<DemoTable, Lane>) {
    this.failed = new Promise<never>((_, reject) => {
      this.fail = (error) => {
        this.failure ??= error;
        reject(this.failure);
      };
    });
    // Observed even when nobody is waiting, so a failure is never an unhandled rejection.
    this.failed.catch(() => undefined);
    for (const lane of lanes.values()) {
      lane.stream.on('error', (error: Error) => this.fail(new Error(`COPY ${lane.table}: ${error.message}`)));
      lane.client.on('error', (error: Error) =>
        this.fail(new Error(`connection (${lane.table}): ${error.message}`)),
      );
    }
  }

  /** Opens the connections and starts a COPY per table; wall-clock text is read in `timeZone`. */
  static async open(url: string, timeZone: string): Promise<CopySink> {
    const lanes = new Map<DemoTable, Lane>();
    try {
      for (const table of DEMO_TABLES) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        lanes.set(table, { table, client, stream: undefined as unknown as CopyStreamQuery, waiting: false });
        await client.query('BEGIN');
        await client.query(
          "SELECT set_config('TimeZone', $1, true), set_config('synchronous_commit', 'off', true)",
          [timeZone],
        );
        await skipTriggers(client);
        const columns = DEMO_COLUMNS[table].map((column) => client.escapeIdentifier(column)).join(', ');
        const stream = client.query(
          copyFrom(`COPY ${client.escapeIdentifier(table)} (${columns}) FROM STDIN`),
        );
        lanes.set(table, { table, client, stream, waiting: false });
      }
    } catch (error) {
      await Promise.allSettled([...lanes.values()].map((lane) => lane.client.end()));
      throw error;
    }
    return new CopySink(lanes);
  }

  write(table: DemoTable, chunk: Buffer): boolean {
    if (this.failure) return false;
    const lane = this.lanes.get(table);
    if (!lane) throw new Error(`no COPY stream for ${table}`);
    const ok = lane.stream.write(chunk);
    if (!ok) lane.waiting = true;
    return ok;
  }

  async drained(): Promise<void> {
    const waits = [...this.lanes.values()]
      .filter((lane) => lane.waiting)
      .map(async (lane) => {
        await once(lane.stream, 'drain');
        lane.waiting = false;
      });
    await Promise.race([Promise.all(waits), this.failed]);
  }

  /**
   * Ends each COPY and commits its transaction, table by table, customers last; `last` runs inside the
   * customers transaction just before it commits.
   */
  async commit(last: (client: pg.Client) => Promise<void>): Promise<void> {
    const order = [...this.lanes.values()].sort(
      (a, b) => Number(a.table === 'customers') - Number(b.table === 'customers'),
    );
    for (const lane of order) {
      const finished = once(lane.stream, 'finish');
      lane.stream.end();
      await Promise.race([finished, this.failed]);
      if (lane.table === 'customers') await last(lane.client);
      await lane.client.query('COMMIT');
    }
    await this.close();
  }

  /** Gives up: closing the connections rolls back whatever was copied. */
  async abort(): Promise<void> {
    for (const lane of this.lanes.values()) lane.stream.destroy();
    await this.close();
  }

  private async close(): Promise<void> {
    await Promise.allSettled([...this.lanes.values()].map((lane) => lane.client.end()));
  }
}

/**
 * A bulk load into empty tables need not keep the activity rollup's change tracking (statement triggers
 * that would hold every copied row in a transition table): the load marks every customer dirty once at
 * the end instead. `session_replication_role = replica` skips ordinary triggers for this transaction only,
 * so nothing persists if the load is killed. It needs a superuser (the embedded server's user is one);
 * elsewhere the triggers simply fire.
 */
async function skipTriggers(client: pg.Client): Promise<void> {
  await client.query('SAVEPOINT replica_role');
  try {
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query('RELEASE SAVEPOINT replica_role');
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT replica_role');
  }
}
