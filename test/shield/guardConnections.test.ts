import { EventEmitter } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { guardConnections } from '../../src/server/guardConnections.js';

/**
 * An accepted connection from `remoteAddress`, as the server's 'connection' event hands it over.
 * This machine's loopback has ::1 alone, so other IPv6 peers are stood in for here.
 */
function accept(server: net.Server, remoteAddress: string): { destroyed: boolean; close(): void } {
  const socket = Object.assign(new EventEmitter(), {
    remoteAddress,
    destroyed: false,
    destroy() {
      socket.destroyed = true;
    },
    close: () => socket.emit('close'),
  });
  server.emit('connection', socket);
  return socket;
}

describe('connections per client', () => {
  const guarded = (blocked: string[] = []) => {
    const server = net.createServer();
    guardConnections(server, {
      maxPerAddress: 2,
      ipv6Prefix: 64,
      trustedProxies: ['2001:db8:ffff::/48'],
      blockedUntil: (key) => (blocked.includes(key) ? Number.MAX_SAFE_INTEGER : 0),
      now: () => 0,
    });
    return server;
  };

  it('caps the open connections of one IPv6 /64, whichever of its addresses they come from', () => {
    const server = guarded();
    const first = accept(server, '2001:db8:1:2::1');
    expect(accept(server, '2001:db8:1:2::2').destroyed).toBe(false);
    expect(accept(server, '2001:db8:1:2:aaaa::3').destroyed).toBe(true);
    // Another /64 and IPv4 clients have caps of their own.
    expect(accept(server, '2001:db8:1:3::1').destroyed).toBe(false);
    expect(accept(server, '::ffff:192.0.2.1').destroyed).toBe(false);
    expect(accept(server, '192.0.2.1').destroyed).toBe(false);
    expect(accept(server, '192.0.2.2').destroyed).toBe(false);
    // A connection closed frees its place for the whole /64.
    first.close();
    expect(accept(server, '2001:db8:1:2::4').destroyed).toBe(false);
  });

  it('closes at accept a connection from any address of a blocked /64, and never caps a trusted proxy', () => {
    const server = guarded(['2001:db8:1:2::/64']);
    expect(accept(server, '2001:db8:1:2::99').destroyed).toBe(true);
    expect(accept(server, '2001:db8:1:3::99').destroyed).toBe(false);
    for (let i = 0; i < 5; i += 1) expect(accept(server, `2001:db8:ffff:1::${i}`).destroyed).toBe(false);
  });

  it('closes at accept a connection from an address blocked under its bare address, as before blocks were kept by prefix', () => {
    const server = guarded(['2001:db8:1:2::5']);
    expect(accept(server, '2001:db8:1:2::5').destroyed).toBe(true);
    // The rest of its /64 was never blocked.
    expect(accept(server, '2001:db8:1:2::6').destroyed).toBe(false);
  });
});
