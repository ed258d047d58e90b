import type net from 'node:net';
import { addressMatcher, normalizeAddress } from '../shield/clientAddress.js';

/**
 * Caps the open connections of each client address at `max`: one more is closed at once,
 * before its TLS handshake costs anything. Trusted proxies are exempt: they carry everyone.
 */
export function limitConnectionsPerIp(server: net.Server, max: number, trustedProxies: readonly string[] = []): void {
  const trusted = addressMatcher(trustedProxies);
  const open = new Map<string, number>();
  server.on('connection', (socket: net.Socket) => {
    if (socket.remoteAddress === undefined) return;
    const address = normalizeAddress(socket.remoteAddress);
    if (trusted(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
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
