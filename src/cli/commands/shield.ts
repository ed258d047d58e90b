import type { Command } from 'commander';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { liftClientBlock } from '../../shield/blocks/liftClientBlock.js';
import { liftTarget } from '../../shield/blocks/liftTarget.js';
import { listClientBlocks } from '../../shield/blocks/listClientBlocks.js';
import { openRuntime } from '../openRuntime.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';

/** `gatehouse shield list` and `gatehouse shield lift <ip>`: the blocks of abusive clients. */
export function shieldCommand(program: Command): void {
  const shield = program.command('shield').description('blocks of abusive clients');
  shield
    .command('list')
    .description('list the blocks in force')
    .option('--json', 'print JSON')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (options: { json?: boolean; data?: string }) => {
      const runtime = await openRuntime(options.data);
      try {
        const blocks = await listClientBlocks(runtime);
        if (options.json) process.stdout.write(JSON.stringify({ blocks }, null, 2) + '\n');
        else if (blocks.length === 0) process.stdout.write('no blocks in force\n');
        else for (const block of blocks) process.stdout.write(`${block.ip}\tuntil ${block.blockedUntil}\tstrike ${block.strikes}\t${block.reason}\n`);
      } finally {
        await closeRuntime(runtime);
      }
    });
  shield
    .command('lift <ip>')
    .description('lift the block of a client address (an IPv6 address lifts its prefix), or of a key as listed')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (ip: string, options: { data?: string }) => {
      if (!liftTarget.safeParse(ip).success) throw new GatehouseError('VALIDATION_ERROR', `${ip} is not an IP address or IPv6 prefix`);
      const runtime = await openRuntime(options.data);
      try {
        const lifted = await liftClientBlock(runtime, ip, operatorTransact(runtime.db, runtime.clock, 'LiftClientBlock', { ip }));
        process.stdout.write(`lifted the block${lifted.keys.length > 1 ? 's' : ''} of ${lifted.keys.join(' and ')}\n`);
      } finally {
        await closeRuntime(runtime);
      }
    });
}
