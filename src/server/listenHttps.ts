import type http from 'node:http';
import https from 'node:https';
import { serve } from '@hono/node-server';
import { GatehouseError } from '../errors/GatehouseError.js';

/** What a Hono app (or any fetch handler) needs to be served over HTTPS. */
export interface HttpsListen {
  fetch: (request: Request) => Response | Promise<Response>;
  cert: string;
  key: string;
  port: number;
  host: string;
  /** The variable that named the port, for the one-line error when it cannot be opened. */
  portVariable: string;
  /** Largest request head accepted (431 beyond); Node's default, 16 KiB, when not given. */
  maxHeaderBytes?: number;
  /** Test-only weakening `tlsMinVersion` (RuntimeOptions.unsafeWeakenForTests): accept TLS 1.0 and 1.1. */
  weakTls?: boolean;
}

/**
 * Serves `fetch` over HTTPS with Gatehouse's floor: TLS 1.2 or newer, and timeouts that stop
 * slow clients from holding sockets (headers 20 s, whole request 30 s, idle keep-alive 5 s).
 */
export async function listenHttps(options: HttpsListen): Promise<https.Server> {
  const server = serve({
    fetch: options.fetch,
    port: options.port,
    hostname: options.host,
    createServer: https.createServer,
    // A socket that never finishes its TLS handshake is dropped after 10 s (Node's default is 120 s).
    serverOptions: {
      cert: options.cert,
      key: options.key,
      minVersion: 'TLSv1.2',
      handshakeTimeout: 10_000,
      maxHeaderSize: options.maxHeaderBytes,
      ...(options.weakTls && { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }),
    },
  }) as https.Server;
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  await listening(server, options.portVariable, options.port);
  return server;
}

/** Resolves once `server` listens; a port that cannot be opened becomes CONFIG_INVALID naming `variable`. */
export function listening(server: http.Server | https.Server, variable: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', () => resolve());
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is in use' : error.code === 'EACCES' ? 'needs privileges' : `cannot be opened (${error.code})`;
      reject(new GatehouseError('CONFIG_INVALID', `${variable}: port ${port} ${why}`, { cause: error }));
    });
  });
}
