/** Message types of PostgreSQL's COPY sub-protocol, the same in both directions. */
export const COPY_DATA = 0x64; // d
export const COPY_DONE = 0x63; // c

/** Rows a COPY moved, from its CommandComplete message ("COPY n"); 0 when the tag has none. */
export function copiedRows(message: { text?: string }): number {
  const match = /COPY (\d+)/.exec(message.text ?? '');
  return match ? Number(match[1]) : 0;
}
