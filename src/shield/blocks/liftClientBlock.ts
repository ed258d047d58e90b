import { z } from 'zod';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { liftBlocks } from '../../store/repositories/shieldBlocks.js';
import { addressKey } from '../addressKey.js';

/** What a lift names: an address, a key as listed (an IPv6 prefix, `2001:db8:1:2::/64`), or `unknown`. */
export const liftTarget = z.ipv4().or(z.ipv6()).or(z.cidrv6()).or(z.literal('unknown'));

/**
 * Lifts the block of `target` (an administrator's call, recorded by `transact`): an address,
 * whose key's block is lifted (an IPv6 address lifts its prefix's), or a key as listed
 * (`2001:db8:1:2::/64`). Answers the key lifted; NOT_FOUND when no block is in force.
 */
export async function liftClientBlock(runtime: Runtime, target: string, transact: Transact): Promise<{ ip: string; lifted: true }> {
  const lifted = await transact(async (trx) => {
    const keys = await liftBlocks(trx, blockKeys(target, runtime.config.shield.ipv6Prefix), isoAt(runtime.clock()));
    if (keys.length === 0) throw new GatehouseError('NOT_FOUND', 'No block is in force for this address');
    return keys;
  });
  // This instance at once; the others (and a server when the CLI lifts) at their next refresh.
  for (const key of lifted) runtime.shield.blocked.remove(key);
  return { ip: lifted[0]!, lifted: true };
}

/** The keys a block of `target` can be kept under. */
function blockKeys(target: string, ipv6Prefix: number): string[] {
  const [address = '', length] = target.split('/');
  if (length !== undefined) return [addressKey(address, Number(length))];
  // The bare address too: a block made while the prefix was 128, or before blocks were kept by prefix, is kept under it.
  return [...new Set([addressKey(target, ipv6Prefix), addressKey(target, 128)])];
}
