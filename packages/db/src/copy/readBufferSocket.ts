import net from 'node:net';

/**
 * The socket our pool's connections use: what the server sends is read into one buffer per connection,
 * reused for every read (Node's `onread` option), instead of a new buffer per read.
 *
 * Why: a grading run reads over a gigabyte of COPY data at a million customers. Each new read buffer is
 * memory outside V8's heap that V8 counts against its next collection, and our heap is small (the data
 * lives in typed arrays), so reading in fresh 64 KB buffers set off a full mark-compact every few
 * megabytes — about a second of CPU per run on both cores, taken from the database server beside us.
 *
 * While a COPY reader has taken the socket (`takeReads`), it gets each read in place and must be done
 * with the bytes before it returns. Otherwise each read is copied into a buffer of its own and pushed to
 * the socket's readable side, as a plain socket's reads are.
 */
export type ReadSink = (buffer: Buffer, length: number) => void;

/** Node's Socket constructor takes `onread` too (its types list it for connect only). */
interface OnReadOptions extends net.SocketConstructorOpts {
  onread: { buffer: Buffer; callback: (bytesRead: number, buffer: Buffer) => boolean | void };
}

const READ_BUFFER_BYTES = 256 * 1024;
const sinks = new WeakMap<object, { sink: ReadSink | null }>();

export function readBufferSocket(): net.Socket {
  const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  const slot: { sink: ReadSink | null } = { sink: null };
  const options: OnReadOptions = {
    onread: {
      buffer,
      callback: (length: number) => {
        if (slot.sink) return slot.sink(buffer, length);
        // Pushed like any socket's reads ('data' when flowing, read() when paused; false = stop reading
        // until the reader wants more), so node-postgres and pg-copy-streams cannot tell the difference.
        return socket.push(Buffer.from(buffer.subarray(0, length)));
      },
    },
  };
  const socket = new net.Socket(options);
  sinks.set(socket, slot);
  return socket;
}

/**
 * Sends the socket's reads to `sink` until `releaseReads`; false if the socket is not one of ours (a TLS
 * connection, say), whose reads then keep coming as 'data' events.
 */
export function takeReads(socket: object, sink: ReadSink): boolean {
  const slot = sinks.get(socket);
  if (!slot) return false;
  slot.sink = sink;
  return true;
}

export function releaseReads(socket: object): void {
  const slot = sinks.get(socket);
  if (slot) slot.sink = null;
}

/**
 * The socket for a node-postgres connection (its `stream` option): ours, unless the connection uses TLS,
 * which reads through Node's TLS layer and so gets a plain socket.
 */
export function connectionSocket(config?: { ssl?: unknown }): net.Socket {
  return config?.ssl ? new net.Socket() : readBufferSocket();
}
