import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/appError.js';
import { parseIsoDay } from '../time/index.js';
import { planCustomer, TRAJECTORIES, type Trajectory } from './customerPlan.js';
import { createDemoContext } from './demoContext.js';
import { demoChecksum } from './demoChecksum.js';
import { DEMO_COLUMNS, DEMO_TABLES, type DemoTable } from './demoOutput.js';
import { parseDemoOptions, type DemoOptions } from './demoOptions.js';
import { BRAND_SYLLABLES } from './vocabulary/people.js';
import { BUSINESS_VARIANTS, INDUSTRIES } from './vocabulary/industries.js';

const END = '2025-06-30';
const options = (customers: number, seed = 1): DemoOptions => ({ customers, seed, endDate: END, years: 3 });

/** Generates a book and returns its rows per table as arrays of fields. */
async function generateRows(demo: DemoOptions): Promise<Record<DemoTable, string[][]>> {
  const chunks: Partial<Record<DemoTable, Buffer[]>> = {};
  await demoChecksum(demo, (table, chunk) => (chunks[table] ??= []).push(chunk));
  const lines = (table: DemoTable) =>
    Buffer.concat(chunks[table] ?? [])
      .toString('utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t'));
  return Object.fromEntries(DEMO_TABLES.map((table) => [table, lines(table)])) as Record<
    DemoTable,
    string[][]
  >;
}

function field(table: DemoTable, row: string[], column: string): string {
  return row[DEMO_COLUMNS[table].indexOf(column)] ?? '';
}

/** Revenue per customer (index 1…n) from the order rows, in cents. */
function revenueByCustomer(orders: string[][], customers: number): Float64Array {
  const revenue = new Float64Array(customers + 1);
  for (const order of orders) {
    const id = Number(field('orders', order, 'customer_id'));
    revenue[id] = (revenue[id] ?? 0) + Math.round(Number(field('orders', order, 'amount')) * 100);
  }
  return revenue;
}

function topShare(revenue: Float64Array, share: number): number {
  const sorted = Array.from(revenue.subarray(1)).sort((a, b) => b - a);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  const top = sorted.slice(0, Math.ceil(sorted.length * share)).reduce((sum, value) => sum + value, 0);
  return top / total;
}

