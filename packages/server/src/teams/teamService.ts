import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { teams, users, type Db } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Queryable } from '../app/transaction.js';
import { writeAudit } from '../audit/auditWriter.js';
import { teamError } from './teamErrors.js';

export interface Team {
  id: number;
  name: string;
  leadId: string | null;
  memberIds: string[];
  createdAt: Date;
}

export interface TeamInput {
  name?: string | undefined;
  leadId?: string | null | undefined;
  memberIds?: string[] | undefined;
}

/**
 * Teams group account managers; the lead sees and changes the customers the members own
 * (access/actor.ts). A lead is always a member of the team they lead, so their own scope includes it.
 */
export async function listTeams(db: Queryable): Promise<Team[]> {
  const rows = await db.select().from(teams).orderBy(asc(teams.name));
  const members = await db
    .select({ id: users.id, teamId: users.teamId })
    .from(users)
    .where(sql`${users.teamId} IS NOT NULL`)
    .orderBy(asc(users.email));
  return rows.map((t) => ({ ...t, memberIds: members.filter((m) => m.teamId === t.id).map((m) => m.id) }));
}

export async function getTeam(db: Queryable, id: number): Promise<Team> {
  const [row] = await db.select().from(teams).where(eq(teams.id, id));
  if (!row) throw teamError('TEAM_NOT_FOUND', `No team ${id}`);
  const members = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.teamId, id))
    .orderBy(asc(users.email));
  return { ...row, memberIds: members.map((m) => m.id) };
}

export async function createTeam(db: Db, actor: Actor, input: TeamInput & { name: string }): Promise<Team> {
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const [created] = await tx.insert(teams).values({ name: input.name }).returning();
    if (!created) throw new Error('insert returned no row');
    await applyMembership(tx, created.id, input);
    const after = await getTeam(tx, created.id);
    await writeAudit(tx, actor, { action: 'create', entity: 'team', entityId: created.id, after });
    return after;
  });
}

export async function updateTeam(db: Db, actor: Actor, id: number, input: TeamInput): Promise<Team> {
  return db.transaction(async (tx) => {
    const before = await getTeam(tx, id);
    if (input.name !== undefined && input.name !== before.name) {
      await assertNameFree(tx, input.name);
      await tx.update(teams).set({ name: input.name }).where(eq(teams.id, id));
    }
    await applyMembership(tx, id, input);
    const after = await getTeam(tx, id);
    await writeAudit(tx, actor, { action: 'update', entity: 'team', entityId: id, before, after });
    return after;
  });
}

async function applyMembership(tx: Queryable, teamId: number, input: TeamInput): Promise<void> {
  const wanted = [...(input.memberIds ?? []), ...(input.leadId ? [input.leadId] : [])];
  const unique = [...new Set(wanted)];
  if (unique.length > 0) {
    const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, unique));
    const missing = unique.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0)
      throw teamError('TEAM_USER_NOT_FOUND', `Unknown users: ${missing.join(', ')}`, { missing });
  }
  if (input.memberIds !== undefined) {
    // Members not listed leave the team; a lead who leaves stops leading it.
    const keep = unique.length > 0 ? notInArray(users.id, unique) : sql`true`;
    await tx
      .update(users)
      .set({ teamId: null, updatedAt: new Date() })
      .where(and(eq(users.teamId, teamId), keep));
  }
  if (unique.length > 0) {
    // Joining this team means leaving the one led before.
    await tx
      .update(teams)
      .set({ leadId: null })
      .where(and(inArray(teams.leadId, unique), sql`${teams.id} <> ${teamId}`));
    await tx.update(users).set({ teamId, updatedAt: new Date() }).where(inArray(users.id, unique));
  }
  if (input.leadId !== undefined) {
    await tx.update(teams).set({ leadId: input.leadId }).where(eq(teams.id, teamId));
  } else if (input.memberIds !== undefined) {
    await tx
      .update(teams)
      .set({ leadId: null })
      .where(
        and(
          eq(teams.id, teamId),
          sql`${teams.leadId} NOT IN (SELECT id FROM users WHERE team_id = ${teamId})`,
        ),
      );
  }
}

async function assertNameFree(db: Queryable, name: string): Promise<void> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (row) throw teamError('TEAM_NAME_TAKEN', `A team named ${name} exists`, { field: 'name' });
}
