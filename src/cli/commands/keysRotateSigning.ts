import type { Command } from 'commander';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { rotateSigningKey } from '../../tokens/signingKeys.js';
import { ACCESS_TOKEN_SECONDS } from '../../tokens/tokenRules.js';
import { openRuntime } from '../openRuntime.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';

/**
 * `gatehouse keys rotate-signing`: a new Ed25519 signing key that signs every token from now
 * on (running instances follow at their next issuance); the previous key stays in the JWKS
 * until every token it signed has expired.
 */
export function keysRotateSigningCommand(keys: Command): void {
  keys
    .command('rotate-signing')
    .description('add a new token-signing key and sign with it; the old one stays published until its tokens expire')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (options: { data?: string }) => {
      const runtime = await openRuntime(options.data);
      try {
        const kid = await rotateSigningKey(runtime.keyring, runtime.clock, operatorTransact(runtime.db, runtime.clock, 'RotateSigningKey', {}));
        process.stdout.write(`signing key ${kid} now signs; the previous key stays in the JWKS for ${ACCESS_TOKEN_SECONDS / 60} more minutes\n`);
      } finally {
        await closeRuntime(runtime);
      }
    });
}
