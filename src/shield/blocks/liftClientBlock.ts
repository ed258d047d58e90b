import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { liftBlock } from '../../store/repositories/shieldBlocks.js';

/** Lifts the block of `ip` (an administrator's call, recorded by `transact`); NOT_FOUND when none is in force. */
export async function liftClientBlock(runtime: Runtime, ip: string, transact: Transact): Promise<{ ip: string; lifted: true }> {
  const lifted = await transact(async (trx) => {
    if (!(await liftBlock(trx, ip, isoAt(runtime.clock())))) throw new GatehouseError('NOT_FOUND', 'No block is in force for this address');
    return { ip, lifted: true as const };
  });
  // This instance at once; the others (and a server when the CLI lifts) at their next refresh.
  runtime.shield.blocked.remove(ip);
  return lifted;
}
