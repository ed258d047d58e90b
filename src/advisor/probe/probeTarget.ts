import net from 'node:net';
import type { Config } from '../../config/loadConfig.js';
import { isLocalHost } from '../servedCertificate.js';
import type { ProbeTarget } from './probeDeployment.js';

/**
 * What to probe: the given URLs, else the configured public URL (or this machine's listener
 * when none is configured), and plain HTTP where it would answer: GATEHOUSE_HTTP_PORT on this
 * machine, port 80 of a public host.
 */
export function probeTarget(config: Config, given: { url?: string; plainHttpUrl?: string; resolveTo?: string }): ProbeTarget {
  const url = new URL(given.url ?? config.publicUrl);
  const target = { url: url.origin, resolveTo: given.resolveTo };
  if (given.plainHttpUrl) return { ...target, plainHttpUrl: given.plainHttpUrl };
  if (!isLocalHost(url.hostname)) return { ...target, plainHttpUrl: `http://${given.resolveTo ? urlHost(given.resolveTo) : url.hostname}/` };
  return { ...target, plainHttpUrl: config.httpPort === undefined ? undefined : `http://${url.hostname}:${config.httpPort}/` };
}

/** An address as a URL's host: an IPv6 one in brackets (RFC 3986 §3.2.2), `http://::1/` being no URL. */
function urlHost(address: string): string {
  return net.isIPv6(address) ? `[${address}]` : address;
}
