import http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import { startInstanceHeartbeat } from '../advisor/instanceHeartbeat.js';
import { createApp } from '../http/createApp.js';
import { closeRuntime } from '../runtime/closeRuntime.js';
import type { Runtime } from '../runtime/Runtime.js';
import { behindTrustedProxies } from '../shield/clientAddress.js';
import { ensureCertificate } from '../tls/ensureCertificate.js';
import { guardConnections } from './guardConnections.js';
import { listenHttps, listening } from './listenHttps.js';

/** A running instance: where it listens, and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  httpPort?: number;
  /** The PEM certificate served, so clients can trust exactly it. */
  certificate: string;
  close(): Promise<void>;
}

/**
 * Serves the app over HTTPS (TLS 1.2 at least) and, when `httpPort` is set, a plain-HTTP
 * listener that only redirects to HTTPS. With a derived public URL and port 0, the public
 * URL follows the port actually bound.
 */
export async function startServer(runtime: Runtime): Promise<RunningServer> {
  const { config } = runtime;
  const tls = await ensureCertificate(
    config.dataDir,
    config.tlsCertFile && config.tlsKeyFile ? { certFile: config.tlsCertFile, keyFile: config.tlsKeyFile } : undefined,
  );
  const { shield } = config;
  // Test-only weakening `forwardedFor` (RuntimeOptions.unsafeWeakenForTests): every peer is believed a proxy.
  const proxies = runtime.weakened.has('forwardedFor') ? ['0.0.0.0/0', '::/0'] : shield.trustedProxies;
  const app = createApp(runtime, behindTrustedProxies(proxies, (c) => getConnInfo(c).remote.address ?? null, shield.forwardedHeader));
  const server = await listenHttps({
    fetch: app.fetch,
    cert: tls.cert,
    key: tls.key,
    port: config.port,
    host: config.host,
    portVariable: 'GATEHOUSE_PORT',
    maxHeaderBytes: shield.maxHeaderBytes,
    weakTls: runtime.weakened.has('tlsMinVersion'),
  });
  const { blocked } = runtime.shield;
  guardConnections(server, {
    maxPerAddress: shield.maxConnectionsPerIp,
    ipv6Prefix: shield.ipv6Prefix,
    trustedProxies: shield.trustedProxies,
    blockedUntil: (address) => blocked.blockedUntil(address),
    now: runtime.clock,
  });
  await blocked.refresh();
  const stopRefreshing = blocked.keepFresh(shield.blockRefreshMs, (error) => runtime.logger.error({ err: error }, 'blocks refresh failed'));
  const port = (server.address() as AddressInfo).port;
  if (config.publicUrlDerived) config.publicUrl = `https://localhost:${port}`;

  let redirect: http.Server | undefined;
  if (config.httpPort !== undefined) {
    const target = config.publicUrl;
    redirect = http.createServer((req, res) => {
      // Only the path goes along: the Host header is the client's to forge.
      // Test-only weakening `redirectTarget` (RuntimeOptions.unsafeWeakenForTests): the forgeable Host header decides.
      const origin = runtime.weakened.has('redirectTarget') && req.headers.host ? `https://${req.headers.host}` : target;
      res.writeHead(308, { Location: origin + (req.url?.startsWith('/') ? req.url : '/') });
      res.end();
    });
    redirect.listen(config.httpPort, config.host);
    try {
      await listening(redirect, 'GATEHOUSE_HTTP_PORT', config.httpPort);
    } catch (error) {
      // Half a server would keep the process alive after the one-line refusal.
      await closeServer(server);
      throw error;
    }
  }

  runtime.auditDigests.start();
  // The advisor tells from these heartbeats how many instances share the store, and where their limits live.
  const stopHeartbeat = await startInstanceHeartbeat(runtime);
  runtime.logger.info({ url: config.publicUrl, port }, 'gatehouse listening');
  return {
    url: `https://localhost:${port}`,
    port,
    httpPort: redirect ? (redirect.address() as AddressInfo).port : undefined,
    certificate: tls.cert,
    close: async () => {
      stopRefreshing();
      await Promise.all([closeServer(server), redirect ? closeServer(redirect) : undefined]);
      await stopHeartbeat();
      // A clean shutdown signs the last events, leaving no unsigned tail behind.
      await runtime.auditDigests.stop().catch((error: unknown) => runtime.logger.error({ err: error }, 'final audit digest failed'));
      await closeRuntime(runtime);
    },
  };
}


function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
