// `keruen user create|list`, `keruen token create|list|revoke`: accounts from the command line, which
// works on the database directly (whoever runs it holds the data folder or the database's credentials).
import type { Command } from 'commander';
import { cliActor, parseFormat, printJson, printTable, withContext } from '../cli/index.js';
import { ValidationError } from '../errors.js';
import { ROLES, type Role } from './model.js';
import { AuthRepository } from './repository.js';
import { createToken, createUser, listUsers, revokeToken, updateUser } from './service.js';

function role(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value))
    throw new ValidationError(`--role must be one of ${ROLES.join(', ')}`, [
      { field: '--role', value, reason: 'not a role' },
    ]);
  return value as Role;
}

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export function registerAuthCommands(program: Command): void {
  const user = program.command('user').description('accounts of people who may change data');
  user
    .command('create')
    .description('create a user (the first one with --admin)')
    .argument('<name>', 'sign-in name: letters, digits, dots, dashes')
    .option('--admin', 'an administrator (same as --role admin)')
    .option('--role <role>', `${ROLES.join(', ')}`, 'viewer')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--format <format>', 'json or table', 'table')
    .action(
      async (
        name: string,
        options: { admin?: boolean; role: string; passwordStdin?: boolean; format: string },
      ) => {
        const format = parseFormat(options.format);
        const password = options.passwordStdin ? await readStdinLine() : undefined;
        const created = await withContext('user create', (ctx) =>
          createUser(
            ctx.db,
            { name, password, role: options.admin ? 'admin' : role(options.role) },
            cliActor(),
          ),
        );
        if (format === 'json') return printJson(created);
        process.stdout.write(
          `created ${created.name} (${created.role})${password ? '' : '; it has no password: sign in with tokens (keruen token create), or give it one with keruen user update NAME --password-stdin'}\n`,
        );
      },
    );
  user
    .command('update')
    .description(
      "change a user's role, password, or whether they may sign in (a disabled user's sessions and tokens stop working)",
    )
    .argument('<name>', 'sign-in name')
    .option('--role <role>', `${ROLES.join(', ')}`)
    .option('--disable', 'the user may no longer sign in or use tokens')
    .option('--enable', 'the user may sign in again')
    .option('--password-stdin', 'read a new password from the first line of standard input')
    .option('--format <format>', 'json or table', 'table')
    .action(
      async (
        name: string,
        options: {
          role?: string;
          disable?: boolean;
          enable?: boolean;
          passwordStdin?: boolean;
          format: string;
        },
      ) => {
        const format = parseFormat(options.format);
        if (options.disable && options.enable)
          throw new ValidationError('give --disable or --enable, not both', [
            { field: '--disable', reason: 'contradicts --enable' },
          ]);
        const password = options.passwordStdin ? await readStdinLine() : undefined;
        const updated = await withContext('user update', (ctx) =>
          updateUser(
            ctx.db,
            name,
            {
              role: options.role === undefined ? undefined : role(options.role),
              disabled: options.disable ? true : options.enable ? false : undefined,
              password,
            },
            cliActor(),
          ),
        );
        if (format === 'json') return printJson(updated);
        process.stdout.write(
          `${updated.name}: ${updated.role}${updated.disabled_at ? `, disabled since ${updated.disabled_at}` : ''}${password ? ', password changed' : ''}\n`,
        );
      },
    );
  user
    .command('list')
    .description('list users')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format);
      const users = await withContext('user list', (ctx) => listUsers(ctx.db));
      if (format === 'json') return printJson(users);
      printTable(users as unknown as Record<string, unknown>[], [
        'id',
        'name',
        'role',
        'created_at',
        'disabled_at',
      ]);
    });

  const token = program.command('token').description('API tokens for scripts');
  token
    .command('create')
    .description('create a token (printed this once; only its hash is kept)')
    .option('--user <name>', 'whose token (default: the only administrator)')
    .option('--role <role>', `what it may do: ${ROLES.join(', ')}`, 'editor')
    .option('--name <name>', 'what it is for', 'api')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { user?: string; role: string; name: string; format: string }) => {
      const format = parseFormat(options.format);
      const created = await withContext('token create', async (ctx) => {
        let userName = options.user;
        if (!userName) {
          const admins = (await new AuthRepository(ctx.db).users()).filter(
            (u) => u.role === 'admin' && !u.disabled_at,
          );
          if (admins.length !== 1)
            throw new ValidationError('name the token’s user with --user', [
              {
                field: '--user',
                reason:
                  admins.length === 0
                    ? 'there is no administrator: keruen user create NAME --admin'
                    : 'there are several administrators',
              },
            ]);
          userName = admins[0]!.name;
        }
        return createToken(ctx.db, { userName, role: role(options.role), name: options.name }, cliActor());
      });
      if (format === 'json')
        return printJson({ token: created.token, id: created.id, user: created.user, role: created.role });
      process.stdout.write(
        `${created.token}\n(token ${created.id} of ${created.user}, ${created.role}; it is shown only this once)\n`,
      );
    });
  token
    .command('list')
    .description('list tokens (without their secret)')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format);
      const tokens = await withContext('token list', (ctx) => new AuthRepository(ctx.db).tokens());
      if (format === 'json') return printJson(tokens);
      printTable(tokens as unknown as Record<string, unknown>[], [
        'id',
        'user_name',
        'name',
        'prefix',
        'role',
        'last_used_at',
        'revoked_at',
      ]);
    });
  token
    .command('revoke')
    .description('revoke a token')
    .argument('<id>', 'its id (keruen token list)')
    .action(async (id: string) => {
      if (!/^\d+$/.test(id))
        throw new ValidationError('the token id is a number', [
          { field: 'id', value: id, reason: 'not a number' },
        ]);
      await withContext('token revoke', (ctx) =>
        revokeToken(ctx.db, Number(id), { userId: 0, name: cliActor(), role: 'admin', via: 'token' }),
      );
      process.stdout.write(`revoked token ${id}\n`);
    });
}
