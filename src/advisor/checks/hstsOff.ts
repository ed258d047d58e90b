import type { AdvisorCheck } from '../AdvisorCheck.js';

/** RFC 6797: without HSTS, the first request of a visit may go out in plain HTTP and be rewritten. */
export const hstsOff: AdvisorCheck = {
  id: 'tls-hsts',
  severity: 'medium',
  title: 'HSTS off',
  fix: 'Send `Strict-Transport-Security: max-age=63072000; includeSubDomains` on every answer (Gatehouse does; make sure a proxy in front does not strip it).',
  async run({ probe }) {
    const served = await probe();
    if (served.error) return { status: 'unknown', finding: `Could not reach ${served.url}: ${served.error}.` };
    const missing = served.answers.filter((answer) => {
      const value = String(answer.headers['strict-transport-security'] ?? '');
      const maxAge = /max-age\s*=\s*"?(\d+)/i.exec(value)?.[1];
      return maxAge === undefined || Number(maxAge) === 0;
    });
    if (missing.length > 0) return { status: 'fail', finding: `${served.url} answers ${missing.map((a) => a.path).join(', ')} without Strict-Transport-Security (or with max-age=0).` };
    return { status: 'pass', finding: `${served.url} sends Strict-Transport-Security: ${String(served.answers[0]!.headers['strict-transport-security'])}.` };
  },
};
