import type { Command } from 'commander';
import { ROLES, type Role } from '@stratum/db';
import { createUser, SYSTEM_ACTOR } from '@stratum/server';
import { CliError, printJson, withRuntime, type CommonOptions } from '../runtime.js';

interface UserCreateOptions extends CommonOptions {
  email: string;
  name?: string;
  admin?: boolean;
  role?: string;
  password?: string;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description('create a user who signs in with email and password (prints a generated password once)')
    .requiredOption('--email <email>', 'sign-in email')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--admin', 'make the user an admin (same as --role admin)')
    .option('--role <role>', `one of ${ROLES.join(', ')} (default account_manager)`)
    .option('--password <password>', 'initial password, 8–128 characters (default: generate one)')
    .option('--data-dir <dir>', 'embedded database directory (default ./data, or STRATUM_DATA_DIR)')
    .option('--json', 'print the created user (and generated password) as JSON on stdout')
    .action(async (options: UserCreateOptions) => {
      const role = roleFrom(options);
      const email = options.email.trim();
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new CliError(`--email: "${email}" is not an email address`);
      if (options.password !== undefined && (options.password.length < 8 || options.password.length > 128)) {
        throw new CliError('--password: must be 8 to 128 characters');
      }
      await withRuntime(options, async ({ database }) => {
        const { user: created, generatedPassword } = await createUser(database.db, SYSTEM_ACTOR, {
          email,
          name: options.name,
          role,
          password: options.password,
        });
        if (options.json) {
          printJson({
            id: created.id,
            email: created.email,
            name: created.name,
            role: created.role,
            password: generatedPassword,
          });
          return;
        }
        process.stdout.write(`Created ${created.role} ${created.email} (id ${created.id})\n`);
        if (generatedPassword) {
          process.stdout.write(`Password (shown only now, keep it safe): ${generatedPassword}\n`);
        }
      });
    });
}

function roleFrom(options: UserCreateOptions): Role {
  if (options.admin && options.role && options.role !== 'admin') {
    throw new CliError('use either --admin or --role, not both');
  }
  if (options.admin) return 'admin';
  if (options.role === undefined) return 'account_manager';
  const role = ROLES.find((r) => r === options.role);
  if (!role) throw new CliError(`--role: "${options.role}" is not one of ${ROLES.join(', ')}`);
  return role;
}
