import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { withDeadline } from '../withDeadline.js';
import { CREDENTIAL_FREE_PATHS, PROBE_ORIGIN, type DeploymentProbe, type ProbeAnswer } from './DeploymentProbe.js';

/** Where to probe: the HTTPS origin users see, and the plain-HTTP URL on the same host (none when nothing should listen). */
export interface ProbeTarget {
  url: string;
  plainHttpUrl?: string;
  /** Connect to this address instead of resolving the URL's host (one instance behind a load balancer; DNS not yet switched). */
  resolveTo?: string;
  /** How long one connection may stay silent (default 5 s). */
  timeoutMs?: number;
  /** How long the whole probe may take before every answer counts as unknown (default 20 s). */
  deadlineMs?: number;
}

// Pages every deployment answers without credentials (the probe never signs in): two that a
// cookie would reach, and the public metadata.
const paths = ['/', '/auth/session', ...CREDENTIAL_FREE_PATHS];

/**
 * Fetches a few public pages over HTTPS (certificate read, not trusted: a self-signed one is a
 * finding, not a reason to stop), tries a TLS 1.0/1.1-only handshake, and asks plain HTTP, side by
 * side; past the deadline (a server that trickles its answers) all of it is unknown.
 */
export function probeDeployment(target: ProbeTarget): Promise<DeploymentProbe> {
  const url = new URL(target.url);
  const deadlineMs = target.deadlineMs ?? 20_000;
  return withDeadline<DeploymentProbe>(
    deadlineMs,
    (signal) => probeNow(url, target, signal),
    () => ({
      url: url.origin,
      error: `no complete answer within ${deadlineMs} ms`,
      answers: [],
      legacyTls: { outcome: 'unknown', detail: 'the probe ran out of time' },
      plainHttp: { outcome: 'unknown', detail: `The probe ran out of time (${deadlineMs} ms)` },
    }),
  );
}

async function probeNow(url: URL, target: ProbeTarget, signal: AbortSignal): Promise<DeploymentProbe> {
  const timeoutMs = target.timeoutMs ?? 5_000;
  const [plainHttp, legacyTls, got] = await Promise.all([
    askPlainHttp(target.plainHttpUrl, timeoutMs, signal),
    tryLegacyTls(url, target.resolveTo, timeoutMs, signal),
    Promise.allSettled(paths.map((path) => getOverTls(url, target.resolveTo, path, timeoutMs, signal))),
  ]);
  const answered = got.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  if (answered.length === 0) {
    const reason = (got[0] as PromiseRejectedResult).reason as Error;
    return { url: url.origin, error: reason.message, answers: [], legacyTls: { outcome: 'unknown', detail: 'not reachable' }, plainHttp };
  }
  return {
    url: url.origin,
    answers: answered.map((one) => one.answer),
    certificate: answered.find((one) => one.certificate)?.certificate,
    protocol: answered.find((one) => one.protocol)?.protocol,
    legacyTls,
    plainHttp,
  };
}

function getOverTls(url: URL, address: string | undefined, path: string, timeoutMs: number, signal: AbortSignal): Promise<{ answer: ProbeAnswer; certificate?: DeploymentProbe['certificate']; protocol?: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: address ?? hostOf(url),
        port: url.port || 443,
        path,
        method: 'GET',
        headers: { host: url.host, origin: PROBE_ORIGIN, 'user-agent': 'gatehouse-advisor' },
        servername: serverName(url),
        // Inspected, not trusted: the certificate's issuer and dates are findings of their own.
        rejectUnauthorized: false,
        agent: false,
        timeout: timeoutMs,
        signal,
      },
      (response) => {
        const socket = response.socket as tls.TLSSocket;
        const certificate = socket.getPeerX509Certificate?.();
        const protocol = socket.getProtocol?.() ?? undefined;
        response.resume();
        response.on('end', () => resolve({ answer: { path, status: response.statusCode ?? 0, headers: response.headers }, certificate, protocol }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url.origin} within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}

function tryLegacyTls(url: URL, address: string | undefined, timeoutMs: number, signal: AbortSignal): Promise<DeploymentProbe['legacyTls']> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: address ?? hostOf(url),
      port: Number(url.port || 443),
      servername: serverName(url),
      rejectUnauthorized: false,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
      // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level even as a client: lowered to ask the question.
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ outcome: 'unknown', detail: `no handshake answer within ${timeoutMs} ms` });
    }, timeoutMs);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        socket.destroy();
      },
      { once: true },
    );
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const protocol = socket.getProtocol();
      socket.destroy();
      resolve({ outcome: 'accepted', detail: `a ${protocol} handshake succeeded` });
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      const code = (error as NodeJS.ErrnoException).code ?? error.message;
      // Only the server's protocol_version alert (or its answering in another version) says it
      // refuses TLS 1.0/1.1; a refused connection, a reset, or a client that cannot offer those
      // versions at all says nothing about the server.
      const refused = /ALERT_PROTOCOL_VERSION|WRONG_VERSION_NUMBER|TLSV1_ALERT_INAPPROPRIATE_FALLBACK/.test(code);
      resolve(refused ? { outcome: 'refused', detail: `a TLS 1.0/1.1 handshake was refused (${code})` } : { outcome: 'unknown', detail: `the TLS 1.0/1.1 handshake failed without a protocol answer (${code})` });
    });
  });
}

function askPlainHttp(plainUrl: string | undefined, timeoutMs: number, signal: AbortSignal): Promise<DeploymentProbe['plainHttp']> {
  if (plainUrl === undefined) return Promise.resolve({ outcome: 'none', detail: 'No plain-HTTP listener is configured (GATEHOUSE_HTTP_PORT unset)' });
  return new Promise((resolve) => {
    let request: http.ClientRequest;
    try {
      request = http.get(plainUrl, { agent: false, timeout: timeoutMs, signal, headers: { 'user-agent': 'gatehouse-advisor' } }, (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        const location = response.headers.location ?? '';
        if (status >= 300 && status < 400 && location.startsWith('https://')) {
          resolve({ url: plainUrl, outcome: 'redirects', detail: `${plainUrl} answers ${status} to ${location}` });
        } else {
          resolve({ url: plainUrl, outcome: 'serves', detail: `${plainUrl} answers ${status}${location ? ` to ${location}` : ''} over plain HTTP` });
        }
      });
    } catch (error) {
      // A URL http.get cannot take says nothing about the server; it must not sink the HTTPS answers with it.
      resolve({ url: plainUrl, outcome: 'unknown', detail: `${plainUrl}: ${(error as Error).message}` });
      return;
    }
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') resolve({ url: plainUrl, outcome: 'refused', detail: `nothing listens at ${plainUrl}` });
      else resolve({ url: plainUrl, outcome: 'unknown', detail: `${plainUrl}: ${error.message}` });
    });
  });
}

/** The URL's host without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** SNI takes a host name, never an address (RFC 6066 §3). */
function serverName(url: URL): string | undefined {
  const host = hostOf(url);
  return net.isIP(host) === 0 ? host : undefined;
}
