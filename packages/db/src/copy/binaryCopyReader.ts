import type pg from 'pg';
import { copyOut } from './copyOut.js';

/**
 * Streams the result of a query out of PostgreSQL with `COPY (…) TO STDOUT (FORMAT binary)` and hands
 * each row to `onRow` without materialising row objects: the callback gets the buffer holding the row, a
 * DataView over the same bytes (same offsets; its reads compile to plain loads) and, per field, the offset
 * of its value (or -1 for NULL) and its length. Values must be read before onRow returns (the buffer is
 * reused). This is how we move a million rows into typed arrays cheaply.
 */
export type BinaryRowHandler = (
  buffer: Buffer,
  offsets: Int32Array,
  lengths: Int32Array,
  view: DataView,
) => void;

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const EMPTY = Buffer.alloc(0);
/** Bytes of the next chunk first joined to a row left incomplete at the end of the previous one. */
const FIRST_TAKE = 16 * 1024;

export async function readBinaryCopy(
  client: pg.PoolClient | pg.Client,
  query: string,
  onRow: BinaryRowHandler,
): Promise<number> {
  const parser = new BinaryCopyParser(onRow);
  await copyOut(client, `COPY (${query}) TO STDOUT (FORMAT binary)`, (chunk, view, start, end) =>
    parser.pushRange(chunk, view, start, end),
  );
  if (!parser.finished) throw new Error('COPY stream ended before its trailer');
  return parser.rows;
}

/** The parser behind readBinaryCopy: push the stream in chunks of any size. */
export class BinaryCopyParser {
  rows = 0;
  finished = false;
  /** An incomplete header or row left at the end of the last chunk. */
  private pending: Buffer = EMPTY;
  private headerDone = false;
  private offsets = new Int32Array(16);
  private lengths = new Int32Array(16);

  constructor(private readonly onRow: BinaryRowHandler) {}

  push(chunk: Buffer): void {
    this.pushRange(chunk, viewOf(chunk), 0, chunk.length);
  }

  /** `push` of chunk[start, end), with `view` over the whole of `chunk`: nothing is copied to parse it. */
  pushRange(chunk: Buffer, view: DataView, start: number, end: number): void {
    let position = start;
    if (this.pending.length > 0) {
      // Complete the row that straddles the chunks by joining the tail with only as much of this chunk
      // as it needs, not the whole chunk (which would copy every byte of the stream once more).
      const tail = this.pending;
      let take = Math.min(end - start, Math.max(FIRST_TAKE, tail.length));
      for (;;) {
        const joined = Buffer.concat([tail, chunk.subarray(start, start + take)]);
        const used = this.step(joined, 0, joined.length, viewOf(joined));
        if (used >= 0) {
          position = start + used - tail.length;
          break;
        }
        if (take === end - start) {
          this.pending = joined;
          return;
        }
        take = Math.min(end - start, take * 2);
      }
      this.pending = EMPTY;
    }
    while (!this.finished) {
      const next = this.step(chunk, position, end, view);
      if (next < 0) break;
      position = next;
    }
    // Keep only the incomplete tail; copy it so the big chunk can be freed.
    if (position < end && !this.finished) this.pending = Buffer.from(chunk.subarray(position, end));
  }

