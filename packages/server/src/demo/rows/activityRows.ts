import { wordBytes } from '../byteWriter.js';
import { planCustomer, satisfactionOn, type CustomerPlan } from '../customerPlan.js';
import { cumulativeWeights, eventDays } from '../random.js';
import { INDUSTRIES } from '../vocabulary/industries.js';
import {
  COMPLAINT_CATEGORIES,
  INTERACTION_SUMMARIES,
  OUTCOMES,
  SURVEY_COMMENTS,
} from '../vocabulary/phrases.js';
import type { CustomerScope } from './CustomerScope.js';

const [INTERACTION, SURVEY, COMPLAINT, REFERRAL] = ['IA', 'SV', 'CP', 'RF'].map(wordBytes) as [
  Buffer,
  Buffer,
  Buffer,
  Buffer,
];
const KINDS = ['visit', 'call', 'email', 'meeting', 'event', 'other'] as const;
const KIND_WEIGHTS = cumulativeWeights([28, 30, 15, 15, 5, 7]);
/** Contacts a year by account size: key accounts are visited monthly, small ones a few times a year. */
const TOUCHES_PER_YEAR = { leader: 14, major: 7, sme: 3 } as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const CALM_SEVERITY = cumulativeWeights([38, 40, 17, 5]);
const TROUBLE_SEVERITY = cumulativeWeights([15, 35, 32, 18]);
/** Outcome mood thresholds: [negative below, neutral below], positive above. */
const CALM_MOOD = [0.1, 0.55] as const;
const TROUBLE_MOOD = [0.45, 0.85] as const;

/**
 * How much the account manager is in touch on a day: key accounts more, a declining customer goes
 * quiet in its last months (the silence before churn), a churned one hears nothing after a last attempt.
 */
function engagement(plan: CustomerPlan, day: number, end: number): number {
  switch (plan.trajectory) {
    case 'growing':
      return 1.15;
    case 'new':
      return day - plan.firstOrderDay < 90 ? 1.6 : 1.1;
    case 'declining':
      return day < plan.declineDay ? 1 : day > end - 150 ? 0.2 : 0.7;
    case 'churned':
      return day < plan.declineDay ? 1 : day <= plan.lastOrderDay ? 0.5 : 0;
    default:
      return 1;
  }
}

/** In trouble on a day: from shortly before the decline on. */
function inTrouble(plan: CustomerPlan, day: number): boolean {
  return day >= plan.declineDay - 90;
}

export function writeInteractions({ context, plan, random, out, roster }: CustomerScope): void {
  const { calendar, staff, lastDay: end } = context;
  const perDay = (plan.trajectory === 'prospect' ? 6 : TOUCHES_PER_YEAR[plan.position]) / 365;
  const owner = staff.users[plan.owner];
  const lead = owner?.team != null ? staff.users[staff.teams[owner.team]?.lead ?? -1] : undefined;
  const write = (day: number) => {
    const kind = KINDS[random.weighted(KIND_WEIGHTS)] ?? 'call';
    // Mostly the owner; the team lead now and then; the director for the biggest accounts.
    const who = random.uniform();
    const user =
      who < 0.85 || !lead ? owner?.id : who < 0.95 || plan.position !== 'leader' ? lead.id : staff.directorId;
    const contact = random.chance(0.9) ? roster.activeOn(random, day) : null;
    const [negative, neutral] = inTrouble(plan, day) ? TROUBLE_MOOD : CALM_MOOD;
    const mood = random.uniform();
    const outcomes =
      mood < negative ? OUTCOMES.negative : mood < neutral ? OUTCOMES.neutral : OUTCOMES.positive;
    const w = out.interactions.key(plan.index, ++out.rows.interactions, INTERACTION).word(kind).tab();
    calendar.writeTimestamp(w, day, random.int(540, 1080));
    w.tab()
      .word(user ?? '')
      .tab()
      .intOrNull(contact)
      .tab();
    w.word(random.pick(INTERACTION_SUMMARIES[kind])).tab().word(random.pick(outcomes)).end();
  };
  const working = (day: number) => (calendar.weekday(day) % 6 === 0 ? 0.05 : 1);
  eventDays(
    random,
    Math.max(context.firstDay, plan.createdDay),
    end,
    perDay * 1.6,
    (day) => perDay * engagement(plan, day, end) * working(day),
    write,
  );
  // A last win-back call some weeks after a churned customer stopped ordering.
  if (plan.trajectory === 'churned' && random.chance(0.4)) {
    const day = plan.lastOrderDay + random.int(45, 120);
    if (day <= end) write(day);
  }
}

