import { gradingRuns, type Db } from '@stratum/db';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { decodeCursor, encodeCursor, invalidCursor } from '../app/cursor.js';
import type { RunRow } from './runStore.js';

export interface RunListQuery {
  limit: number;
  cursor?: string | undefined;
  modelId?: number | undefined;
  status?: RunRow['status'] | undefined;
}

/** Newest first, keyset by id. Runs are organisation-wide (no customer data), readable with grading:read. */
export async function listRuns(
  db: Db,
  query: RunListQuery,
): Promise<{ items: RunRow[]; nextCursor: string | null }> {
  const conditions: SQL[] = [];
  if (query.modelId !== undefined) conditions.push(eq(gradingRuns.modelId, query.modelId));
  if (query.status !== undefined) conditions.push(eq(gradingRuns.status, query.status));
  if (query.cursor !== undefined) {
    const [after] = decodeCursor(query.cursor);
    if (typeof after !== 'number') throw invalidCursor();
    conditions.push(lt(gradingRuns.id, after));
  }
  const rows = await db
    .select()
    .from(gradingRuns)
    .where(and(...conditions))
    .orderBy(desc(gradingRuns.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}
