import type { Command } from 'commander';
import { verifyConfirmation } from '../../mfa/webauthn/confirmation/verifyConfirmation.js';
import { openRuntime } from '../openRuntime.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';

/** `gatehouse confirmation verify <id>`: re-checks a signed confirmation; exit 0 when it holds, 1 otherwise. */
export function confirmationVerifyCommand(confirmation: Command): void {
  confirmation
    .command('verify <id>')
    .description('re-check a security-key confirmation of an action against the stored public key and the audit trail')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (id: string, options: { data?: string }) => {
      const runtime = await openRuntime(options.data);
      try {
        const check = await verifyConfirmation(runtime, id);
        process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
        if (!check.valid) process.exitCode = 1;
      } finally {
        await closeRuntime(runtime);
      }
    });
}
