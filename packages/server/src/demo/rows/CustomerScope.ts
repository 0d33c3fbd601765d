import type { CustomerPlan } from '../customerPlan.js';
import type { DemoContext } from '../demoContext.js';
import type { DemoOutput } from '../demoOutput.js';
import type { DemoRandom } from '../random.js';

/** The current customer's contacts, reused from customer to customer (no per-row objects kept). */
export class ContactRoster {
  count = 0;
  readonly ids: number[] = [];
  readonly roles: string[] = [];
  /** Day the contact left; Infinity while they are still there. */
  readonly leftDay: number[] = [];

  /** A contact still there on `day` (a few tries, then none: some activity names nobody). */
  activeOn(random: DemoRandom, day: number): number | null {
    for (let attempt = 0; attempt < 3 && this.count > 0; attempt++) {
      const k = Math.floor(random.uniform() * this.count);
      if ((this.leftDay[k] ?? 0) > day) return this.ids[k] ?? null;
    }
    return null;
  }
}

/** What every row writer works with: the customer's plan, its random stream, the output and its contacts. */
export interface CustomerScope {
  readonly context: DemoContext;
  readonly random: DemoRandom;
  readonly out: DemoOutput;
  readonly roster: ContactRoster;
  plan: CustomerPlan;
}
