import type { X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** One answer of the deployment to a plain GET, as a browser would see its headers. */
export interface ProbeAnswer {
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
}

/** What the deployment serves at its URL: a proxy in front may rewrite headers and cookies, so this is what counts. */
export interface DeploymentProbe {
  url: string;
  /** Why the HTTPS URL could not be reached; `answers` is empty then. */
  error?: string;
  answers: ProbeAnswer[];
  /** The certificate the server presented, whether or not this machine trusts it. */
  certificate?: X509Certificate;
  /** The TLS version negotiated by default (`TLSv1.3`, …). */
  protocol?: string;
  /** Whether a client offering only TLS 1.0 or 1.1 got through the handshake. */
  legacyTls: { outcome: 'accepted' | 'refused' | 'unknown'; detail: string };
  /** What plain HTTP on the same host answers: a redirect to HTTPS, content, or nothing. */
  plainHttp: { url?: string; outcome: 'redirects' | 'serves' | 'refused' | 'none' | 'unknown'; detail: string };
}

/** The `Origin` the probe sends: an origin no deployment should trust, so echoing it back is a finding. */
export const PROBE_ORIGIN = 'https://advisor-probe.invalid';

/**
 * Public metadata that carries no credential and is read cross-origin by design (browser-based
 * OAuth clients fetch it), where a bare `Access-Control-Allow-Origin: *` is legitimate.
 */
export const CREDENTIAL_FREE_PATHS: readonly string[] = ['/.well-known/openid-configuration', '/.well-known/jwks.json'];
