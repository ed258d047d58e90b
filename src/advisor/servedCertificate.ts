import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import type { AdvisorContext } from './AdvisorContext.js';

/** A certificate and where the advisor read it. */
export interface ReadCertificate {
  certificate: X509Certificate;
  source: string;
}

/**
 * The certificate the deployment serves at its URL, or, when that cannot be reached, the one
 * configured with GATEHOUSE_TLS_CERT. Never the self-signed one Gatehouse generates in its data
 * folder: behind a load balancer with a CA certificate, that one is not what users see.
 */
export async function servedCertificate(context: AdvisorContext): Promise<ReadCertificate | undefined> {
  const probe = await context.probe();
  if (probe.certificate) return { certificate: probe.certificate, source: `served at ${probe.url}` };
  const file = context.config.tlsCertFile;
  if (!file || !fs.existsSync(file)) return undefined;
  return { certificate: new X509Certificate(fs.readFileSync(file)), source: `in ${file} (${probe.url} not reachable: ${probe.error})` };
}

/** True for names that only this machine resolves: a self-signed certificate is normal there. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}
