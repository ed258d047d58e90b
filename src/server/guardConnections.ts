import type net from 'node:net';
import { addressMatcher, normalizeAddress } from '../shield/clientAddress.js';

/** What decides whether a new connection may stay open. */
export interface ConnectionGuard {
  /** Open connections allowed per client address. */
  maxPerAddress: number;
  /** Proxies carry everyone's connections: neither capped nor blocked by their own address. */
  trustedProxies: readonly string[];
  /** When the block of `address` ends (ms), 0 when it is not blocked. */
  blockedUntil(address: string): number;
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
    const count = (open.get(address) ?? 0) + 1;
    if (count > guard.maxPerAddress || guard.blockedUntil(address) > guard.now()) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      // No entry outlives its connections: the map holds only addresses with sockets open.
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
