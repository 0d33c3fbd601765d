import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `stratum` command as a user runs it (the bin, through tsx), for CLI tests. */
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/cli/bin/stratum.js');

export interface StratumProcess {
  readonly child: ChildProcess;
  /** What it printed so far: stdout and stderr apart, and both in the order they came. */
  stdout(): string;
  stderr(): string;
  output(): string;
  /** Settles when the process exits (registered at start, so an early exit is not missed). */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `stratum …args` on `databaseUrl`, timezone UTC, with `env` added to this process's. */
export function startStratum(
  databaseUrl: string,
  args: string[],
  env: Record<string, string> = {},
): StratumProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, STRATUM_TIMEZONE: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  const exit = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { child, stdout: () => stdout, stderr: () => stderr, output: () => output, exit };
}

/** Runs `stratum …args` to its end (see startStratum). */
export async function runStratum(
  databaseUrl: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string; output: string }> {
  const run = startStratum(databaseUrl, args, env);
  const { code } = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr(), output: run.output() };
}
