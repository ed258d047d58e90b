import { parseCidr } from '../../shield/shieldConfig.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';

// Narrower than this, a range is a network someone runs; wider, it takes in the internet.
const narrowest = { ipv4: 8, ipv6: 7 };

/** Trusting every address as a proxy lets any client forge X-Forwarded-For, and so its address for limits, blocks and the audit. */
export const trustedProxiesAll: AdvisorCheck = {
  id: 'trusted-proxies',
  severity: 'high',
  title: 'Trusted proxies that include everything',
  fix: 'List in GATEHOUSE_TRUSTED_PROXIES only the addresses of your own proxies or load balancers (their subnet, e.g. 10.0.1.0/24).',
  async run({ config }) {
    const proxies = config.shield.trustedProxies;
    const wide = proxies.filter((value) => {
      const cidr = parseCidr(value);
      return cidr !== undefined && cidr.prefix < narrowest[cidr.family];
    });
    if (wide.length > 0) return { status: 'fail', finding: `GATEHOUSE_TRUSTED_PROXIES trusts ${wide.join(', ')}: any client there may write its own address.` };
    return { status: 'pass', finding: proxies.length === 0 ? 'No proxy is trusted: forwarding headers are ignored.' : `Trusted proxies: ${proxies.join(', ')}.` };
  },
};
