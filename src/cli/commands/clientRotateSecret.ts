import type { Command } from 'commander';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { rotateClientSecret } from '../../tokens/clients/rotateClientSecret.js';
import { openRuntime } from '../openRuntime.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';

/** `gatehouse client rotate-secret <name>`: a new secret; the previous one keeps working until the next rotation. */
export function clientRotateSecretCommand(client: Command): void {
  client
    .command('rotate-secret <name>')
    .description('add a new secret (printed once); the previous one stays valid, any older one is revoked')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (name: string, options: { data?: string }) => {
      const runtime = await openRuntime(options.data);
      try {
        const rotated = await rotateClientSecret(runtime, name, operatorTransact(runtime.db, runtime.clock, 'RotateClientSecret', { name }));
        process.stdout.write(`client_id=${rotated.clientId}\nclient_secret=${rotated.clientSecret}\n`);
        process.stderr.write(`the secret is shown once; the previous secret stays valid until the next rotation${rotated.revoked ? ` (${rotated.revoked} older revoked)` : ''}\n`);
      } finally {
        await closeRuntime(runtime);
      }
    });
}