describe('demo generator', () => {
  it('is deterministic: same options, same bytes; another seed or end date, other bytes', async () => {
    const first = await demoChecksum(options(400));
    const again = await demoChecksum(options(400));
    expect(again.digest).toBe(first.digest);
    expect(again.rows).toEqual(first.rows);
    const otherSeed = await demoChecksum(options(400, 2));
    expect(otherSeed.digest).not.toBe(first.digest);
    for (const table of ['customers', 'orders', 'contacts'] as const) {
      expect(otherSeed.tables[table]).not.toBe(first.tables[table]);
    }
    const otherEnd = await demoChecksum({ ...options(400), endDate: '2025-07-01' });
    expect(otherEnd.digest).not.toBe(first.digest);
  });

  it.each([1, 2, 3])(
    'gives Pareto-shaped revenue: the top fifth of customers carries 75–85 percent (seed %i)',
    async (seed) => {
      const customers = 3000;
      const rows = await generateRows(options(customers, seed));
      const share = topShare(revenueByCustomer(rows.orders, customers), 0.2);
      expect(share).toBeGreaterThanOrEqual(0.75);
      expect(share).toBeLessThanOrEqual(0.85);
      // About 20 orders per customer on average.
      expect(rows.orders.length / customers).toBeGreaterThan(16);
      expect(rows.orders.length / customers).toBeLessThan(24);
    },
  );

  it('tells each trajectory’s story in the orders', async () => {
    const customers = 1500;
    const demo = options(customers, 7);
    const context = createDemoContext(demo);
    const rows = await generateRows(demo);
    const end = parseIsoDay(END) ?? 0;
    const days = new Map<number, number[]>();
    const amounts = new Map<number, { day: number; cents: number }[]>();
    for (const order of rows.orders) {
      const id = Number(field('orders', order, 'customer_id'));
      const day = parseIsoDay(field('orders', order, 'ordered_at').slice(0, 10)) ?? 0;
      days.set(id, [...(days.get(id) ?? []), day]);
      const list = amounts.get(id) ?? [];
      list.push({ day, cents: Math.round(Number(field('orders', order, 'amount')) * 100) });
      amounts.set(id, list);
    }
    const seen = new Set<Trajectory>();
    let declineBefore = 0;
    let declineLast = 0;
    for (let index = 1; index <= customers; index++) {
      const plan = planCustomer(context, index);
      seen.add(plan.trajectory);
      const ordered = days.get(index) ?? [];
      const last = Math.max(...ordered);
      const first = Math.min(...ordered);
      if (plan.trajectory === 'prospect') expect(ordered).toEqual([]);
      if (plan.trajectory === 'new') expect(first).toBeGreaterThan(end - 310);
      if (plan.trajectory === 'churned') {
        // Churned customers stop ordering at least 100 days before the end and never come back.
        expect(last).toBeLessThanOrEqual(plan.lastOrderDay);
        expect(last).toBeLessThanOrEqual(end - 100);
      }
      if (plan.status === 'churned') expect(plan.trajectory).toBe('churned');
      if (plan.trajectory === 'declining' && plan.declineDay - 180 >= context.firstDay) {
        for (const { day, cents } of amounts.get(index) ?? []) {
          if (day >= plan.declineDay - 180 && day < plan.declineDay) declineBefore += cents;
          if (day > end - 180) declineLast += cents;
        }
      }
    }
    expect([...seen].sort()).toEqual([...TRAJECTORIES].sort());
    // Declining customers' last half-year sells far less than the half-year before their decline.
    expect(declineLast).toBeLessThan(0.6 * declineBefore);
  });

  it('tells the same story in complaints, contacts, visits and scores', async () => {
    const customers = 2000;
    const demo = options(customers, 8);
    const context = createDemoContext(demo);
    const rows = await generateRows(demo);
    const end = parseIsoDay(END) ?? 0;
    const plans = Array.from({ length: customers }, (_, i) => planCustomer(context, i + 1));
    const troubled = (id: string) => {
      const trajectory = plans[Number(id) - 1]?.trajectory;
      return trajectory === 'declining' || trajectory === 'churned';
    };
    const healthy = (id: string) => {
      const trajectory = plans[Number(id) - 1]?.trajectory;
      return trajectory === 'stable' || trajectory === 'growing';
    };
    const perCustomer = (list: string[][], table: DemoTable, group: (id: string) => boolean) =>
      list.filter((row) => group(field(table, row, 'customer_id'))).length /
      plans.filter((plan) => group(String(plan.index))).length;

    // Troubled accounts complain more, more severely, and lose their contacts.
    expect(perCustomer(rows.complaints, 'complaints', troubled)).toBeGreaterThan(
      2 * perCustomer(rows.complaints, 'complaints', healthy),
    );
    const left = rows.contacts.filter((row) => field('contacts', row, 'active') === 'f');
    expect(perCustomer(left, 'contacts', troubled)).toBeGreaterThan(
      2 * perCustomer(left, 'contacts', healthy),
    );

    // Declining accounts go quiet in their last months.
    const recent = rows.interactions.filter(
      (row) => (parseIsoDay(field('interactions', row, 'occurred_at').slice(0, 10)) ?? 0) > end - 150,
    );
    const declining = (id: string) => plans[Number(id) - 1]?.trajectory === 'declining';
    expect(perCustomer(recent, 'interactions', declining)).toBeLessThan(
      0.5 * perCustomer(recent, 'interactions', healthy),
    );

    // And score us lower.
    const mean = (group: (id: string) => boolean, kind: string) => {
      const scores = rows.surveys
        .filter(
          (row) => field('surveys', row, 'kind') === kind && group(field('surveys', row, 'customer_id')),
        )
        .map((row) => Number(field('surveys', row, 'score')));
      return scores.reduce((sum, score) => sum + score, 0) / scores.length;
    };
    expect(mean(troubled, 'nps')).toBeLessThan(mean(healthy, 'nps') - 1);
    expect(mean(troubled, 'csat')).toBeLessThan(mean(healthy, 'csat') - 0.4);
  });

  it('writes money with two decimals, a few returns, and consistent references', async () => {
    const customers = 800;
    const rows = await generateRows(options(customers, 3));
    const money = /^-?\d+\.\d{2}$/;
    let returns = 0;
    for (const order of rows.orders) {
      expect(field('orders', order, 'amount')).toMatch(money);
      expect(field('orders', order, 'margin')).toMatch(money);
      if (field('orders', order, 'amount').startsWith('-')) returns++;
    }
    expect(returns).toBeGreaterThan(0);
    expect(returns / rows.orders.length).toBeLessThan(0.03);
    for (const customer of rows.customers)
      expect(field('customers', customer, 'company_revenue')).toMatch(money);

    const contactOwner = new Map(
      rows.contacts.map((c) => [field('contacts', c, 'id'), field('contacts', c, 'customer_id')]),
    );
    for (const contact of rows.contacts) {
      const boss = field('contacts', contact, 'reports_to_id');
      if (boss !== '\\N') expect(contactOwner.get(boss)).toBe(field('contacts', contact, 'customer_id'));
    }
    for (const table of ['interactions', 'surveys'] as const) {
      for (const row of rows[table]) {
        const contact = field(table, row, 'contact_id');
        if (contact !== '\\N') expect(contactOwner.get(contact)).toBe(field(table, row, 'customer_id'));
      }
    }
    const parents = new Set(
      rows.customers.map((c) => field('customers', c, 'parent_id')).filter((p) => p !== '\\N'),
    );
    expect(parents.size).toBeGreaterThan(0);
    for (const parent of parents) {
      const head = rows.customers[Number(parent) - 1] ?? [];
      expect(field('customers', head, 'name')).toContain('集团');
      expect(field('customers', head, 'parent_id')).toBe('\\N');
    }
    for (const customer of rows.customers)
      expect(field('customers', customer, 'owner_id')).toMatch(/^demo-am-\d{4}$/);
  });

  it('gives every company a unique name, referred prospects included', async () => {
    const rows = await generateRows(options(6000, 11));
    const names = rows.customers.map((c) => field('customers', c, 'name'));
    expect(new Set(names).size).toBe(names.length);
    const referred = rows.referrals.filter((r) => field('referrals', r, 'referred_customer_id') === '\\N');
    const outsiders = referred.map((r) => field('referrals', r, 'referred_name'));
    expect(new Set([...names, ...outsiders]).size).toBe(names.length + outsiders.length);
    expect(names.some((name) => /^.+（.+）.+有限公司$/.test(name))).toBe(true);
  });

  it('peaks in Q4 and dips around the Spring Festival', async () => {
    const rows = await generateRows(options(1500, 5));
    const byMonth = new Array<number>(12).fill(0);
    for (const order of rows.orders) {
      const month = Number(field('orders', order, 'ordered_at').slice(5, 7)) - 1;
      byMonth[month] = (byMonth[month] ?? 0) + 1;
    }
    const [jan = 0, feb = 0, , , , , jul = 0, , , , , dec = 0] = byMonth;
    expect(dec).toBeGreaterThan(1.3 * jul);
    expect(Math.min(jan, feb)).toBeLessThan(0.8 * jul);
  });

  it('keeps its vocabulary consistent (names stay unique only if these hold)', () => {
    const businesses = INDUSTRIES.flatMap((industry) => industry.businesses);
    for (const industry of INDUSTRIES) expect(industry.businesses).toHaveLength(BUSINESS_VARIANTS);
    expect(new Set(businesses).size).toBe(businesses.length);
    const syllables = BRAND_SYLLABLES.map(([hanzi]) => hanzi);
    expect(new Set(syllables).size).toBe(syllables.length);
  });

  it.each([
    [{ customers: 0, endDate: END }, 'customers'],
    [{ customers: 1.5, endDate: END }, 'customers'],
    [{ customers: Number.NaN, endDate: END }, 'customers'],
    [{ seed: -1, endDate: END }, 'seed'],
    [{ years: 0, endDate: END }, 'years'],
    [{ endDate: '2025-02-30' }, 'end date'],
    [{ endDate: '30/06/2025' }, 'end date'],
  ])('rejects bad options %j naming %s', (input, name) => {
    try {
      parseDemoOptions(input);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('DEMO_INVALID_OPTIONS');
      expect((error as Error).message).toContain(name);
    }
  });
});
