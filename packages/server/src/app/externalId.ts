import crypto from 'node:crypto';

// Crockford base32: no I, L, O, U, so an id read aloud or retyped is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A readable external id for a record the client created without one, e.g. `ORD-7KQ2M9XW4P`. */
export function generateExternalId(prefix: string): string {
  const bytes = crypto.randomBytes(10);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 32] ?? '0';
  return `${prefix}-${out}`;
}
