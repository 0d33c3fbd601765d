import crypto from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionSocket, readBufferSocket, releaseReads, takeReads } from './readBufferSocket.js';

/** A local server that sends `payload` to whoever connects, then closes. */
async function serving(payload: Buffer): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((connection) => connection.end(payload));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

const PAYLOAD = crypto.randomBytes(3 * 1024 * 1024 + 17);
let close = () => {};
afterEach(() => close());

async function connected(): Promise<net.Socket> {
  const server = await serving(PAYLOAD);
  close = server.close;
  const socket = readBufferSocket();
  socket.connect(server.port, '127.0.0.1');
  return socket;
}

describe('readBufferSocket', () => {
  it("delivers every byte as 'data' in buffers of their own", async () => {
    const socket = await connected();
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await new Promise((resolve) => socket.on('end', resolve));
    expect(Buffer.concat(chunks).equals(PAYLOAD)).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.buffer)).size).toBeGreaterThan(1);
  });

  it('delivers every byte to a reader in paused mode (read() on readable; the socket stops when its buffer is full)', async () => {
    const socket = await connected();
    const chunks: Buffer[] = [];
    socket.on('readable', () => {
      for (let chunk = socket.read() as Buffer | null; chunk; chunk = socket.read() as Buffer | null)
        chunks.push(chunk);
    });
    await new Promise((resolve) => socket.on('end', resolve));
    expect(Buffer.concat(chunks).equals(PAYLOAD)).toBe(true);
  });

  it('hands the reads in place to whoever takes them, and the rest as data once released', async () => {
    const socket = await connected();
    const taken: Buffer[] = [];
    let reads = 0;
    expect(
      takeReads(socket, (buffer, length) => {
        taken.push(Buffer.from(buffer.subarray(0, length)));
        if (++reads === 3) releaseReads(socket);
      }),
    ).toBe(true);
    socket.on('data', (chunk: Buffer) => taken.push(chunk));
    await new Promise((resolve) => socket.on('end', resolve));
    expect(reads).toBe(3);
    expect(Buffer.concat(taken).equals(PAYLOAD)).toBe(true);
    expect(takeReads(new net.Socket(), () => undefined)).toBe(false);
  });

  it('is what connections get, except TLS ones (their reads go through the TLS layer)', () => {
    expect(takeReads(connectionSocket({}), () => undefined)).toBe(true);
    expect(takeReads(connectionSocket(undefined), () => undefined)).toBe(true);
    expect(takeReads(connectionSocket({ ssl: { rejectUnauthorized: false } }), () => undefined)).toBe(false);
    expect(takeReads(connectionSocket({ ssl: true }), () => undefined)).toBe(false);
  });
});
