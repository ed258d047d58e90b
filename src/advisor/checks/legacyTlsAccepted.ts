import type { AdvisorCheck } from '../AdvisorCheck.js';

/** RFC 8996 deprecates TLS 1.0 and 1.1; NIST SP 800-52r2 requires 1.2 at least. */
export const legacyTlsAccepted: AdvisorCheck = {
  id: 'tls-version',
  severity: 'high',
  title: 'TLS below 1.2 accepted',
  fix: 'Set the minimum TLS version to 1.2 wherever TLS ends (Gatehouse itself requires 1.2; check the proxy or load balancer in front, e.g. an AWS TLS security policy ELBSecurityPolicy-TLS13-1-2-2021-06).',
  async run({ probe }) {
    const served = await probe();
    if (served.error) return { status: 'unknown', finding: `Could not reach ${served.url}: ${served.error}.` };
    const { outcome, detail } = served.legacyTls;
    if (outcome === 'accepted') return { status: 'fail', finding: `${served.url} accepts TLS below 1.2: ${detail}.` };
    if (outcome === 'unknown') return { status: 'unknown', finding: `${served.url}: ${detail}.` };
    return { status: 'pass', finding: `${served.url} negotiates ${served.protocol ?? 'TLS'}; ${detail}.` };
  },
};
