import type { Command } from 'commander';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { addToGroup } from '../../identity/admin/addToGroup.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';
import { openRuntime } from '../openRuntime.js';

/** `gatehouse group add <group> <email>`: adds a user to a group. */
export function groupAddCommand(group: Command): void {
  group
    .command('add <group> <email>')
    .description('add a user to a group (teachers, students, admins, auditors)')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (groupName: string, email: string, options: { data?: string }) => {
      const runtime = await openRuntime(options.data);
      try {
        const transact = operatorTransact(runtime.db, runtime.clock, 'AdminAddUserToGroup', { group: groupName, email });
        const result = await addToGroup(runtime, { group: groupName, email }, transact);
        process.stdout.write(`${email} is in ${result.groups.join(', ')}\n`);
      } finally {
        await closeRuntime(runtime);
      }
    });
}
