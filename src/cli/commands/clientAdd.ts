import type { Command } from 'commander';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { createClient } from '../../tokens/clients/createClient.js';
import { openRuntime } from '../openRuntime.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';

/** `gatehouse client add <name>`: a machine client; its id and secret are printed once. */
export function clientAddCommand(client: Command): void {
  client
    .command('add <name>')
    .description('create a machine client (principal Client::"<name>"); prints its id and secret once')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (name: string, options: { data?: string }) => {
      const runtime = await openRuntime(options.data);
      try {
        const created = await createClient(runtime, name, operatorTransact(runtime.db, runtime.clock, 'CreateClient', { name }));
        process.stdout.write(`client_id=${created.clientId}\nclient_secret=${created.clientSecret}\n`);
        process.stderr.write(`the secret is shown once; Cedar policies on Client::"${created.name}" say what it may do\n`);
      } finally {
        await closeRuntime(runtime);
      }
    });
}
