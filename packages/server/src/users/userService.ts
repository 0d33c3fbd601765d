import crypto from 'node:crypto';
import { and, asc, eq, gt, ne, or, sql, type SQL } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { accounts, sessions, teams, users, type Db, type Role } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import { containsPattern } from '../app/like.js';
import type { Queryable } from '../app/transaction.js';
import { writeAudit } from '../audit/auditWriter.js';
import { userError } from './userErrors.js';
import { presentUser } from './userSchemas.js';

export type UserRow = typeof users.$inferSelect;

export interface NewUser {
  email: string;
  name?: string | undefined;
  role: Role;
  teamId?: number | null | undefined;
  locale?: 'zh-CN' | 'en' | undefined;
  /** When absent a strong one is generated and returned once. */
  password?: string | undefined;
}

export interface UserPatch {
  name?: string | undefined;
  role?: Role | undefined;
  teamId?: number | null | undefined;
  locale?: 'zh-CN' | 'en' | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
}

export const FIRST_ADMIN_EMAIL = 'admin@stratum.local';

/** A password a person can copy once: 144 random bits, URL-safe. */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export async function isUserActive(db: Queryable, userId: string): Promise<boolean> {
  const [row] = await db.select({ active: users.active }).from(users).where(eq(users.id, userId));
  return row?.active === true;
}

/** The actor for an active user (role, team, whether they lead it), or null when unknown or inactive. */
export async function loadUserActor(
  db: Queryable,
  userId: string,
  kind: 'user' | 'token',
): Promise<Actor | null> {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      teamId: users.teamId,
      active: users.active,
      leads: sql<boolean>`EXISTS (SELECT 1 FROM teams t WHERE t.id = users.team_id AND t.lead_id = users.id)`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row?.active) return null;
  return { kind, userId: row.id, role: row.role, teamId: row.teamId, isTeamLead: row.leads };
}

/**
 * Creates a user with a credential account whose password is hashed by better-auth (so its sign-in
 * verifies it), audited in the same transaction. Returns the generated password when none was given.
 */
export async function createUser(
  db: Db,
  actor: Actor,
  input: NewUser,
): Promise<{ user: UserRow; generatedPassword: string | null }> {
  const email = input.email.trim().toLowerCase();
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    if (await emailTaken(tx, email)) throw userError('USER_EMAIL_TAKEN', `A user with email ${email} exists`);
    if (input.teamId != null) await requireTeam(tx, input.teamId);
    const id = crypto.randomUUID();
    const [created] = await tx
      .insert(users)
      .values({
        id,
        email,
        name: input.name?.trim() || email.split('@')[0] || email,
        role: input.role,
        teamId: input.teamId ?? null,
        locale: input.locale ?? 'zh-CN',
        emailVerified: true,
      })
      .returning();
    if (!created) throw new Error('insert returned no row');
    await tx.insert(accounts).values({
      id: crypto.randomUUID(),
      accountId: id,
      providerId: 'credential',
      userId: id,
      password: passwordHash,
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: 'user',
      entityId: id,
      after: presentUser(created),
    });
    return created;
  });
  return { user, generatedPassword: input.password ? null : password };
}

/**
 * When nobody can sign in yet (no users), creates admin@stratum.local with a generated password and
 * returns it so `serve` prints it once. Returns null otherwise. Safe to call on every start.
 */
export async function ensureFirstAdmin(
  db: Db,
  actor: Actor,
): Promise<{ email: string; password: string } | null> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((row?.n ?? 0) > 0) return null;
  try {
    const { generatedPassword } = await createUser(db, actor, {
      email: FIRST_ADMIN_EMAIL,
      name: 'Admin',
      role: 'admin',
    });
    return generatedPassword ? { email: FIRST_ADMIN_EMAIL, password: generatedPassword } : null;
  } catch (error) {
    // Another instance starting at the same moment created it first (seen by our check or by the unique index).
    if (isDuplicateEmail(error)) return null;
    throw error;
  }
}

function isDuplicateEmail(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return code === 'USER_EMAIL_TAKEN' || code === '23505';
}

export interface UserListQuery {
  q?: string | undefined;
  role?: Role | undefined;
  teamId?: number | undefined;
  active?: boolean | undefined;
  limit: number;
  /** The email of the last user of the previous page. */
  after?: string | undefined;
}

export async function listUsers(db: Queryable, query: UserListQuery): Promise<UserRow[]> {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(
      or(sql`${users.email} ILIKE ${pattern}`, sql`${users.name} ILIKE ${pattern}`) ?? sql`true`,
    );
  }
  if (query.role) conditions.push(eq(users.role, query.role));
  if (query.teamId !== undefined) conditions.push(eq(users.teamId, query.teamId));
  if (query.active !== undefined) conditions.push(eq(users.active, query.active));
  if (query.after) conditions.push(gt(users.email, query.after));
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.email))
    .limit(query.limit);
}

export async function getUser(db: Queryable, id: string): Promise<UserRow> {
  const row = await findUser(db, id);
  if (!row) throw userError('USER_NOT_FOUND', `No user ${id}`);
  return row;
}

/** Updates a user; deactivating ends their sessions in the same transaction (tokens stop with `active`). */
export async function updateUser(db: Db, actor: Actor, id: string, patch: UserPatch): Promise<UserRow> {
  const passwordHash = patch.password ? await hashPassword(patch.password) : null;
  return db.transaction(async (tx) => {
    const before = await getUser(tx, id);
    if (patch.active === false && id === actor.userId) {
      throw userError('USER_CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account');
    }
    const losesAdmin =
      before.role === 'admin' && (patch.active === false || (patch.role && patch.role !== 'admin'));
    if (losesAdmin && !(await anotherActiveAdmin(tx, id))) {
      throw userError('USER_LAST_ADMIN', 'At least one active admin must remain');
    }
    if (patch.teamId != null) await requireTeam(tx, patch.teamId);
    const [after] = await tx
      .update(users)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.teamId !== undefined ? { teamId: patch.teamId } : {}),
        ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw userError('USER_NOT_FOUND', `No user ${id}`);
    if (passwordHash) {
      await tx
        .update(accounts)
        .set({ password: passwordHash, updatedAt: new Date() })
        .where(and(eq(accounts.userId, id), eq(accounts.providerId, 'credential')));
    }
    if (patch.active === false || passwordHash) await tx.delete(sessions).where(eq(sessions.userId, id));
    // A member who leaves the team they lead no longer leads it.
    if (patch.teamId !== undefined && before.teamId !== null && patch.teamId !== before.teamId) {
      await tx
        .update(teams)
        .set({ leadId: null })
        .where(and(eq(teams.id, before.teamId), eq(teams.leadId, id)));
    }
    await writeAudit(tx, actor, {
      action: patch.active === false && before.active ? 'deactivate' : 'update',
      entity: 'user',
      entityId: id,
      before: presentUser(before),
      after: { ...presentUser(after), ...(passwordHash ? { passwordChanged: true } : {}) },
    });
    return after;
  });
}

export async function findUser(db: Queryable, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  return row !== undefined;
}

async function requireTeam(db: Queryable, teamId: number): Promise<void> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  if (!row) throw userError('USER_TEAM_NOT_FOUND', `No team ${teamId}`);
}

async function anotherActiveAdmin(db: Queryable, exceptId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, exceptId)))
    .limit(1);
  return row !== undefined;
}
