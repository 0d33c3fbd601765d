import type { Command } from 'commander';
import { openDatabase } from '@stratum/db';
import {
  ensureFirstAdmin,
  gradeInProcess,
  loadDemoIfEmpty,
  startServer,
  SYSTEM_ACTOR,
  type RunningServer,
} from '@stratum/server';
import { CliError, configFrom, note, type CommonOptions } from '../runtime.js';

interface ServeOptions extends CommonOptions {
  port?: string;
  host?: string;
  demoIfEmpty?: boolean;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the web app and API (with the embedded database unless DATABASE_URL is set)')
    .option('--port <port>', 'HTTP port (default 3000, or PORT)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1, or HOST)')
    .option('--data-dir <dir>', 'embedded database directory (default ./data, or STRATUM_DATA_DIR)')
    .option('--demo-if-empty', 'load the demo book (5,000 customers) when the database has no customers')
    .action(async (options: ServeOptions) => {
      const config = configFrom(options, { port: options.port, host: options.host });
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, log: note });
      let server: RunningServer | undefined;
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        note(`\n${signal}: stopping Stratum …`);
        await server?.close().catch((error: unknown) => note(`while stopping the server: ${String(error)}`));
        await database.close();
        note('Stopped.');
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
      try {
        const admin = await ensureFirstAdmin(database.db, SYSTEM_ACTOR);
        if (admin) {
          note(`\nFirst start: created the administrator ${admin.email}`);
          note(`  password (shown once, change it after signing in): ${admin.password}\n`);
        }
        if (options.demoIfEmpty) {
          const demo = await loadDemoIfEmpty(database, { customers: 5000, timeZone: config.orgTimezone });
          if (demo.loaded) {
            note(
              `Loaded the demo book: ${demo.rows.customers.toLocaleString('en-US')} customers, ` +
                `${demo.rows.orders.toLocaleString('en-US')} orders (${demo.seconds.toFixed(1)} s).`,
            );
            // Grade it right away, so the first screen already shows tiers, churn warnings and CLV.
            for (const outcome of await gradeInProcess({ database, timezone: config.orgTimezone })) {
              note(`Graded ${outcome.customers.toLocaleString('en-US')} customers (run ${outcome.runId}).`);
            }
          }
        }
        server = await startServer({ config, database, log: note });
        note(`Stratum is running at ${server.url}  (API docs: ${server.url}/api/docs; Ctrl-C stops it)`);
      } catch (error) {
        await server?.close().catch(() => undefined);
        await database.close();
        throw error instanceof Error ? new CliError(error.message) : error;
      }
    });
}
