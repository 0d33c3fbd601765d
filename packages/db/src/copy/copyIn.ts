import type pg from 'pg';
import { COPY_DATA, COPY_DONE, copiedRows } from './copyProtocol.js';

/**
 * `COPY … FROM STDIN` written straight to the connection's socket from a few reused buffers. The producer
 * fills a buffer with CopyData messages' payload after 5 free bytes, hands it to `send(buffer, length)`
 * (which writes the message header there) and gets back a buffer to fill next: one the socket has finished
 * writing, or undefined (allocate one) while fewer than MAX_IN_FLIGHT are out. At most that many are ever
 * in flight, so the database's pace sets ours.
 *
 * pg-copy-streams needs a new buffer per chunk (the stream may hold on to it), and at a million grade rows
 * those few hundred megabytes of fresh memory outside V8's heap were what set off most of the write's
 * garbage collections (see readBufferSocket for why that is costly).
 *
 * Resolves with the row count once the server has the data. If the producer throws, the COPY is abandoned
 * (CopyFail: nothing is written) and the promise rejects with the producer's error; if the server fails
 * it, further `send`s throw and the promise rejects with the server's error. Either way the connection
 * stays usable.
 */
export type SendMessage = (buffer: Buffer, length: number) => Promise<Buffer | undefined>;

/** Bytes before each message's payload: its type and length. */
export const COPY_MESSAGE_HEADER = 5;
const COPY_DONE_MESSAGE = Buffer.from([COPY_DONE, 0, 0, 0, 4]); // no payload: length 4
const MAX_IN_FLIGHT = 3;

export function copyIn(
  client: pg.PoolClient | pg.Client,
  sql: string,
  produce: (send: SendMessage) => Promise<void>,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    void client.query(new CopyIn(sql, produce, resolve, reject));
  });
}

interface CopyConnection {
  stream: NodeJS.WritableStream;
  query(text: string): void;
  sendCopyFail(message: string): void;
}

class CopyIn implements pg.Submittable {
  private connection: CopyConnection | null = null;
  private rows = 0;
  private failure: unknown = null;
  private producing = false;
  private serverDone = false;
  private settled = false;
  private inFlight = 0;
  private readonly spare: Buffer[] = [];
  private wake: (() => void) | null = null;

  constructor(
    private readonly sql: string,
    private readonly produce: (send: SendMessage) => Promise<void>,
    private readonly resolve: (rows: number) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  submit(connection: pg.Connection): void {
    this.connection = connection as unknown as CopyConnection;
    this.connection.query(this.sql);
  }

  // node-postgres calls these as the server answers.
  handleCopyInResponse(): void {
    this.producing = true;
    void this.run();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rows = copiedRows(message);
  }

  handleReadyForQuery(): void {
    this.serverDone = true;
    this.settle();
  }

  handleError(error: unknown): void {
    this.failure ??= error;
    this.serverDone = true;
    this.wake?.();
    this.settle();
  }

  private async run(): Promise<void> {
    const connection = this.connection!;
    try {
      await this.produce((buffer, length) => this.send(buffer, length));
      if (this.failure === null) connection.stream.write(COPY_DONE_MESSAGE);
    } catch (error) {
      if (this.failure === null) {
        this.failure = error;
        connection.sendCopyFail(error instanceof Error ? error.message : String(error));
      }
    }
    this.producing = false;
    this.settle();
  }

  private async send(buffer: Buffer, length: number): Promise<Buffer | undefined> {
    // The server failed the COPY: stop the producer (run reports the server's error, not this one).
    if (this.failure !== null) throw new Error('COPY failed');
    buffer[0] = COPY_DATA;
    buffer.writeInt32BE(length - 1, 1);
    this.inFlight++;
    this.connection!.stream.write(buffer.subarray(0, length), () => {
      this.inFlight--;
      this.spare.push(buffer);
      this.wake?.();
    });
    while (this.inFlight >= MAX_IN_FLIGHT && this.failure === null) {
      await new Promise<void>((wake) => (this.wake = wake));
      this.wake = null;
    }
    return this.spare.pop();
  }

  private settle(): void {
    if (this.settled || this.producing || !this.serverDone) return;
    this.settled = true;
    if (this.failure !== null) this.reject(this.failure);
    else this.resolve(this.rows);
  }
}
