import type { CustomerStatus, MarketPosition } from '@stratum/db';
import { groupPosition, type DemoContext } from './demoContext.js';
import { DemoRandom, cumulativeWeights } from './random.js';
import { CHANNELS, INDUSTRIES } from './vocabulary/industries.js';
import { CITIES, REGIONS } from './vocabulary/places.js';

/**
 * What happens to a customer over the history — the story the rows tell:
 * prospect (never bought), new (first order in the last months), growing, stable, declining (orders
 * fall, a key contact leaves, complaints rise, visits thin out, scores drop) and churned (the same,
 * then ordering stops; most are marked churned, some are still "active" in the CRM).
 */
export const TRAJECTORIES = ['prospect', 'new', 'growing', 'stable', 'declining', 'churned'] as const;
export type Trajectory = (typeof TRAJECTORIES)[number];
const TRAJECTORY_WEIGHTS = cumulativeWeights([7, 7, 18, 42, 14, 12]);

export interface CustomerPlan {
  readonly index: number;
  readonly externalId: string;
  readonly name: string;
  /** Pinyin of the brand, for contacts' e-mail domains. */
  readonly domain: string;
  readonly industry: number;
  readonly city: number;
  /** Index of the group head (集团) this customer belongs to; its own index for a head; 0 outside groups. */
  readonly groupHead: number;
  readonly employees: number;
  /** Company revenue in CNY, whole 万元. */
  readonly companyRevenue: number;
  readonly position: MarketPosition;
  readonly listed: boolean;
  /** Index into the staff's users. */
  readonly owner: number;
  readonly trajectory: Trajectory;
  readonly status: CustomerStatus;
  readonly createdDay: number;
  /** First day orders can fall on; Infinity for a prospect. */
  readonly firstOrderDay: number;
  /** Day the decline starts (declining, churned); Infinity otherwise. */
  readonly declineDay: number;
  /** Last day orders can fall on (earlier than the end for churned customers). */
  readonly lastOrderDay: number;
  /** Orders a year at full activity, and the typical order's value in CNY. */
  readonly ordersPerYear: number;
  readonly orderValue: number;
  /** Log growth a year (growing, stable) or decay rate a year (declining, churned). */
  readonly rate: number;
  /** Latent satisfaction 0…1 before any decline. */
  readonly satisfaction: number;
  readonly mainCategory: number;
  readonly mainChannel: number;
}

const SATISFACTION: Readonly<Record<Trajectory, number>> = {
  prospect: 0.62,
  new: 0.72,
  growing: 0.8,
  stable: 0.7,
  declining: 0.6,
  churned: 0.55,
};