export function writeSurveys({ context, plan, random, out, roster }: CustomerScope): void {
  if (plan.trajectory === 'prospect') return;
  const { calendar, lastDay: end } = context;
  const from = Math.max(context.firstDay, plan.firstOrderDay + 30);
  const to = Math.min(end, plan.lastOrderDay + 10);
  const waves = [
    { kind: 'csat', days: context.csatWaves, taking: random.chance(0.65) },
    { kind: 'nps', days: context.npsWaves, taking: random.chance(0.45) },
  ] as const;
  for (const { kind, days, taking } of waves) {
    if (!taking) continue;
    for (const wave of days) {
      if (wave < from || wave > to || !random.chance(0.7)) continue;
      const day = Math.min(end, wave + random.int(0, 20));
      const satisfaction = satisfactionOn(plan, day);
      const csat = kind === 'csat';
      const score = csat
        ? Math.min(5, Math.max(1, Math.round(1 + 4 * satisfaction + 0.7 * random.normal())))
        : Math.min(10, Math.max(0, Math.round(10 * satisfaction + 1.3 * random.normal())));
      const band = score <= (csat ? 2 : 6) ? 'low' : score <= (csat ? 3 : 8) ? 'middle' : 'high';
      const comment = random.chance(0.35) ? random.pick(SURVEY_COMMENTS[band]) : null;
      const w = out.surveys.key(plan.index, ++out.rows.surveys, SURVEY).word(kind).tab().int(score).tab();
      calendar.writeTimestamp(w, day, random.int(540, 1260));
      w.tab().intOrNull(roster.activeOn(random, day)).tab();
      if (comment === null) w.null();
      else w.word(comment);
      w.end();
    }
  }
}

/** Complaints: rare in a healthy account, frequent and severe once it is in trouble; old ones are resolved. */
export function writeComplaints({ context, plan, random, out }: CustomerScope): void {
  if (plan.trajectory === 'prospect') return;
  const { calendar, lastDay: end } = context;
  const perDay = (0.25 * { leader: 1.6, major: 1.2, sme: 0.8 }[plan.position]) / 365;
  const troubled = plan.trajectory === 'declining' || plan.trajectory === 'churned';
  const surge = plan.trajectory === 'churned' ? 6 : 5;
  const write = (day: number, severity: (typeof SEVERITIES)[number], forceOpen: boolean) => {
    const age = end - day;
    const u = random.uniform();
    let status: string;
    if (forceOpen) status = 'open';
    else if (age > 45)
      status = u < (troubled ? 0.15 : 0.05) ? 'in_progress' : u < 0.6 ? 'resolved' : 'closed';
    else status = u < 0.45 ? 'open' : u < 0.8 ? 'in_progress' : 'resolved';
    const resolved = status === 'resolved' || status === 'closed';
    const resolvedDay = resolved
      ? Math.min(end, day + random.int(age > 45 ? 1 : 0, Math.max(1, Math.min(age, 40))))
      : -1;
    const opened = random.int(480, 1080);
    const w = out.complaints.key(plan.index, ++out.rows.complaints, COMPLAINT);
    calendar.writeTimestamp(w, day, opened);
    w.tab().word(severity).tab().word(random.pick(COMPLAINT_CATEGORIES)).tab().word(status).tab();
    if (resolvedDay < 0) w.null();
    else
      calendar.writeTimestamp(
        w,
        resolvedDay,
        resolvedDay === day ? random.int(opened + 1, 1200) : random.int(540, 1080),
      );
    w.end();
  };
  eventDays(
    random,
    Math.max(context.firstDay, plan.firstOrderDay + 7),
    Math.min(end, plan.lastOrderDay + 20),
    perDay * (troubled ? surge : 1),
    (day) => perDay * (troubled && inTrouble(plan, day) ? surge : 1),
    (day) => {
      const weights = troubled && inTrouble(plan, day) ? TROUBLE_SEVERITY : CALM_SEVERITY;
      write(day, SEVERITIES[random.weighted(weights)] ?? 'medium', false);
    },
  );
  // An unresolved critical complaint is often what a declining account is waiting on.
  if (plan.trajectory === 'declining' && random.chance(0.2)) write(end - random.int(3, 60), 'critical', true);
}

/** Referrals come from satisfied, steady customers; some of the referred companies became our customers. */
export function writeReferrals({ context, plan, random, out }: CustomerScope): void {
  if ((plan.trajectory !== 'growing' && plan.trajectory !== 'stable') || plan.satisfaction < 0.7) return;
  const { calendar, lastDay: end, options } = context;
  const from = Math.max(context.firstDay, plan.firstOrderDay + 60);
  if (from >= end) return;
  const count = Math.min(4, random.poisson((0.3 * (end - from)) / 365));
  for (let r = 0; r < count; r++) {
    let day = random.int(from, end);
    let referred: CustomerPlan | null = null;
    if (random.chance(0.5)) {
      const candidate = planCustomer(context, random.int(1, options.customers));
      const introduced = candidate.createdDay - random.int(3, 30);
      const newcomer = candidate.trajectory === 'new' || candidate.trajectory === 'prospect';
      if (newcomer && candidate.index !== plan.index && candidate.groupHead === 0 && introduced >= from) {
        referred = candidate;
        day = introduced;
      }
    }
    const id = ++out.rows.referrals;
    // Companies that are not (yet) customers take names past the book's end: unique among all names.
    const name =
      referred?.name ??
      context.namer.regular(
        options.customers + id,
        random.int(0, INDUSTRIES.length - 1),
        random.weighted(context.cityWeights),
      );
    const w = out.referrals.key(plan.index, id, REFERRAL);
    if (referred) w.int(referred.index).tab().text(referred.externalId);
    else w.null().tab().null();
    w.tab().text(name).tab();
    calendar.writeTimestamp(w, day, random.int(540, 1080));
    w.end();
  }
}
