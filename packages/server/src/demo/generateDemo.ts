import { planCustomer } from './customerPlan.js';
import { createDemoContext } from './demoContext.js';
import { DEMO_TABLES, DemoOutput, type DemoCounts, type DemoTable } from './demoOutput.js';
import type { DemoOptions } from './demoOptions.js';
import { DemoRandom } from './random.js';
import { writeComplaints, writeInteractions, writeReferrals, writeSurveys } from './rows/activityRows.js';
import { writeContacts, writeCustomer } from './rows/customerRows.js';
import { ContactRoster, type CustomerScope } from './rows/CustomerScope.js';
import { writeOrders } from './rows/orderRows.js';

/** Where generated COPY text goes. */
export interface DemoSink {
  /** Takes the next chunk of a table's COPY text (lines may span chunks); false asks the generator to wait for `drained`. */
  write(table: DemoTable, chunk: Buffer): boolean;
  drained(): Promise<void>;
}

export interface GenerateProgress {
  customersDone: number;
  rows: DemoCounts;
}

const PROGRESS_EVERY = 2000;

/**
 * Generates the whole book customer by customer — the customer row, then its contacts, orders,
 * interactions, surveys, complaints and referrals — writing COPY text per table and handing each full
 * chunk to the sink, waiting whenever the sink pushes back. Memory stays bounded by the chunk size: no
 * per-row object outlives its customer. Same options, same bytes, whatever the sink.
 */
export async function generateDemo(
  options: DemoOptions,
  sink: DemoSink,
  onProgress?: (progress: GenerateProgress) => void,
): Promise<DemoCounts> {
  const context = createDemoContext(options);
  const out = new DemoOutput();
  const scope: CustomerScope = {
    context,
    random: new DemoRandom(),
    out,
    roster: new ContactRoster(),
    plan: planCustomer(context, 1),
  };
  for (let index = 1; index <= options.customers; index++) {
    generateCustomer(scope, index);
    let ready = true;
    for (const table of DEMO_TABLES) {
      const writer = out.writer(table);
      if (writer.pendingChunks === 0) continue;
      for (const chunk of writer.take()) ready = sink.write(table, chunk) && ready;
    }
    if (!ready) await sink.drained();
    if (index % PROGRESS_EVERY === 0) onProgress?.({ customersDone: index, rows: { ...out.rows } });
  }
  for (const table of DEMO_TABLES) for (const chunk of out.writer(table).take(true)) sink.write(table, chunk);
  onProgress?.({ customersDone: options.customers, rows: { ...out.rows } });
  return { ...out.rows };
}

function generateCustomer(scope: CustomerScope, index: number): void {
  scope.plan = planCustomer(scope.context, index);
  scope.random.reseed(scope.context.options.seed, index, 2);
  writeCustomer(scope);
  writeContacts(scope);
  writeOrders(scope);
  writeInteractions(scope);
  writeSurveys(scope);
  writeComplaints(scope);
  writeReferrals(scope);
}
