import { z } from 'zod';
import { commonError, type AppError } from '../errors/appError.js';

/** Keyset cursors are opaque to clients: base64url of a small JSON array, validated on the way back in. */
export function encodeCursor(values: readonly (string | number | boolean | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const cursorValues = z.array(z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).max(8);

export function decodeCursor(cursor: string): (string | number | boolean | null)[] {
  try {
    const parsed = cursorValues.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the error below: a cursor that is not ours.
  }
  throw invalidCursor();
}

export function invalidCursor(): AppError {
  return commonError('VALIDATION_FAILED', 'cursor is not valid; use nextCursor from a previous page', [
    { in: 'querystring', path: 'cursor', message: 'not a cursor this API issued' },
  ]);
}
