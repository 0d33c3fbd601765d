import type { Role } from '@stratum/db';
import { personName } from './names.js';
import { DemoRandom } from './random.js';
import { REGIONS, regionWeight } from './vocabulary/places.js';

/** Demo users are recognised by this e-mail domain (and their `demo-` ids): reset only ever touches them. */
export const DEMO_EMAIL_DOMAIN = 'demo.stratum.local';
export const DEMO_USER_ID_PREFIX = 'demo-';
/** Demo teams are recognised by this name prefix. */
export const DEMO_TEAM_PREFIX = '演示·';

export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  /** Index into `DemoStaff.teams`, or null. */
  readonly team: number | null;
}

export interface DemoTeam {
  readonly name: string;
  readonly region: string;
  /** Index into `DemoStaff.users` of the team lead. */
  readonly lead: number;
}

export interface DemoStaff {
  readonly users: readonly DemoUser[];
  readonly teams: readonly DemoTeam[];
  /** Users that can own customers (account managers), by index into `users`. */
  readonly managers: readonly number[];
  readonly directorId: string;
  readonly analystId: string;
}

const TEAM_SIZE = 8;
/** Staff do not depend on the seed, so demo accounts (and any password set on them) survive a re-seed. */
const STAFF_SEED = 20_240_101;

/**
 * About one account manager per 150 customers, at least 20 (so even a small book spreads over several
 * managers per busy region) and at most 1,000.
 */
export function managerCount(customers: number): number {
  return Math.min(1000, Math.max(20, Math.round(customers / 150)));
}

/**
 * The sales organisation for a book of `customers`: account managers spread over the regions in
 * proportion to the customers there, grouped into teams of up to eight with a lead, plus one sales
 * director and one analyst.
 */
export function planStaff(customers: number): DemoStaff {
  const total = managerCount(customers);
  const perRegion = apportion(
    REGIONS.map((region) => regionWeight(region)),
    total,
  );
  const random = new DemoRandom(STAFF_SEED);
  const handles = new Map<string, number>();
  const uniqueEmail = (handle: string) => {
    const seen = (handles.get(handle) ?? 0) + 1;
    handles.set(handle, seen);
    return `${handle}${seen > 1 ? seen : ''}@${DEMO_EMAIL_DOMAIN}`;
  };
  const person = () => {
    const name = personName(random);
    return { name: name.name, email: uniqueEmail(name.handle) };
  };

  const users: DemoUser[] = [
    { id: 'demo-director', role: 'director', team: null, ...person() },
    { id: 'demo-analyst', role: 'analyst', team: null, ...person() },
  ];
  const teams: DemoTeam[] = [];
  const managers: number[] = [];
  REGIONS.forEach((region, r) => {
    const count = perRegion[r] ?? 1;
    const teamCount = Math.ceil(count / TEAM_SIZE);
    for (let t = 0; t < teamCount; t++) {
      const members = Math.floor(count / teamCount) + (t < count % teamCount ? 1 : 0);
      const team = teams.length;
      teams.push({
        name: `${DEMO_TEAM_PREFIX}${region}大客户${chineseNumeral(t + 1)}部`,
        region,
        lead: users.length,
      });
      for (let m = 0; m < members; m++) {
        managers.push(users.length);
        const id = `${DEMO_USER_ID_PREFIX}am-${String(managers.length).padStart(4, '0')}`;
        users.push({ id, role: 'account_manager', team, ...person() });
      }
    }
  });
  return { users, teams, managers, directorId: 'demo-director', analystId: 'demo-analyst' };
}

/** Largest-remainder split of `total` in proportion to `weights`, at least one each. */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - weights.length;
  const exact = weights.map((weight) => (weight / sum) * spare);
  const counts = exact.map((value) => 1 + Math.floor(value));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 48 → 四十八 (team ordinals). */
export function chineseNumeral(value: number): string {
  if (value < 10) return DIGITS[value] ?? String(value);
  if (value >= 100) return String(value);
  const tens = Math.floor(value / 10);
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${DIGITS[value % 10] ?? ''}`;
}
