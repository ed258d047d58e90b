import { addressKey } from '../addressKey.js';

/**
 * The keys a block of the client at `address` can be kept under: its `addressKey`, and its bare
 * address, under which blocks made before they were kept by prefix, or while the prefix was
 * 128, stay until they end. One key for IPv4.
 */
export function clientBlockKeys(address: string, ipv6Prefix: number): string[] {
  return [...new Set([addressKey(address, ipv6Prefix), addressKey(address, 128)])];
}
