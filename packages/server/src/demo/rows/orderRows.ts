import { wordBytes } from '../byteWriter.js';
import { activityLevel, peakActivity } from '../customerPlan.js';
import { eventDays } from '../random.js';
import { CATEGORIES, CHANNELS, INDUSTRIES } from '../vocabulary/industries.js';
import type { CustomerScope } from './CustomerScope.js';

const RETURN_SHARE = 0.015;
const ORDER_VALUE_SPREAD = 0.5;
const PREFIX = wordBytes('SO');
/** Big accounts negotiate our margin down; small ones pay list price. */
const POSITION_MARGIN = { leader: -0.04, major: -0.01, sme: 0.02 } as const;

/**
 * Orders as a thinned Poisson process: candidate days arrive at the peak rate and are kept with the
 * probability (trend × seasonality) / peak, so Q4 peaks, the Spring Festival dips, weekends stay quiet,
 * growth, decline and the stop of a churned customer all come out of one loop, already in time order.
 */
export function writeOrders(scope: CustomerScope): void {
  const { context, plan, random, out } = scope;
  if (plan.trajectory === 'prospect') return;
  const { calendar, lastDay: end, firstDay: start } = context;
  const from = Math.max(start, plan.firstOrderDay);
  const perDay = plan.ordersPerYear / 365;
  const baseMargin = (INDUSTRIES[plan.industry]?.marginRate ?? 0.2) + POSITION_MARGIN[plan.position];

  const write = (day: number): void => {
    const category = random.chance(0.6) ? plan.mainCategory : random.weighted(context.categoryWeights);
    const spec = CATEGORIES[category];
    const noise = Math.exp(
      ORDER_VALUE_SPREAD * random.normal() - (ORDER_VALUE_SPREAD * ORDER_VALUE_SPREAD) / 2,
    );
    let cents = Math.max(5_000, Math.round(plan.orderValue * (spec?.priceFactor ?? 1) * noise * 100));
    // A few returns and credits: negative amounts that lower revenue and margin.
    if (random.chance(RETURN_SHARE)) cents = -Math.round(cents * random.between(0.05, 0.6));
    const rate = Math.min(
      0.75,
      Math.max(0.02, baseMargin + (spec?.marginAdjustment ?? 0) + 0.025 * random.normal()),
    );
    const channel = random.chance(0.8) ? plan.mainChannel : random.int(0, CHANNELS.length - 1);
    const w = out.orders.key(plan.index, ++out.rows.orders, PREFIX);
    calendar.writeTimestamp(w, day, random.int(510, 1110));
    w.tab()
      .cents(cents)
      .tab()
      .cents(Math.round(cents * rate))
      .tab();
    w.word(spec?.name ?? '')
      .tab()
      .word(CHANNELS[channel] ?? '')
      .end();
  };

  // A new customer's first order is the day it starts buying.
  if (plan.trajectory === 'new') write(from);
  eventDays(
    random,
    plan.trajectory === 'new' ? from + 1 : from,
    Math.min(end, plan.lastOrderDay),
    perDay * peakActivity(plan, start, end) * calendar.seasonMax,
    (day) => perDay * activityLevel(plan, day, end) * calendar.seasonOf(day),
    write,
  );
}