  /**
   * Consumes what starts at `start` (the header, a row, which goes to onRow, or the trailer); returns
   * where it ends, or −1 when `limit` comes first.
   */
  private step(buffer: Buffer, start: number, limit: number, view: DataView): number {
    if (!this.headerDone) {
      if (limit < start + 19) return -1;
      if (!buffer.subarray(start, start + 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      const end = start + 19 + view.getInt32(start + 15);
      if (end > limit) return -1;
      this.headerDone = true;
      return end;
    }
    const end = this.rowEnd(view, start, limit);
    if (end < 0) return -1;
    if (end === start + 2) {
      this.finished = true;
      return end;
    }
    this.onRow(buffer, this.offsets, this.lengths, view);
    this.rows++;
    return end;
  }

  /** Parses the field table of the row at `start`; returns the row's end, or -1 if it is incomplete. */
  private rowEnd(view: DataView, start: number, size: number): number {
    if (start + 2 > size) return -1;
    const fields = view.getInt16(start);
    if (fields === -1) return start + 2;
    if (fields > this.offsets.length) {
      this.offsets = new Int32Array(fields);
      this.lengths = new Int32Array(fields);
    }
    let position = start + 2;
    for (let i = 0; i < fields; i++) {
      if (position + 4 > size) return -1;
      const length = view.getInt32(position);
      position += 4;
      if (length < 0) {
        this.offsets[i] = -1;
        this.lengths[i] = 0;
        continue;
      }
      if (position + length > size) return -1;
      this.offsets[i] = position;
      this.lengths[i] = length;
      position += length;
    }
    return position;
  }
}

function viewOf(buffer: Buffer): DataView {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** PostgreSQL dates count days from 2000-01-01; ours from 1970-01-01. */
export const PG_EPOCH_DAYS = 10957;

/** int8 read through a DataView (see BinaryRowHandler), as a double: exact below 2^53, which ids and cents always are. */
export function int8At(view: DataView, offset: number): number {
  return view.getInt32(offset) * 4294967296 + view.getUint32(offset + 4);
}

const NUMERIC_NEGATIVE = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PLUS_INFINITY = 0xd000;
const NUMERIC_MINUS_INFINITY = 0xf000;
const EXACT = 2 ** 53;

/**
 * A numeric's binary representation (base-10000 digits) as the double PostgreSQL's `::float8` gives:
 * the digits make an exact integer and one multiplication or division by an exact power of 10000 rounds
 * it once, which is the correctly rounded value. Sending numerics as they are spares the server its
 * numeric-to-float8 cast, which goes through text. Values beyond that exactness go through text here too.
 */
export function numericAt(view: DataView, offset: number): number {
  const digits = view.getInt16(offset);
  const weight = view.getInt16(offset + 2);
  const sign = view.getUint16(offset + 4);
  if (sign === NUMERIC_NAN) return Number.NaN;
  if (sign === NUMERIC_PLUS_INFINITY) return Number.POSITIVE_INFINITY;
  if (sign === NUMERIC_MINUS_INFINITY) return Number.NEGATIVE_INFINITY;
  let whole = 0;
  for (let i = 0; i < digits; i++) whole = whole * 10000 + view.getInt16(offset + 8 + 2 * i);
  // Power of 10000 of the last digit; 10000^5 = 10^20 is still an exact double.
  const exponent = weight - digits + 1;
  let value: number;
  if (whole < EXACT && exponent >= -5 && exponent <= 5) {
    value = exponent >= 0 ? whole * 10000 ** exponent : whole / 10000 ** -exponent;
  } else {
    let text = '';
    for (let i = 0; i < digits; i++) text += String(view.getInt16(offset + 8 + 2 * i)).padStart(4, '0');
    value = Number(`${text || '0'}e${4 * exponent}`);
  }
  return sign === NUMERIC_NEGATIVE ? -value : value;
}

/** Decoders for the binary representations we read. */
export const binary = {
  int2: (buffer: Buffer, offset: number) => buffer.readInt16BE(offset),
  int4: (buffer: Buffer, offset: number) => buffer.readInt32BE(offset),
  /** int8 as a double: exact below 2^53, which ids and cents always are. */
  int8: (buffer: Buffer, offset: number) =>
    buffer.readInt32BE(offset) * 4294967296 + buffer.readUInt32BE(offset + 4),
  float8: (buffer: Buffer, offset: number) => buffer.readDoubleBE(offset),
  /** A date as days since 1970-01-01 (PostgreSQL counts from 2000-01-01). */
  date: (buffer: Buffer, offset: number) => buffer.readInt32BE(offset) + PG_EPOCH_DAYS,
};
