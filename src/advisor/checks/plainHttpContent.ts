import type { AdvisorCheck } from '../AdvisorCheck.js';

/** DESIGN.md: no plain HTTP but a redirect; anything else travels readable and rewritable. */
export const plainHttpContent: AdvisorCheck = {
  id: 'http-plain',
  severity: 'high',
  title: 'Plain HTTP serving content',
  fix: 'Answer plain HTTP only with a redirect to https:// (GATEHOUSE_HTTP_PORT does exactly that), or close the port.',
  async run({ probe }) {
    const { plainHttp } = await probe();
    if (plainHttp.outcome === 'serves') return { status: 'fail', finding: `${plainHttp.detail}, not a redirect to HTTPS.` };
    if (plainHttp.outcome === 'unknown') return { status: 'unknown', finding: `${plainHttp.detail}.` };
    return { status: 'pass', finding: `${plainHttp.detail}.` };
  },
};
