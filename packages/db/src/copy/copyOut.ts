import type pg from 'pg';
import { COPY_DATA, COPY_DONE, copiedRows } from './copyProtocol.js';
import { releaseReads, takeReads } from './readBufferSocket.js';

/**
 * `COPY … TO STDOUT` read straight off the connection's socket: the payload of each CopyData message is
 * handed on as a range of the bytes just read (`onData(chunk, view, start, end)`), with no copy and no
 * buffer object per message; on our pool's sockets those bytes are the socket's one reused read buffer
 * (readBufferSocket), so `onData` must be done with them when it returns. pg-copy-streams slices every
 * message and joins them again, which at a million rows (one message each) cost more than decoding them.
 * The connection is taken over for the COPY (its reads, or else its one 'data' listener, set aside) and
 * handed back at CopyDone or at an error, whose message node-postgres then reads and reports as usual.
 *
 * Resolves with the row count once the server is ready for the next query. If `onData` throws, the rest of
 * the stream is drained (the connection stays usable) and the promise rejects with that error.
 */
export type CopyDataHandler = (chunk: Buffer, view: DataView, start: number, end: number) => void;

/** Messages that may arrive during copy-out and are skipped (the rest end it: see handOver). */
const SKIPPED = new Set([0x48 /* H CopyOutResponse */, 0x4e /* N */, 0x41 /* A */, 0x53 /* S */]);

export function copyOut(
  client: pg.PoolClient | pg.Client,
  sql: string,
  onData: CopyDataHandler,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    void client.query(new CopyOut(sql, onData, resolve, reject));
  });
}

class CopyOut implements pg.Submittable {
  private stream: NodeJS.ReadableStream | null = null;
  private pgData: ((chunk: Buffer) => void) | null = null;
  /** A message header (code + length) cut by the end of a chunk. */
  private header = Buffer.alloc(5);
  private headerBytes = 0;
  private code = 0;
  /** Bytes of the current message still to come. */
  private remaining = 0;
  private rows = 0;
  private failure: unknown = null;
  private settled = false;
  /** Reads come straight from the socket's reused buffer (see submit). */
  private direct = false;
  private readonly listener = (chunk: Buffer) => this.onSocketData(chunk, chunk.length);

  constructor(
    private readonly sql: string,
    private readonly onData: CopyDataHandler,
    private readonly resolve: (rows: number) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  submit(connection: pg.Connection): void {
    const stream = connection.stream;
    const listeners = stream.listeners('data') as ((chunk: Buffer) => void)[];
    if (listeners.length !== 1) throw new Error('COPY: the connection is not in the expected state');
    this.stream = stream;
    this.pgData = listeners[0]!;
    // Our pool's sockets hand us their reads in place (readBufferSocket); any other stream, its 'data'.
    this.direct = takeReads(stream, (buffer, length) => this.onSocketData(buffer, length));
    if (!this.direct) {
      stream.removeListener('data', this.pgData);
      stream.on('data', this.listener);
    }
    connection.query(this.sql);
  }

  // node-postgres calls these once the connection is its own again.
  handleCommandComplete(message: { text?: string }): void {
    this.rows = copiedRows(message);
  }

  handleReadyForQuery(): void {
    this.settle();
  }

  handleError(error: unknown): void {
    this.failure ??= error;
    this.settle();
  }

  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.failure) this.reject(this.failure);
    else this.resolve(this.rows);
  }

  /** `chunk[0, length)` arrived; nothing of it may be kept (a reused buffer), only copied. */
  private onSocketData(chunk: Buffer, length: number): void {
    const view = new DataView(chunk.buffer, chunk.byteOffset, length);
    let p = 0;
    while (p < length) {
      if (this.remaining === 0) {
        // A new message: its 5-byte header, possibly split across chunks.
        if (this.headerBytes > 0 || length - p < 5) {
          const take = Math.min(5 - this.headerBytes, length - p);
          chunk.copy(this.header, this.headerBytes, p, p + take);
          this.headerBytes += take;
          p += take;
          if (this.headerBytes < 5) return;
          this.headerBytes = 0;
          this.code = this.header[0]!;
          this.remaining = this.header.readInt32BE(1) - 4;
          if (this.endsCopy()) return this.handOver(Buffer.concat([this.header, chunk.subarray(p, length)]));
        } else {
          this.code = chunk[p]!;
          this.remaining = view.getInt32(p + 1) - 4;
          if (this.endsCopy()) return this.handOver(chunk.subarray(p, length));
          p += 5;
        }
        if (this.code === COPY_DONE && this.remaining === 0) return this.handOver(chunk.subarray(p, length));
        continue;
      }
      const end = Math.min(length, p + this.remaining);
      if (this.code === COPY_DATA && this.failure === null) {
        try {
          this.onData(chunk, view, p, end);
        } catch (error) {
          this.failure = error; // drain the rest; reported at ReadyForQuery
        }
      }
      this.remaining -= end - p;
      p = end;
    }
  }

  /** Any message but CopyData, CopyDone and the asynchronous ones ends copy-out (an error, typically). */
  private endsCopy(): boolean {
    return this.code !== COPY_DATA && this.code !== COPY_DONE && !SKIPPED.has(this.code);
  }

  /** Gives the connection back to node-postgres with the bytes that follow the COPY's own messages. */
  private handOver(rest: Buffer): void {
    const stream = this.stream!;
    if (this.direct) {
      releaseReads(stream);
      // node-postgres may keep what it is given: not the socket's reused buffer.
      if (rest.length > 0) this.pgData!(Buffer.from(rest));
      return;
    }
    stream.removeListener('data', this.listener);
    stream.on('data', this.pgData!);
    if (rest.length > 0) this.pgData!(rest);
  }
}
