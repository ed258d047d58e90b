import net from 'node:net';
import type { ClientAddress } from '../http/middleware/requestContext.js';
import { parseCidr } from './shieldConfig.js';

/** `::ffff:10.0.0.1` → `10.0.0.1`: one client, one key, however the socket reports it. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/** True when `address` is inside one of the `cidrs`. */
export function addressMatcher(cidrs: readonly string[]): (address: string) => boolean {
  const list = new net.BlockList();
  for (const value of cidrs) {
    const cidr = parseCidr(value)!;
    list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return (address) => {
    const version = net.isIP(address);
    return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client's address behind trusted proxies: the socket's own unless it is one of
 * `trustedProxies` (GATEHOUSE_TRUSTED_PROXIES, empty by default), and only then the hops of
 * the one header they write (`header`: X-Forwarded-For by default, or RFC 7239 Forwarded),
 * read from the right: the first hop that is not a trusted proxy is the client. Anything
 * else could be forged by the client, the other header included.
 */
export function behindTrustedProxies(trustedProxies: readonly string[], socketAddress: ClientAddress, header: 'x-forwarded-for' | 'forwarded' = 'x-forwarded-for'): ClientAddress {
  if (trustedProxies.length === 0) {
    return (c) => {
      const address = socketAddress(c);
      return address === null ? null : normalizeAddress(address);
    };
  }
  const trusted = addressMatcher(trustedProxies);
  return (c) => {
    const socket = socketAddress(c);
    if (socket === null) return null;
    let client = normalizeAddress(socket);
    if (!trusted(client)) return client;
    const value = c.req.header(header) ?? '';
    const hops = header === 'forwarded' ? forwardedFor(value) : value.split(',');
    for (const hop of hops.map((part) => part.trim()).reverse()) {
      // An address only: no IPv6 zone (`%eth0…`, of any length), nothing longer than an address can be.
      if (net.isIP(hop) === 0 || hop.includes('%') || hop.length > 45) break;
      client = normalizeAddress(hop);
      if (!trusted(client)) break;
    }
    return client;
  };
}

/** The `for=` addresses of a Forwarded header, in order (`for="[2001:db8::1]:443"` → `2001:db8::1`). */
function forwardedFor(header: string): string[] {
  const hops: string[] = [];
  for (const element of header.split(',')) {
    const pair = element.split(';').map((part) => part.trim()).find((part) => /^for=/i.test(part));
    // A hop without `for=` (or an obfuscated one) ends what can be believed.
    const value = pair?.slice(4).replace(/^"|"$/g, '') ?? '';
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
    const address = bracketed ? bracketed[1]! : value.replace(/:\d+$/, (port) => (net.isIP(value) === 6 ? port : ''));
    hops.push(address);
  }
  return hops;
}
