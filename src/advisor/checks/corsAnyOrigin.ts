import type { AdvisorCheck } from '../AdvisorCheck.js';
import { PROBE_ORIGIN } from '../probe/DeploymentProbe.js';

/** A wildcard or echoed `Access-Control-Allow-Origin` lets any web page read the answers. */
export const corsAnyOrigin: AdvisorCheck = {
  id: 'cors-any-origin',
  severity: 'high',
  title: 'CORS allowing any origin',
  fix: 'Allow only the origins of your own front ends (an explicit list), never `*` nor whatever Origin the request names; Gatehouse sends no CORS headers, so look at the proxy or the functions in front.',
  async run({ probe }) {
    const served = await probe();
    if (served.error) return { status: 'unknown', finding: `Could not reach ${served.url}: ${served.error}.` };
    const open = served.answers.filter((answer) => {
      const allowed = String(answer.headers['access-control-allow-origin'] ?? '').trim();
      return allowed === '*' || allowed === PROBE_ORIGIN || allowed === 'null';
    });
    if (open.length > 0) {
      const sample = open[0]!;
      const credentials = String(sample.headers['access-control-allow-credentials'] ?? '') === 'true' ? ', with credentials' : '';
      return { status: 'fail', finding: `${served.url} answers Origin ${PROBE_ORIGIN} with Access-Control-Allow-Origin: ${String(sample.headers['access-control-allow-origin'])}${credentials} (on ${open.map((a) => a.path).join(', ')}).` };
    }
    return { status: 'pass', finding: `${served.url} does not allow the unknown origin ${PROBE_ORIGIN}.` };
  },
};
