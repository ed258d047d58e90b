import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from '../../src/shield/jsonDepth.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

let gh: TestServer;
beforeAll(async () => {
  gh = await startTestServer({ GATEHOUSE_MAX_CONNECTIONS_PER_IP: '50', GATEHOUSE_MAX_HEADER_BYTES: '8192' });
});
afterAll(() => gh?.close());

/** A raw TLS socket to the server, bound to `localAddress`, trusting only its certificate. */
function connect(localAddress = '127.0.0.1'): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const tcp = net.connect({ host: '127.0.0.1', port: gh.server.port, localAddress });
    tcp.once('error', reject);
    const socket = tls.connect({ socket: tcp, ca: gh.server.certificate, servername: 'localhost' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes, or until `until` matches. */
function readAnswer(socket: tls.TLSSocket, until = /\r\n\r\n[\s\S]*\}/): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (until.test(text)) resolve(text);
    });
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
}

describe('request limits', () => {
  it('answers a 10 MB body 413 without reading it all', async () => {
    const socket = await connect();
    const answer = readAnswer(socket);
    socket.write(
      'POST /auth/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n',
    );
    // 64 KiB of the 10 MiB announced, and no more: a server waiting for the rest would never answer.
    socket.write(Buffer.alloc(64 * 1024, 0x20));
    const text = await answer;
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(text).toContain('"PAYLOAD_TOO_LARGE"');
  });

  it('answers a chunked body past the limit 413 as soon as it passes it', async () => {
    const socket = await connect();
    const answer = readAnswer(socket);
    socket.write('POST /auth/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    void answer.then(() => (answered = true));
    // At most 10 MiB, stopping when the server answers.
    while (!answered && sent < 10 * 1024 * 1024 && !socket.destroyed) {
      socket.write(`${chunk.length.toString(16)}\r\n`);
      socket.write(chunk);
      socket.write('\r\n');
      sent += chunk.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const text = await answer;
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses a request head over the header limit', async () => {
    const c = gh.client();
    const answer = await c.get('/auth/session', { 'x-padding': 'a'.repeat(10_000) });
    expect(answer.status).toBe(431);
  });

  it('refuses JSON nested deeper than the limit with 400, not a 500', async () => {
    const c = gh.client();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const answer = await c.request('POST', '/auth/sign-in', { body: deep, headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    // Refused by the depth check, before any parser or validator recursed over it.
    expect(answer.body.error.message).toMatch(/nests deeper/);
    const nested = { email: 'a@example.com', password: 'x', extra: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) };
    const refused = await c.post('/auth/sign-in', nested);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/nests deeper/);
    expect(jsonDepthExceeds('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"}' + '[]'.repeat(40))).toBe(false);
    expect(jsonDepthExceeds('['.repeat(33) + ']'.repeat(33))).toBe(true);
  });

  it('keeps serving a new client while 200 slow-loris sockets hold their requests open', async () => {
    const slow: tls.TLSSocket[] = [];
    const closedByServer: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      try {
        const socket = await connect('127.0.0.2');
        // The start of a request head, never finished.
        socket.write('POST /auth/sign-in HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
        socket.on('close', () => closedByServer.push(i));
        socket.on('error', () => undefined);
        slow.push(socket);
      } catch {
        // Refused at once: the per-address connection limit at work.
        closedByServer.push(i);
      }
    }
    try {
      const answer = await gh.client({ localAddress: '127.0.0.3' }).get('/auth/session');
      expect(answer.status).toBe(401);
      // The address holding 200 sockets kept no more than its 50.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(slow.filter((socket) => !socket.destroyed && socket.readyState === 'open').length).toBeLessThanOrEqual(50);
      expect(closedByServer.length).toBeGreaterThanOrEqual(150);
    } finally {
      for (const socket of slow) socket.destroy();
    }
  });
});
