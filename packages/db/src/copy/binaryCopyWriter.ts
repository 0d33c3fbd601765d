import type pg from 'pg';
import { PG_EPOCH_DAYS } from './binaryCopyReader.js';
import { COPY_MESSAGE_HEADER, copyIn, type SendMessage } from './copyIn.js';

/**
 * Writes rows into PostgreSQL with `COPY … FROM STDIN (FORMAT binary)`, encoding straight from typed
 * arrays into ~1 MB messages (no row objects, no text formatting of a million floats) sent from a few
 * reused buffers (copyIn). `encodeRow(encoder, i)` writes row i's fields in the table's column order;
 * rows are encoded as the socket takes them, so memory stays flat and the database's pace sets ours.
 */
export async function writeBinaryCopy(
  client: pg.PoolClient | pg.Client,
  copySql: string,
  rows: number,
  encodeRow: (encoder: BinaryRowEncoder, row: number) => void,
  onProgress?: (rowsWritten: number) => void,
): Promise<void> {
  const encoder = new BinaryRowEncoder();
  await copyIn(client, copySql, async (send) => {
    encoder.header();
    for (let i = 0; i < rows; i++) {
      encodeRow(encoder, i);
      if (encoder.full()) {
        await encoder.sendMessage(send);
        onProgress?.(i + 1);
      }
    }
    encoder.trailer();
    await encoder.sendMessage(send);
    onProgress?.(rows);
  });
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const CHUNK = 1 << 20;

/**
 * Encodes rows into a growing buffer through a DataView: its set methods compile to plain stores, while
 * Buffer's write methods are calls with checks. Two ways to write a row: the chained methods (row(n),
 * then one call per field), or, for a million rows, `begin` / the put* functions / `end` in one function
 * per row, which V8 inlines whole (no call, and no boxed double, per field).
 */
export class BinaryRowEncoder {
  private buffer: Buffer = Buffer.allocUnsafe(CHUNK * 2);
  private view = viewOf(this.buffer);
  // Rows start after room for a COPY message header (see sendMessage).
  private position = COPY_MESSAGE_HEADER;

  header(): void {
    this.ensure(19);
    SIGNATURE.copy(this.buffer, this.position);
    this.view.setInt32(this.position + 11, 0);
    this.view.setInt32(this.position + 15, 0);
    this.position += 19;
  }

  trailer(): void {
    this.ensure(2);
    this.view.setInt16(this.position, -1);
    this.position += 2;
  }

  row(fields: number): this {
    this.ensure(2);
    this.view.setInt16(this.position, fields);
    this.position += 2;
    return this;
  }

  /**
   * Room for a row of at most `maxBytes`: the caller writes it through `dataView` from the returned
   * offset (putRow, then put* per field) and hands the offset after it to `end`.
   */
  begin(maxBytes: number): number {
    this.ensure(maxBytes);
    return this.position;
  }

  end(position: number): void {
    this.position = position;
  }

  /** The view `begin`'s offsets refer to (replaced when the buffer grows: read it after `begin`). */
  get dataView(): DataView {
    return this.view;
  }

  null(): this {
    this.ensure(4);
    this.position = putNull(this.view, this.position);
    return this;
  }

  /** int8 from a double (exact below 2^53); NaN writes NULL. */
  int8(value: number): this {
    this.ensure(12);
    this.position = putInt8(this.view, this.position, value);
    return this;
  }

  int4(value: number): this {
    this.ensure(8);
    this.position = putInt4(this.view, this.position, value);
    return this;
  }

  int2(value: number): this {
    this.ensure(6);
    this.position = putInt2(this.view, this.position, value);
    return this;
  }

  /** float4; NaN and ±Infinity write NULL (the database never stores a non-finite measure). */
  float4(value: number): this {
    this.ensure(8);
    this.position = putFloat4(this.view, this.position, value);
    return this;
  }

  float8(value: number): this {
    this.ensure(12);
    this.position = putFloat8(this.view, this.position, value);
    return this;
  }

  /** A date from a day number (days since 1970-01-01); NaN writes NULL. */
  date(day: number): this {
    this.ensure(8);
    this.position = putDate(this.view, this.position, day);
    return this;
  }

  text(value: string | null): this {
    if (value === null) return this.null();
    const length = Buffer.byteLength(value);
    this.ensure(4 + length);
    this.view.setInt32(this.position, length);
    const p = this.position + 4;
    this.position = p + this.buffer.write(value, p);
    return this;
  }

  /** bytea: `length` bytes written by `fill` through the encoder's view, from the given offset. */
  bytes(length: number, fill: (view: DataView, offset: number) => void): this {
    this.ensure(4 + length);
    const p = putBytesLength(this.view, this.position, length);
    fill(this.view, p);
    this.position = p + length;
    return this;
  }

  /** At least ~1 MB is encoded: time to send it. */
  full(): boolean {
    return this.position >= CHUNK;
  }

  /** Sends what is encoded as one CopyData message (see copyIn) and goes on in the buffer it gets back. */
  async sendMessage(send: SendMessage): Promise<void> {
    const next = await send(this.buffer, this.position);
    this.buffer = next ?? Buffer.allocUnsafe(CHUNK * 2);
    this.view = viewOf(this.buffer);
    this.position = COPY_MESSAGE_HEADER;
  }

  /** A copy of what is encoded when at least ~1 MB is (or whatever there is when forced), to parse in tests. */
  take(force: boolean): Buffer | null {
    if (!force && !this.full()) return null;
    const chunk = Buffer.from(this.buffer.subarray(COPY_MESSAGE_HEADER, this.position));
    this.position = COPY_MESSAGE_HEADER;
    return chunk;
  }

  private ensure(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes));
    this.buffer.copy(bigger, 0, 0, this.position);
    this.buffer = bigger;
    this.view = viewOf(bigger);
  }
}

