import type { AdvisorCheck } from '../AdvisorCheck.js';
import { nodeEndOfLife as endOfLife } from '../nodeReleases.js';

/** A runtime past its end of life gets no more security releases. */
export const nodeEndOfLife: AdvisorCheck = {
  id: 'node-eol',
  severity: 'high',
  title: 'Node.js runtime past end of life',
  fix: 'Upgrade to a Node.js LTS release still in support (see https://nodejs.org/en/about/previous-releases) and redeploy.',
  async run({ nodeVersion, now }) {
    const major = Number(/^v?(\d+)\./.exec(nodeVersion)?.[1]);
    const ends = endOfLife[major];
    if (ends === undefined) return { status: 'unknown', finding: `Node.js ${nodeVersion} is not in the advisor's release table.` };
    const at = Date.parse(`${ends}T00:00:00Z`);
    if (at <= now) return { status: 'fail', finding: `Node.js ${nodeVersion} reached its end of life on ${ends}.` };
    return { status: 'pass', finding: `Node.js ${nodeVersion} is supported until ${ends}.` };
  },
};
