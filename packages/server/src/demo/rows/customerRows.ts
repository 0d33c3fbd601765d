import { wordBytes } from '../byteWriter.js';
import { personName } from '../names.js';
import type { DemoRandom } from '../random.js';
import { INDUSTRIES } from '../vocabulary/industries.js';
import { TITLES_BY_ROLE } from '../vocabulary/people.js';
import { CITIES } from '../vocabulary/places.js';
import type { CustomerScope } from './CustomerScope.js';

type ContactRole = keyof typeof TITLES_BY_ROLE;

const PREFIX = wordBytes('CT');
const LEAVE_CHANCE = {
  prospect: 0.02,
  new: 0.01,
  growing: 0.05,
  stable: 0.07,
  declining: 0.15,
  churned: 0.2,
};

export function writeCustomer({ context, plan, out }: CustomerScope): void {
  const city = CITIES[plan.city];
  const tags = [
    ...(plan.groupHead === plan.index ? ['集团客户'] : plan.groupHead > 0 ? ['集团子公司'] : []),
    ...(plan.listed ? ['上市公司'] : []),
  ];
  const w = out.customers.int(plan.index).tab().text(plan.externalId).tab().text(plan.name).tab();
  w.word(INDUSTRIES[plan.industry]?.name ?? '')
    .tab()
    .word(city?.region ?? '')
    .tab();
  w.int(plan.employees)
    .tab()
    .cents(plan.companyRevenue * 100)
    .tab()
    .word(plan.position)
    .tab();
  w.intOrNull(plan.groupHead > 0 && plan.groupHead !== plan.index ? plan.groupHead : null).tab();
  w.word(context.staff.users[plan.owner]?.id ?? '')
    .tab()
    .word(plan.status)
    .tab();
  w.word(`{${tags.join(',')}}`).tab();
  w.word(`{"province":"${city?.province ?? ''}","city":"${city?.name ?? ''}"}`).tab();
  context.calendar.writeTimestamp(w, plan.createdDay, 540 + ((plan.index * 37) % 540));
  w.end();
  out.rows.customers++;
}

/**
 * Contacts: a decision maker on top, influencers, users, often a champion, sometimes a blocker, each
 * reporting to someone above them in the same customer. Some have left; at a declining or churned
 * customer the champion (or the decision maker) usually leaves just before the decline.
 */
export function writeContacts({ context, plan, random, out, roster }: CustomerScope): void {
  const { lastDay: end, firstDay: start, calendar } = context;
  const troubled = plan.trajectory === 'declining' || plan.trajectory === 'churned';
  const sizes = { leader: [5, 10], major: [3, 6], sme: [2, 4] } as const;
  const [fewest, most] = plan.trajectory === 'prospect' ? [1, 3] : sizes[plan.position];
  const count = random.int(fewest, most) + (plan.groupHead === plan.index ? 2 : 0);
  roster.count = count;
  const since = Math.max(start, Math.min(plan.firstOrderDay, plan.createdDay + 30));
  let champion = -1;
  let blocker = false;
  // Who is who and who has left is settled first: a key departure changes a row written below.
  for (let k = 0; k < count; k++) {
    let role: ContactRole;
    if (k === 0) role = 'decision_maker';
    else if (k === 1) role = 'influencer';
    else if (champion < 0 && random.chance(0.65)) role = 'champion';
    else if (!blocker && random.chance(troubled ? 0.45 : 0.2)) role = 'blocker';
    else role = random.chance(0.7) ? 'user' : 'influencer';
    if (role === 'champion') champion = k;
    if (role === 'blocker') blocker = true;
    roster.roles[k] = role;
    roster.ids[k] = out.rows.contacts + k + 1;
    const leaves = since < end - 1 && random.chance(LEAVE_CHANCE[plan.trajectory]);
    roster.leftDay[k] = leaves ? random.int(since, end - 1) : Infinity;
  }
  if (troubled && random.chance(0.65)) {
    const key = champion >= 0 ? champion : 0;
    const day = Math.max(since + 1, plan.declineDay - random.int(0, 45));
    if (day < end) roster.leftDay[key] = Math.min(roster.leftDay[key] ?? Infinity, day);
  }
  const satisfaction = plan.satisfaction - (troubled ? 0.2 : 0);
  for (let k = 0; k < count; k++) {
    const role = (roster.roles[k] ?? 'user') as ContactRole;
    const person = personName(random);
    const w = out.contacts
      .key(plan.index, roster.ids[k] ?? 0, PREFIX)
      .text(person.name)
      .tab();
    w.word(random.pick(TITLES_BY_ROLE[role]))
      .tab()
      .word(role)
      .tab()
      .word(attitude(role, satisfaction, random))
      .tab();
    w.text(`${person.handle}@${plan.domain}.com.cn`).tab();
    w.int(10_000_000_000 + random.pick([3, 5, 8]) * 1_000_000_000 + random.int(0, 999_999_999)).tab();
    // Users report to an earlier contact (an influencer or the top); everyone else to the decision maker.
    w.intOrNull(k === 0 ? null : (roster.ids[role === 'user' ? random.int(0, k - 1) : 0] ?? 0)).tab();
    const left = roster.leftDay[k] ?? Infinity;
    if (left === Infinity) w.word('t').tab().null();
    else calendar.writeTimestamp(w.word('f').tab(), left, 600 + (left % 420));
    w.end();
  }
  out.rows.contacts += count;
}

function attitude(role: ContactRole, satisfaction: number, random: DemoRandom): string {
  if (role === 'champion') return 'supportive';
  if (role === 'blocker') return 'opposed';
  if (random.chance(0.1 + 0.55 * satisfaction)) return 'supportive';
  return random.chance(0.8) ? 'neutral' : 'opposed';
}
