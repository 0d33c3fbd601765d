import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import os from 'node:os';

const run = promisify(execFile);

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. When we are root, the server runs as the `postgres` OS user,
 * created on first use if the machine has none (as a container typically does not).
 * Returns undefined when we are not root: then the server runs as ourselves.
 */
export async function postgresOsUser(): Promise<RunAs | undefined> {
  if (os.userInfo().uid !== 0) return undefined;
  const found = await lookup();
  if (found) return found;
  try {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
  } catch (cause) {
    throw new Error(
      'Running as root, and could not create the `postgres` OS user the embedded database needs.',
      {
        cause,
      },
    );
  }
  const created = await lookup();
  if (!created) throw new Error('Created the `postgres` OS user but cannot read its uid.');
  return created;
}

async function lookup(): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}
