import type { AdvisorCheck } from '../AdvisorCheck.js';

const everyInterface = new Set(['0.0.0.0', '::', '::0', '[::]', '*']);

/** On every interface, /admin answers whoever reaches the machine: Gatehouse has no network rule of its own for it. */
export const openListener: AdvisorCheck = {
  id: 'open-listener',
  severity: 'high',
  title: 'Listening on all interfaces with the admin routes open to them',
  fix: 'Bind GATEHOUSE_HOST to 127.0.0.1 or a private interface and publish through a proxy or load balancer that keeps /admin to your own network (or a VPN).',
  async run({ config }) {
    if (everyInterface.has(config.host)) return { status: 'fail', finding: `GATEHOUSE_HOST=${config.host}: the server and its /admin routes answer on every interface of the machine.` };
    return { status: 'pass', finding: `The server listens on ${config.host} only.` };
  },
};
