import type net from 'node:net';
import { addressKey } from '../shield/addressKey.js';
import { clientBlockKeys } from '../shield/blocks/clientBlockKeys.js';
import { addressMatcher, normalizeAddress } from '../shield/clientAddress.js';

/** What decides whether a new connection may stay open. */
export interface ConnectionGuard {
  /** Open connections allowed per client address (`addressKey`: an IPv6 client's whole prefix). */
  maxPerAddress: number;
  /** The leading bits of an IPv6 address that name one client. */
  ipv6Prefix: number;
  /** Proxies carry everyone's connections: neither capped nor blocked by their own address. */
  trustedProxies: readonly string[];
  /** When the block kept under `key` ends (ms), 0 when there is none (`clientBlockKeys` says which keys a client's blocks are kept under). */
  blockedUntil(key: string): number;
  now(): number;
}

/**
 * Closes at accept, before the TLS handshake costs anything, a connection from a blocked
 * address or one past the cap of open connections per address (slow-loris, floods).
 */
export function guardConnections(server: net.Server, guard: ConnectionGuard): void {
  const trusted = addressMatcher(guard.trustedProxies);
  const open = new Map<string, number>();
  server.on('connection', (socket: net.Socket) => {
    if (socket.remoteAddress === undefined) return;
    const address = normalizeAddress(socket.remoteAddress);
    if (trusted(address)) return;
    const key = addressKey(address, guard.ipv6Prefix);
    const count = (open.get(key) ?? 0) + 1;
    if (count > guard.maxPerAddress || clientBlockKeys(address, guard.ipv6Prefix).some((blocked) => guard.blockedUntil(blocked) > guard.now())) {
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      // No entry outlives its connections: the map holds only keys with sockets open.
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
