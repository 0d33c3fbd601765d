/** A database row as JSON: Date fields become ISO strings, everything else is already JSON-safe. */
export type JsonRecord<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

export function jsonRecord<T extends object>(row: T): JsonRecord<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = value instanceof Date ? value.toISOString() : value;
  return out as JsonRecord<T>;
}