/** A customer's plan: a pure function of (seed, index), cheap enough to recompute on demand. */
export function planCustomer(context: DemoContext, index: number): CustomerPlan {
  const { options, firstDay: start, lastDay: end, namer } = context;
  const random = new DemoRandom(options.seed, index, 1);
  const group = groupPosition(context, index);
  const head = group && group.number > 0 ? planCustomer(context, group.head) : null;

  const industry = head && random.chance(0.8) ? head.industry : random.weighted(context.industryWeights);
  const city = head
    ? namer.subsidiarySlot(group?.head ?? 0, group?.number ?? 0).city
    : random.weighted(context.cityWeights);
  const isHead = group !== null && group.number === 0;
  // Company size: log-normal around 150 employees; group heads are large, subsidiaries mid-sized.
  const size = isHead
    ? 2 + Math.abs(random.normal()) * 0.7
    : head
      ? 0.6 + 0.8 * random.normal()
      : random.normal();
  const employees = Math.min(400_000, Math.max(5, Math.round(Math.exp(Math.log(150) + 1.25 * size))));
  const standing = size + 0.35 * random.normal();
  const position: MarketPosition = isHead || standing > 1.75 ? 'leader' : standing > 0.75 ? 'major' : 'sme';
  const perEmployee = (INDUSTRIES[industry]?.revenuePerEmployee ?? 100) * Math.exp(0.45 * random.normal());
  const companyRevenue = Math.max(50, Math.round(employees * perEmployee)) * 10_000;
  const listed = position === 'leader' && random.chance(0.35);

  const trajectory: Trajectory = isHead
    ? random.chance(0.4)
      ? 'growing'
      : 'stable'
    : (TRAJECTORIES[random.weighted(TRAJECTORY_WEIGHTS)] ?? 'stable');
  const owner = head && random.chance(0.7) ? head.owner : pickOwner(context, random, city);

  // Timeline. Established customers were acquired before the window (55 %) or early enough in it to
  // show a trend; new ones in the last months; prospects within the last year.
  const span = end - start + 1;
  let createdDay: number;
  let firstOrderDay = Infinity;
  let declineDay = Infinity;
  let lastOrderDay = end;
  let rate = 0;
  let status: CustomerStatus = 'active';
  if (trajectory === 'prospect') {
    createdDay = end - random.int(5, Math.min(400, span - 1));
    status = 'prospect';
    lastOrderDay = -Infinity;
  } else if (trajectory === 'new') {
    createdDay = end - random.int(20, Math.min(270, span - 10));
    firstOrderDay = Math.min(end - 3, createdDay + random.int(3, 30));
  } else {
    if (random.chance(0.55) || span < 600) {
      createdDay = start - random.int(30, 2200);
      firstOrderDay = start;
    } else {
      createdDay = start + random.int(0, span - 450);
      firstOrderDay = createdDay + random.int(5, 45);
    }
    if (trajectory === 'growing') rate = random.between(0.3, 0.75);
    else if (trajectory === 'stable') rate = 0.06 * random.normal();
    else if (trajectory === 'declining') {
      declineDay = Math.min(end - 90, Math.max(firstOrderDay + 120, end - random.int(240, 540)));
      rate = random.between(0.9, 1.8);
    } else {
      lastOrderDay = Math.max(
        firstOrderDay + 150,
        end - random.int(100, Math.max(101, Math.min(720, span - 200))),
      );
      lastOrderDay = Math.min(lastOrderDay, end - 100);
      declineDay = Math.max(firstOrderDay, lastOrderDay - random.int(120, 270));
      rate = random.between(1.0, 2.2);
      status = random.chance(0.75) ? 'churned' : 'active';
    }
  }

  // What they spend with us: a share of their company's revenue (heavy-tailed, so revenue is Pareto-shaped),
  // spread over more orders for bigger accounts.
  const annualSpend = companyRevenue * Math.exp(Math.log(0.0025) + 0.45 * random.normal());
  const ordersPerYear = Math.min(
    400,
    Math.max(0.8, 8.7 * Math.pow(annualSpend / 400_000, 0.33) * Math.exp(0.35 * random.normal())),
  );
  const orderValue = Math.max(300, annualSpend / ordersPerYear);
  const satisfaction = Math.min(0.97, Math.max(0.08, SATISFACTION[trajectory] + 0.1 * random.normal()));
  const mainCategory = random.weighted(context.categoryWeights);
  const mainChannel =
    position === 'leader'
      ? random.pick([0, 0, 3])
      : position === 'major'
        ? random.pick([0, 1, 3])
        : random.pick([1, 1, 2]);

  const brand = namer.brandOf(head ? (group?.head ?? index) : index);
  const name = isHead
    ? namer.groupHead(index, industry, city)
    : head
      ? namer.subsidiary(group?.head ?? 0, group?.number ?? 0, industry)
      : namer.regular(index, industry, city);
  return {
    index,
    externalId: `C${String(index).padStart(context.customerIdWidth, '0')}`,
    name,
    domain: brand.pinyin,
    industry,
    city,
    groupHead: group ? group.head : 0,
    employees,
    companyRevenue,
    position,
    listed,
    owner,
    trajectory,
    status,
    createdDay,
    firstOrderDay,
    declineDay,
    lastOrderDay,
    ordersPerYear,
    orderValue,
    rate,
    satisfaction,
    mainCategory,
    mainChannel: Math.min(mainChannel, CHANNELS.length - 1),
  };
}

/** Activity level (1 = the plan's full rate) on a day: trend, decline, stop. */
export function activityLevel(plan: CustomerPlan, day: number, end: number): number {
  switch (plan.trajectory) {
    case 'prospect':
      return 0;
    case 'new':
      return 1;
    case 'growing':
    case 'stable':
      return Math.exp((plan.rate * (day - end)) / 365);
    case 'declining':
    case 'churned':
      if (day > plan.lastOrderDay) return 0;
      return day < plan.declineDay ? 1 : Math.exp((-plan.rate * (day - plan.declineDay)) / 365);
  }
}

/** The highest activity level over the history (for thinning). */
export function peakActivity(plan: CustomerPlan, start: number, end: number): number {
  return Math.max(activityLevel(plan, start, end), activityLevel(plan, end, end), 1);
}

function pickOwner(context: DemoContext, random: DemoRandom, city: number): number {
  const region = REGIONS.indexOf((CITIES[city]?.region ?? '华东') as (typeof REGIONS)[number]);
  const managers = context.regionManagers[region] ?? context.regionManagers[0];
  if (!managers || managers.users.length === 0) return context.staff.managers[0] ?? 0;
  return managers.users[random.weighted(managers.weights)] ?? 0;
}

/** Satisfaction on a day: it erodes after the decline starts. */
export function satisfactionOn(plan: CustomerPlan, day: number): number {
  if (day <= plan.declineDay) return plan.satisfaction;
  const erosion = plan.trajectory === 'churned' ? 0.42 : 0.35;
  return Math.max(0.02, plan.satisfaction - erosion * Math.min(1, (day - plan.declineDay) / 200));
}
