import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer } from './embeddedServer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stratum-embedded-'));
  fs.chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

interface ChildInfo {
  port: number;
  owner: boolean;
  pid: number;
}

function startChild(dataDir: string, mode: 'hold' | 'stop') {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'fixtures-startEmbedded.ts'), dataDir, mode],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const info = new Promise<ChildInfo>((resolve, reject) => {
    readline
      .createInterface({ input: child.stdout })
      .once('line', (line) => resolve(JSON.parse(line) as ChildInfo));
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, info, exited };
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

async function query(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ one: number }>('SELECT 1 AS one');
    return result.rows[0]!.one;
  } finally {
    await client.end();
  }
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('initialises, serves, is reused by a second process and stopped only by its owner', async () => {
    const dataDir = tempDataDir();
    const first = await startEmbeddedServer({ dataDir });
    expect(first.owner).toBe(true);
    expect(await query(first.url)).toBe(1);

    const second = await startEmbeddedServer({ dataDir });
    expect(second.owner).toBe(false);
    expect(second.port).toBe(first.port);
    await second.stop();
    expect(await query(first.url)).toBe(1);

    await first.stop();
    expect(postmasterPid(dataDir)).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, '.lock'))).toBe(false);

    // Restart on the same directory keeps the data and the credentials.
    const again = await startEmbeddedServer({ dataDir });
    expect(again.owner).toBe(true);
    expect(await query(again.url)).toBe(1);
    await again.stop();
  });

  it('runs one server when two processes start at the same moment', async () => {
    const dataDir = tempDataDir();
    const a = startChild(dataDir, 'hold');
    const b = startChild(dataDir, 'hold');
    const [infoA, infoB] = await Promise.all([a.info, b.info]);
    expect(infoA.port).toBe(infoB.port);
    expect([infoA.owner, infoB.owner].sort()).toEqual([false, true]);
    const ownerChild = infoA.owner ? a : b;
    const guestChild = infoA.owner ? b : a;
    guestChild.child.kill('SIGTERM');
    await guestChild.exited;
    expect(postmasterPid(dataDir)).toBeGreaterThan(0);
    ownerChild.child.kill('SIGTERM');
    await ownerChild.exited;
    expect(postmasterPid(dataDir)).toBeUndefined();
  });

  it('adopts the server of an owner that was killed with SIGKILL, and stops it', async () => {
    const dataDir = tempDataDir();
    const victim = startChild(dataDir, 'hold');
    const info = await victim.info;
    victim.child.kill('SIGKILL');
    await victim.exited;
    const orphan = postmasterPid(dataDir);
    expect(orphan).toBeGreaterThan(0);

    const heir = await startEmbeddedServer({ dataDir });
    expect(heir.owner).toBe(true);
    expect(heir.port).toBe(info.port);
    await heir.stop();
    expect(postmasterPid(dataDir)).toBeUndefined();
  });
});
