import crypto from 'node:crypto';
import type { RowContext } from './EntitySpec.js';

/**
 * The external id of a row whose file gives none (interactions, surveys and referrals, whose external_id
 * column is optional): a hash of the row's natural key, so importing the same row again finds the same record (a no-op) while a change to
 * any other column updates it. The parts are canonical values (timestamps as epoch microseconds, emails
 * lower-cased), so `2024-03-05 10:00` and `2024/3/5 10:00` are the same interaction.
 * Format: `<prefix>-` + the first 24 hex digits of SHA-256 over the parts joined by U+001F.
 */
export function naturalId(prefix: string, parts: ReadonlyArray<string | null>): string {
  const digest = crypto
    .createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\u001f'))
    .digest('hex');
  return `${prefix}-${digest.slice(0, 24)}`;
}

/** Sets the row's external_id: the one the file gives, else the hash of `naturalKey`. */
export function identifyRow(row: RowContext, prefix: string, naturalKey: ReadonlyArray<string | null>): void {
  row.set('external_id', row.value('external_id') ?? naturalId(prefix, naturalKey));
}
