import type { AdvisorCheck } from '../AdvisorCheck.js';
import type { ProbeAnswer } from '../probe/DeploymentProbe.js';
import { CREDENTIAL_FREE_PATHS, PROBE_ORIGIN } from '../probe/DeploymentProbe.js';

/** What one answer allows: any origin (`*`, `null`, or the probe's echoed), and whether with credentials. */
function allowance(answer: ProbeAnswer): { path: string; allowed: string; anyOrigin: boolean; credentials: boolean } {
  const allowed = String(answer.headers['access-control-allow-origin'] ?? '').trim();
  const credentials = String(answer.headers['access-control-allow-credentials'] ?? '').trim().toLowerCase() === 'true';
  return { path: answer.path, allowed, anyOrigin: allowed === '*' || allowed === PROBE_ORIGIN || allowed === 'null', credentials };
}

/**
 * A wildcard or echoed `Access-Control-Allow-Origin` lets any web page read the answers: a
 * finding where a cookie reaches them or credentials are allowed, not on public metadata.
 */
export const corsAnyOrigin: AdvisorCheck = {
  id: 'cors-any-origin',
  severity: 'high',
  title: 'CORS allowing any origin',
  fix: 'Allow only the origins of your own front ends (an explicit list), never `*` nor whatever Origin the request names, and never any origin with credentials; any origin (`*`, `null` or an echoed one) without credentials is fine on the public discovery document and JWKS only. Gatehouse sends no CORS headers, so look at the proxy or the functions in front.',
  async run({ probe }) {
    const served = await probe();
    if (served.error) return { status: 'unknown', finding: `Could not reach ${served.url}: ${served.error}.` };
    const open = served.answers.map(allowance).filter((answer) => answer.anyOrigin);
    // Fetch standard: browsers refuse `*` with credentials, but it says the answer was meant to be
    // shared with cookies, one proxy rule away from an echoed origin that any page reads with them.
    const risky = open.filter((answer) => answer.credentials || !CREDENTIAL_FREE_PATHS.includes(answer.path));
    if (risky.length > 0) {
      const sample = risky[0]!;
      return {
        status: 'fail',
        finding: `${served.url} answers Origin ${PROBE_ORIGIN} with Access-Control-Allow-Origin: ${sample.allowed}${sample.credentials ? ', with credentials' : ''} (on ${risky.map((a) => a.path).join(', ')}).`,
      };
    }
    const publicOnly = open.length > 0 ? `; ${open.map((a) => a.path).join(', ')} allow any origin without credentials, as public metadata may` : '';
    return { status: 'pass', finding: `${served.url} does not allow the unknown origin ${PROBE_ORIGIN} where credentials reach${publicOnly}.` };
  },
};
