import { civilFromDays, parseIsoDay } from '../time/index.js';
import { DemoCalendar } from './calendar.js';
import type { DemoOptions } from './demoOptions.js';
import { CompanyNamer, MAX_SUBSIDIARIES } from './names.js';
import { cumulativeWeights, mix32 } from './random.js';
import { planStaff, type DemoStaff } from './staff.js';
import { CATEGORIES, INDUSTRIES } from './vocabulary/industries.js';
import { CITIES, REGIONS } from './vocabulary/places.js';

/** How far before the history window the oldest customers were acquired (their `created_at`). */
export const OLDEST_CUSTOMER_DAYS = 2200;

/** Everything derived once from the options and shared by every customer's generation. */
export interface DemoContext {
  readonly options: DemoOptions;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly calendar: DemoCalendar;
  readonly staff: DemoStaff;
  readonly namer: CompanyNamer;
  readonly customerIdWidth: number;
  readonly industryWeights: Float64Array;
  readonly cityWeights: Float64Array;
  readonly categoryWeights: Float64Array;
  /** Per region (REGIONS order): the managers there and their cumulative book weights. */
  readonly regionManagers: readonly { users: readonly number[]; weights: Float64Array }[];
  /** Groups (集团): how many, and each one's number of subsidiaries. */
  readonly groups: number;
  readonly subsidiaries: Int32Array;
  /** Days on which satisfaction surveys go out, oldest first. */
  readonly csatWaves: readonly number[];
  readonly npsWaves: readonly number[];
}

export function createDemoContext(options: DemoOptions): DemoContext {
  const lastDay = parseIsoDay(options.endDate) ?? 0;
  const firstDay = lastDay - Math.round(options.years * 365.25) + 1;
  const staff = planStaff(options.customers);
  const regionManagers = REGIONS.map((region) => {
    const users = staff.managers.filter((m) => staff.teams[staff.users[m]?.team ?? -1]?.region === region);
    // Balanced but not equal books: weights 0.6 … 1.5; a team lead, busy leading, carries a lighter book.
    const weights = users.map((m) => {
      const user = staff.users[m];
      const lead = user?.team !== null && staff.teams[user?.team ?? -1]?.lead === m;
      return (0.6 + (mix32(m * 7919 + 13) % 1000) / 1111) * (lead ? 0.6 : 1);
    });
    return { users, weights: cumulativeWeights(weights) };
  });
  const groups = options.customers >= 20 ? Math.max(1, Math.round(options.customers / 400)) : 0;
  const subsidiaries = new Int32Array(groups);
  for (let k = 0; k < groups; k++)
    subsidiaries[k] = 2 + (mix32(options.seed * 31 + k) % (MAX_SUBSIDIARIES - 1));
  const years: number[] = [];
  for (let y = yearOf(firstDay); y <= yearOf(lastDay); y++) years.push(y);
  const waves = (monthDays: string[]) =>
    years
      .flatMap((y) => monthDays.map((md) => parseIsoDay(`${y}-${md}`) ?? 0))
      .filter((day) => day >= firstDay && day <= lastDay);
  return {
    options,
    firstDay,
    lastDay,
    calendar: new DemoCalendar(firstDay - OLDEST_CUSTOMER_DAYS - 60, lastDay),
    staff,
    namer: new CompanyNamer(options.seed),
    customerIdWidth: Math.max(6, String(options.customers).length),
    industryWeights: cumulativeWeights(INDUSTRIES.map((industry) => industry.weight)),
    cityWeights: cumulativeWeights(CITIES.map((city) => city.weight)),
    categoryWeights: cumulativeWeights(CATEGORIES.map((category) => category.weight)),
    regionManagers,
    groups,
    subsidiaries,
    csatWaves: waves(['06-20', '12-10']),
    npsWaves: waves(['09-15']),
  };
}

/** Group heads sit at evenly spread indices; their subsidiaries directly follow them. */
export function groupHeadIndex(context: DemoContext, group: number): number {
  return Math.floor((group * context.options.customers) / context.groups) + 1;
}

/** Where a customer stands in the groups: head, subsidiary `number` of `head`, or neither. */
export function groupPosition(context: DemoContext, index: number): { head: number; number: number } | null {
  if (context.groups === 0) return null;
  const group = Math.floor(((index - 1) * context.groups) / context.options.customers);
  const head = groupHeadIndex(context, group);
  const number = index - head;
  if (number < 0 || number > (context.subsidiaries[group] ?? 0)) return null;
  return { head, number };
}

function yearOf(day: number): number {
  return civilFromDays(day).year;
}
