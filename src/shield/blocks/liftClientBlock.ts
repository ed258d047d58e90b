import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { liftBlocks } from '../../store/repositories/shieldBlocks.js';
import { addressKey } from '../addressKey.js';
import { clientBlockKeys } from './clientBlockKeys.js';

/**
 * Lifts the block of `target` (an administrator's call, recorded by `transact`): an address,
 * whose key's block is lifted (an IPv6 address lifts its prefix's), or a key as listed
 * (`2001:db8:1:2::/64`), validated by `liftTarget`. Answers every key lifted (`keys`: an address
 * may lift both its prefix's block and one kept under its bare address) and, as before, the first
 * as `ip`; NOT_FOUND when no block is in force.
 */
export async function liftClientBlock(runtime: Runtime, target: string, transact: Transact): Promise<{ ip: string; lifted: true; keys: string[] }> {
  const candidates = blockKeys(target, runtime.config.shield.ipv6Prefix);
  const { keys: lifted } = await transact(async (trx) => {
    const liftedNow = await liftBlocks(trx, candidates, isoAt(runtime.clock()));
    // In the candidates' order, whatever order the database answered in: the prefix's key first.
    const keys = candidates.filter((key) => liftedNow.includes(key));
    if (keys.length === 0) throw new GatehouseError('NOT_FOUND', 'No block is in force for this address');
    // The event's responseElements: every key lifted.
    return { keys };
  });
  // This instance at once; the others (and a server when the CLI lifts) at their next refresh.
  for (const key of lifted) runtime.shield.blocked.remove(key);
  return { ip: lifted[0]!, lifted: true, keys: lifted };
}

/** The keys a block of `target` can be kept under. */
function blockKeys(target: string, ipv6Prefix: number): string[] {
  const [address = '', length] = target.split('/');
  return length === undefined ? clientBlockKeys(target, ipv6Prefix) : [addressKey(address, Number(length))];
}
