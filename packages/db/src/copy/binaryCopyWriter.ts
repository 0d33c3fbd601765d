import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Writes rows into PostgreSQL with `COPY … FROM STDIN (FORMAT binary)`, encoding straight from typed
 * arrays into ~1 MB chunks (no row objects, no text formatting of a million floats). `encodeRow(encoder, i)`
 * writes row i's fields in the table's column order; rows are pulled lazily, so memory stays flat and the
 * database's pace sets ours.
 */
export async function writeBinaryCopy(
  client: pg.PoolClient | pg.Client,
  copySql: string,
  rows: number,
  encodeRow: (encoder: BinaryRowEncoder, row: number) => void,
  onProgress?: (rowsWritten: number) => void,
): Promise<void> {
  const encoder = new BinaryRowEncoder();
  function* chunks(): Generator<Buffer> {
    encoder.header();
    for (let i = 0; i < rows; i++) {
      encodeRow(encoder, i);
      const chunk = encoder.take(false);
      if (chunk) {
        onProgress?.(i + 1);
        yield chunk;
      }
    }
    encoder.trailer();
    yield encoder.take(true)!;
    onProgress?.(rows);
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), client.query(copyFrom(copySql)));
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const CHUNK = 1 << 20;
/** PostgreSQL dates count days from 2000-01-01; ours from 1970-01-01. */
const PG_EPOCH_DAYS = 10957;

export class BinaryRowEncoder {
  private buffer = Buffer.allocUnsafe(CHUNK * 2);
  private position = 0;

  header(): void {
    this.ensure(19);
    SIGNATURE.copy(this.buffer, this.position);
    this.buffer.writeInt32BE(0, this.position + 11);
    this.buffer.writeInt32BE(0, this.position + 15);
    this.position += 19;
  }

  trailer(): void {
    this.ensure(2);
    this.position = this.buffer.writeInt16BE(-1, this.position);
  }

  row(fields: number): this {
    this.ensure(2);
    this.position = this.buffer.writeInt16BE(fields, this.position);
    return this;
  }

  null(): this {
    this.ensure(4);
    this.position = this.buffer.writeInt32BE(-1, this.position);
    return this;
  }

  /** int8 from a double (exact below 2^53); NaN writes NULL. */
  int8(value: number): this {
    if (Number.isNaN(value)) return this.null();
    this.ensure(12);
    // Two 32-bit halves instead of a BigInt per value: a million rows × several int8 columns add up.
    const whole = Math.trunc(value);
    const high = Math.floor(whole / 4294967296);
    let p = this.buffer.writeInt32BE(8, this.position);
    p = this.buffer.writeInt32BE(high, p);
    this.position = this.buffer.writeUInt32BE(whole - high * 4294967296, p);
    return this;
  }

  int4(value: number): this {
    if (Number.isNaN(value)) return this.null();
    this.ensure(8);
    const p = this.buffer.writeInt32BE(4, this.position);
    this.position = this.buffer.writeInt32BE(value | 0, p);
    return this;
  }

  int2(value: number): this {
    if (Number.isNaN(value)) return this.null();
    this.ensure(6);
    const p = this.buffer.writeInt32BE(2, this.position);
    this.position = this.buffer.writeInt16BE(value, p);
    return this;
  }

  /** float4; NaN and ±Infinity write NULL (the database never stores a non-finite measure). */
  float4(value: number): this {
    if (!Number.isFinite(value)) return this.null();
    this.ensure(8);
    const p = this.buffer.writeInt32BE(4, this.position);
    this.position = this.buffer.writeFloatBE(value, p);
    return this;
  }

  float8(value: number): this {
    if (!Number.isFinite(value)) return this.null();
    this.ensure(12);
    const p = this.buffer.writeInt32BE(8, this.position);
    this.position = this.buffer.writeDoubleBE(value, p);
    return this;
  }

  /** A date from a day number (days since 1970-01-01); NaN writes NULL. */
  date(day: number): this {
    if (Number.isNaN(day)) return this.null();
    return this.int4Raw(day - PG_EPOCH_DAYS);
  }

  text(value: string | null): this {
    if (value === null) return this.null();
    const length = Buffer.byteLength(value);
    this.ensure(4 + length);
    const p = this.buffer.writeInt32BE(length, this.position);
    this.position = p + this.buffer.write(value, p);
    return this;
  }

  /** bytea: `length` bytes written by `fill` at the given offset of the encoder's buffer. */
  bytes(length: number, fill: (buffer: Buffer, offset: number) => void): this {
    this.ensure(4 + length);
    const p = this.buffer.writeInt32BE(length, this.position);
    fill(this.buffer, p);
    this.position = p + length;
    return this;
  }

  /** A finished chunk when at least ~1 MB is buffered (or whatever is left when forced). */
  take(force: boolean): Buffer | null {
    if (!force && this.position < CHUNK) return null;
    const chunk = Buffer.from(this.buffer.subarray(0, this.position));
    this.position = 0;
    return chunk;
  }

  private int4Raw(value: number): this {
    this.ensure(8);
    const p = this.buffer.writeInt32BE(4, this.position);
    this.position = this.buffer.writeInt32BE(value, p);
    return this;
  }

  private ensure(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes));
    this.buffer.copy(bigger, 0, 0, this.position);
    this.buffer = bigger;
  }
}
