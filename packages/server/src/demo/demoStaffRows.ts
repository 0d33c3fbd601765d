import { and, eq, inArray, like, notInArray, sql } from 'drizzle-orm';
import { teams, users, type Db } from '@stratum/db';
import { demoError } from './demoErrors.js';
import { DEMO_EMAIL_DOMAIN, DEMO_TEAM_PREFIX, DEMO_USER_ID_PREFIX, type DemoStaff } from './staff.js';

/**
 * Writes the demo sales organisation: teams (with their leads) and users without passwords, kept when
 * they exist already (so a password an admin gave a demo account survives a reload), and removes demo
 * users and teams a smaller book no longer needs. Never touches a user outside the demo domain: a real
 * account holding a demo address stops the load instead.
 */
export async function writeDemoStaff(db: Db, staff: DemoStaff): Promise<void> {
  const ids = staff.users.map((user) => user.id);
  const emails = staff.users.map((user) => user.email);
  const teamNames = staff.teams.map((team) => team.name);
  await db.transaction(async (tx) => {
    const clash = await tx
      .select({ email: users.email })
      .from(users)
      .where(and(inArray(sql`lower(${users.email})`, emails), notInArray(users.id, ids)))
      .limit(1);
    if (clash[0]) {
      throw demoError(
        'DEMO_EMAIL_TAKEN',
        `The demo address ${clash[0].email} belongs to a user that is not a demo user`,
      );
    }
    await tx
      .insert(teams)
      .values(teamNames.map((name) => ({ name })))
      .onConflictDoNothing({ target: teams.name });
    const teamRows = await tx
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(inArray(teams.name, teamNames));
    const teamIds = new Map(teamRows.map((row) => [row.name, row.id]));
    const teamId = (team: number | null) =>
      team === null ? null : (teamIds.get(staff.teams[team]?.name ?? '') ?? null);
    for (let start = 0; start < staff.users.length; start += 500) {
      await tx
        .insert(users)
        .values(
          staff.users.slice(start, start + 500).map((user) => ({
            id: user.id,
            name: user.name,
            email: user.email,
            emailVerified: true,
            role: user.role,
            teamId: teamId(user.team),
            locale: 'zh-CN',
          })),
        )
        .onConflictDoUpdate({
          target: users.id,
          set: {
            name: sql`excluded.name`,
            email: sql`excluded.email`,
            role: sql`excluded.role`,
            teamId: sql`excluded.team_id`,
            active: true,
            updatedAt: sql`now()`,
          },
        });
    }
    for (const team of staff.teams) {
      await tx
        .update(teams)
        .set({ leadId: staff.users[team.lead]?.id ?? null })
        .where(eq(teams.name, team.name));
    }
    await tx
      .delete(users)
      .where(
        and(
          like(users.id, `${DEMO_USER_ID_PREFIX}%`),
          like(users.email, `%@${DEMO_EMAIL_DOMAIN}`),
          notInArray(users.id, ids),
        ),
      );
    await tx
      .delete(teams)
      .where(
        and(
          like(teams.name, `${DEMO_TEAM_PREFIX}%`),
          notInArray(teams.name, teamNames),
          sql`NOT EXISTS (SELECT 1 FROM ${users} WHERE ${users.teamId} = ${teams.id})`,
        ),
      );
  });
}