// Field writers: each writes one field (length, then value) at p and returns the offset after it.
// Room must have been made (BinaryRowEncoder.begin); the widest field takes 12 bytes.

/** The row's field count. */
export function putRow(view: DataView, p: number, fields: number): number {
  view.setInt16(p, fields);
  return p + 2;
}

export function putNull(view: DataView, p: number): number {
  view.setInt32(p, -1);
  return p + 4;
}

/** int8 from a double (exact below 2^53); NaN writes NULL. */
export function putInt8(view: DataView, p: number, value: number): number {
  if (Number.isNaN(value)) return putNull(view, p);
  // Two 32-bit halves instead of a BigInt per value: a million rows × several int8 columns add up.
  const whole = Math.trunc(value);
  const high = Math.floor(whole / 4294967296);
  view.setInt32(p, 8);
  view.setInt32(p + 4, high);
  view.setUint32(p + 8, whole - high * 4294967296);
  return p + 12;
}

export function putInt4(view: DataView, p: number, value: number): number {
  if (Number.isNaN(value)) return putNull(view, p);
  view.setInt32(p, 4);
  view.setInt32(p + 4, value | 0);
  return p + 8;
}

export function putInt2(view: DataView, p: number, value: number): number {
  if (Number.isNaN(value)) return putNull(view, p);
  view.setInt32(p, 2);
  view.setInt16(p + 4, value);
  return p + 6;
}

/** float4; NaN and ±Infinity write NULL (the database never stores a non-finite measure). */
export function putFloat4(view: DataView, p: number, value: number): number {
  if (!Number.isFinite(value)) return putNull(view, p);
  view.setInt32(p, 4);
  view.setFloat32(p + 4, value);
  return p + 8;
}

export function putFloat8(view: DataView, p: number, value: number): number {
  if (!Number.isFinite(value)) return putNull(view, p);
  view.setInt32(p, 8);
  view.setFloat64(p + 4, value);
  return p + 12;
}

/** A date from a day number (days since 1970-01-01); NaN writes NULL. */
export function putDate(view: DataView, p: number, day: number): number {
  if (Number.isNaN(day)) return putNull(view, p);
  view.setInt32(p, 4);
  view.setInt32(p + 4, day - PG_EPOCH_DAYS);
  return p + 8;
}

/** The length of a bytea field; its `length` bytes follow at the returned offset. */
export function putBytesLength(view: DataView, p: number, length: number): number {
  view.setInt32(p, length);
  return p + 4;
}

function viewOf(buffer: Buffer): DataView {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
}
