import type { Command } from 'commander';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { defaultRootEmail, initRoot } from '../../identity/admin/initRoot.js';
import { openRuntime } from '../openRuntime.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';

/** `gatehouse root init [--email <e>]`: creates the root account and prints its one-time setup code. */
export function rootInitCommand(root: Command): void {
  root
    .command('init')
    .description('create the one root account; prints a one-time setup code (root has no password until it is used)')
    .option('--email <email>', 'the address root signs in with', defaultRootEmail)
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (options: { email: string; data?: string }) => {
      const runtime = await openRuntime(options.data);
      try {
        const transact = operatorTransact(runtime.db, runtime.clock, 'InitRoot', { email: options.email });
        const root = await initRoot(runtime, { email: options.email }, transact);
        process.stdout.write(
          [
            `created root ${root.email} (${root.id})`,
            `setup code: ${root.setupCode} (single use, until ${root.expiresAt})`,
            'next: POST /auth/password/reset {"email","code","password"} with that code to choose the password,',
            'then sign in: the answer is MFA_SETUP_REQUIRED with a setupToken to enrol a second factor.',
            '',
          ].join('\n'),
        );
      } finally {
        await closeRuntime(runtime);
      }
    });
}
