import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * Streams the result of a query out of PostgreSQL with `COPY (…) TO STDOUT (FORMAT binary)` and hands
 * each row to `onRow` without materialising row objects: the callback gets the buffer holding the row and,
 * per field, the offset of its value (or -1 for NULL) and its length. Values must be read before onRow
 * returns (the buffer is reused). This is how we move a million rows into typed arrays cheaply.
 */
export type BinaryRowHandler = (buffer: Buffer, offsets: Int32Array, lengths: Int32Array) => void;

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

export async function readBinaryCopy(
  client: pg.PoolClient | pg.Client,
  query: string,
  onRow: BinaryRowHandler,
): Promise<number> {
  const parser = new BinaryCopyParser(onRow);
  const source = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`));
  await pipeline(
    source,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        try {
          parser.push(chunk);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      },
      final(callback) {
        callback(parser.finished ? null : new Error('COPY stream ended before its trailer'));
      },
    }),
  );
  return parser.rows;
}

class BinaryCopyParser {
  rows = 0;
  finished = false;
  private pending: Buffer = Buffer.alloc(0);
  private headerDone = false;
  private offsets = new Int32Array(16);
  private lengths = new Int32Array(16);

  constructor(private readonly onRow: BinaryRowHandler) {}

  push(chunk: Buffer): void {
    let buffer = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let position = 0;
    if (!this.headerDone) {
      if (buffer.length < 19) {
        this.pending = buffer;
        return;
      }
      if (!buffer.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      const extension = buffer.readInt32BE(15);
      position = 19 + extension;
      this.headerDone = true;
    }
    for (;;) {
      const end = this.rowEnd(buffer, position);
      if (end < 0) break;
      if (end === position + 2) {
        this.finished = true;
        position = end;
        break;
      }
      this.onRow(buffer, this.offsets, this.lengths);
      this.rows++;
      position = end;
    }
    // Keep only the incomplete tail; copy it so the big chunk can be freed.
    this.pending = position >= buffer.length ? Buffer.alloc(0) : Buffer.from(buffer.subarray(position));
    buffer = this.pending;
  }

  /** Parses the field table of the row at `start`; returns the row's end, or -1 if it is incomplete. */
  private rowEnd(buffer: Buffer, start: number): number {
    if (start + 2 > buffer.length) return -1;
    const fields = buffer.readInt16BE(start);
    if (fields === -1) return start + 2;
    if (fields > this.offsets.length) {
      this.offsets = new Int32Array(fields);
      this.lengths = new Int32Array(fields);
    }
    let position = start + 2;
    for (let i = 0; i < fields; i++) {
      if (position + 4 > buffer.length) return -1;
      const length = buffer.readInt32BE(position);
      position += 4;
      if (length < 0) {
        this.offsets[i] = -1;
        this.lengths[i] = 0;
        continue;
      }
      if (position + length > buffer.length) return -1;
      this.offsets[i] = position;
      this.lengths[i] = length;
      position += length;
    }
    return position;
  }
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
  date: (buffer: Buffer, offset: number) => buffer.readInt32BE(offset) + 10957,
};
