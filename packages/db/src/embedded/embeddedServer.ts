import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import pg from 'pg';
import { postgresBinaries } from './binaries.js';
import { postgresOsUser, type RunAs } from './osUser.js';

/**
 * The zero-setup database: a real PostgreSQL server whose cluster lives in `<dataDir>/pg`.
 *
 * One server per data directory, whatever the number of Stratum processes:
 * - start and stop run under a file lock (`<dataDir>/.lock`), so two processes never race;
 * - a process that finds the server already running reuses it (it is a "guest" and leaves it running);
 * - the process that started it (the "owner") stops it on close; if the owner died without stopping it
 *   (kill -9), the next process adopts the running server and becomes its owner.
 * PostgreSQL's own postmaster.pid check stays as the last line of defence.
 */
export interface EmbeddedServer {
  /** Connection string of the `stratum` database (or the one asked for). */
  readonly url: string;
  /** URL of the maintenance database, for creating and dropping databases. */
  readonly adminUrl: string;
  readonly port: number;
  readonly owner: boolean;
  /** Stops the server if this process owns it; a guest just lets go. Safe to call twice. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  log?: (message: string) => void;
}

interface State {
  password: string;
  port?: number;
  ownerPid?: number | null;
}

const SUPERUSER = 'postgres';
const READY_TIMEOUT_MS = 60_000;

export async function startEmbeddedServer(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'stratum';
  await fsp.mkdir(dataDir, { recursive: true });
  const pgData = path.join(dataDir, 'pg');
  const statePath = path.join(dataDir, 'embedded.json');

  const release = await lockDataDir(dataDir);
  let owner: boolean;
  let state: State;
  let port: number;
  try {
    state = (await readState(statePath)) ?? { password: crypto.randomBytes(18).toString('base64url') };
    const runAs = await postgresOsUser();
    if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
      log(`Initialising the embedded PostgreSQL cluster in ${pgData} …`);
      await initialise(pgData, state.password, runAs);
    }
    const running = runningServer(pgData);
    if (running) {
      port = running.port;
      owner = !isAlive(state.ownerPid);
      log(
        owner
          ? `Adopting the embedded PostgreSQL left running on port ${port} (its owner is gone).`
          : `Reusing the embedded PostgreSQL on port ${port} started by process ${state.ownerPid}.`,
      );
    } else {
      port = await choosePort(state.port);
      log(`Starting the embedded PostgreSQL on port ${port} …`);
      await startServer(pgData, port, dataDir, runAs, state.password);
      owner = true;
    }
    state = { ...state, port, ownerPid: owner ? process.pid : state.ownerPid };
    await writeState(statePath, state);
  } finally {
    await release();
  }

  const base = `postgres://${SUPERUSER}:${encodeURIComponent(state.password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${base}/postgres`, database);
  let stopped = false;
  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    port,
    owner,
    async stop() {
      if (stopped || !owner) return;
      stopped = true;
      const unlock = await lockDataDir(dataDir);
      try {
        await stopServer(pgData);
        const current = await readState(statePath);
        if (current) await writeState(statePath, { ...current, ownerPid: null });
      } finally {
        await unlock();
      }
    },
  };
}

async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, '.lock'),
      stale: 15_000,
      retries: { retries: 120, minTimeout: 100, maxTimeout: 1000 },
    });
  } catch (cause) {
    throw new Error(
      `Another Stratum process is starting or stopping the database in ${dataDir}; try again.`,
      {
        cause,
      },
    );
  }
}

async function readState(file: string): Promise<State | undefined> {
  try {
    return JSON.parse(await fsp.readFile(file, 'utf8')) as State;
  } catch {
    return undefined;
  }
}

async function writeState(file: string, state: State): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  await fsp.rename(tmp, file);
}

async function initialise(pgData: string, password: string, runAs: RunAs | undefined): Promise<void> {
  const { initdb } = await postgresBinaries();
  await fsp.mkdir(pgData, { recursive: true, mode: 0o700 });
  const pwFile = path.join(os.tmpdir(), `stratum-pw-${crypto.randomBytes(6).toString('hex')}`);
  await fsp.writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await fsp.chown(pgData, runAs.uid, runAs.gid);
    await fsp.chown(pwFile, runAs.uid, runAs.gid);
  }
  try {
    await runToEnd(
      initdb,
      [
        `--pgdata=${pgData}`,
        '--auth=scram-sha-256',
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--no-locale',
      ],
      runAs,
    );
  } catch (cause) {
    await fsp.rm(pgData, { recursive: true, force: true });
    const hint = runAs
      ? ` The server runs as the OS user "postgres", which must be able to reach ${pgData}` +
        ' (every parent directory needs the execute permission for others); choose --data-dir elsewhere if not.'
      : '';
    throw new Error(`Could not initialise the embedded PostgreSQL cluster.${hint}`, { cause });
  }
  await fsp.rm(pwFile, { force: true });
}

function runToEnd(command: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} exited with ${code}: ${output.trim()}`)),
    );
  });
}

/** The server recorded in postmaster.pid, if its process is alive. */
function runningServer(pgData: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  return { pid, port };
}

function isAlive(pid: number | null | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function choosePort(preferred: number | undefined): Promise<number> {
  if (preferred && (await portIsFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function startServer(
  pgData: string,
  port: number,
  dataDir: string,
  runAs: RunAs | undefined,
  password: string,
): Promise<void> {
  const { postgres } = await postgresBinaries();
  const logPath = path.join(dataDir, 'postgres.log');
  const logFd = fs.openSync(logPath, 'a');
  if (runAs) fs.fchownSync(logFd, runAs.uid, runAs.gid);
  // Detached in its own process group: Ctrl-C reaches Stratum, which then stops the server in order
  // (after the app has closed its connections) instead of PostgreSQL dying under open requests.
  const child = spawn(
    postgres,
    [
      '-D',
      pgData,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'work_mem=32MB',
      '-c',
      'maintenance_work_mem=256MB',
      '-c',
      'max_wal_size=4GB',
    ],
    { ...runAs, detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  child.unref();
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  for (;;) {
    if (exited) {
      throw new Error(`The embedded PostgreSQL ${exited}. Its log (${logPath}) ends with:\n${tail(logPath)}`);
    }
    if (await canConnect(url)) return;
    if (Date.now() > deadline) {
      throw new Error(`The embedded PostgreSQL did not accept connections within 60 s; see ${logPath}.`);
    }
    await sleep(100);
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function stopServer(pgData: string): Promise<void> {
  const running = runningServer(pgData);
  if (!running) return;
  // SIGINT = PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
  process.kill(running.pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(running.pid)) {
    if (Date.now() > deadline) {
      process.kill(running.pid, 'SIGQUIT');
      break;
    }
    await sleep(50);
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: unknown) => {
        // Another process created it between our check and our CREATE: 42P04 if its CREATE committed
        // first, 23505 (pg_database's unique index) if both were inserting the catalogue row at once.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
