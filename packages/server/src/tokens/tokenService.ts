import crypto from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { apiTokens, users, type Db } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Queryable } from '../app/transaction.js';
import { writeAudit } from '../audit/auditWriter.js';
import { tokenError } from './tokenErrors.js';

/**
 * API tokens for integrations: `stk_` + 256 random bits. Only the SHA-256 of the secret is stored (a
 * high-entropy secret needs no slow hash); the first characters are kept to recognise it in a list.
 * (@better-auth/api-key was considered: its peer dependencies pin better-call 1.4.0, we run 1.4.5.)
 */
export const TOKEN_PREFIX = 'stk_';
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export function hashToken(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && value.length > SHOWN_PREFIX_LENGTH && value.length < 200;
}

export async function createToken(
  db: Db,
  actor: Actor,
  input: { name: string; expiresAt?: Date | null | undefined },
): Promise<{ token: ApiTokenRow; secret: string }> {
  if (actor.kind !== 'user' || !actor.userId) {
    throw tokenError('TOKEN_FROM_TOKEN', 'API tokens are created by a signed-in user, not by another token');
  }
  const userId = actor.userId;
  const secret = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  const token = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId,
        name: input.name,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        tokenHash: hashToken(secret),
        expiresAt: input.expiresAt ?? null,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await writeAudit(tx, actor, {
      action: 'create',
      entity: 'api_token',
      entityId: row.id,
      after: presentForAudit(row),
    });
    return row;
  });
  return { token, secret };
}

/** The caller's own tokens, newest first (revoked ones included, marked). */
export async function listTokens(db: Queryable, actor: Actor): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, actor.userId ?? ''))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the caller's tokens (an admin may revoke anyone's). */
export async function revokeToken(db: Db, actor: Actor, id: number): Promise<ApiTokenRow> {
  return db.transaction(async (tx) => {
    const owner = actor.role === 'admin' ? sql`true` : eq(apiTokens.userId, actor.userId ?? '');
    const [before] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), owner));
    if (!before) throw tokenError('TOKEN_NOT_FOUND', `No token ${id}`);
    const [after] = await tx
      .update(apiTokens)
      .set({ revokedAt: before.revokedAt ?? new Date() })
      .where(eq(apiTokens.id, id))
      .returning();
    if (!after) throw tokenError('TOKEN_NOT_FOUND', `No token ${id}`);
    await writeAudit(tx, actor, {
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      before: presentForAudit(before),
      after: presentForAudit(after),
    });
    return after;
  });
}

/**
 * The user a presented secret belongs to, or null when unknown, revoked, expired or its user inactive.
 * Marks the token used (at most once a minute, so a busy integration does not write on every call).
 */
export async function resolveToken(db: Queryable, secret: string): Promise<string | null> {
  if (!looksLikeToken(secret)) return null;
  const now = new Date();
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(secret)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        eq(users.active, true),
      ),
    );
  if (!row) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
  return row.userId;
}

function presentForAudit(row: ApiTokenRow): Record<string, unknown> {
  return {
    userId: row.userId,
    name: row.name,
    prefix: row.prefix,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}
