import { openDatabase, type Database } from '@stratum/db';
import { loadConfig, type Config } from '@stratum/server';

/** Options every command accepts (DESIGN §9): the embedded data directory or DATABASE_URL. */
export interface CommonOptions {
  dataDir?: string;
  json?: boolean;
}

export interface Runtime {
  config: Config;
  database: Database;
}

/** A failure the user caused or can fix: printed as one readable message, exit code `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Progress and notes go to stderr; stdout is kept for results (`--json`). */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function configFrom(
  options: CommonOptions,
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Config {
  return loadConfig(process.env, { dataDir: options.dataDir, ...overrides });
}

/**
 * Opens the database for a command, runs it, and always closes (stopping an embedded server this process
 * started). SIGINT/SIGTERM during the command close the database before exiting, so Ctrl-C never leaves
 * a server running or a lock behind.
 */
export async function withRuntime<T>(
  options: CommonOptions,
  run: (runtime: Runtime) => Promise<T>,
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Promise<T> {
  const config = configFrom(options, overrides);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, log: note });
  const onSignal = (signal: NodeJS.Signals) => {
    note(`\nReceived ${signal}, stopping …`);
    void database.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await run({ config, database });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
