import type { Command } from 'commander';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { createConfirmedUser } from '../../identity/admin/createConfirmedUser.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';
import { openRuntime } from '../openRuntime.js';
import { readStdin } from '../readStdin.js';

/** `gatehouse user add <email> [--group <g>]… [--password-stdin]`: creates a confirmed user. */
export function userAddCommand(user: Command): void {
  user
    .command('add <email>')
    .description('create a confirmed user')
    .option('--group <group>', 'add the user to a group (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--password-stdin', 'read the password from standard input (otherwise the user sets one with "forgot password")')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (email: string, options: { group: string[]; passwordStdin?: boolean; data?: string }) => {
      const password = options.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
      const runtime = await openRuntime(options.data);
      try {
        const transact = operatorTransact(runtime.db, runtime.clock, 'AdminCreateUser', { email, groups: options.group });
        const created = await createConfirmedUser(runtime, { email, password, groups: options.group }, transact);
        process.stdout.write(`created user ${created.email} (${created.id})${created.groups.length ? ` in ${created.groups.join(', ')}` : ''}\n`);
        if (password === undefined) process.stdout.write('no password set: the user sets one with "forgot password"\n');
      } finally {
        await closeRuntime(runtime);
      }
    });
}
