import { addressMatcher } from '../../shield/clientAddress.js';
import { parseCidr } from '../../shield/shieldConfig.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';

// Narrower than this, a range is a network someone runs; wider, it takes in the internet.
const narrowest = { ipv4: 8, ipv6: 7 };
// Addresses on the public internet far apart (documentation ranges and public resolvers): the
// shield's own matcher trusting one of them means the list takes in outsiders, however it is
// written (an IPv6 range such as ::ffff:0:0/96 holds every IPv4 client).
const outsiders = ['8.8.8.8', '1.1.1.1', '100.100.100.100', '203.0.113.9', '198.51.100.7', '223.255.255.1', '2001:4860:4860::8888', '2a00:1450::1'];

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
    const trusts = addressMatcher(proxies);
    const trustedOutsiders = outsiders.filter(trusts);
    if (trustedOutsiders.length > 0) return { status: 'fail', finding: `GATEHOUSE_TRUSTED_PROXIES (${proxies.join(', ')}) trusts public addresses such as ${trustedOutsiders.join(', ')}: clients there may write their own address.` };
    return { status: 'pass', finding: proxies.length === 0 ? 'No proxy is trusted: forwarding headers are ignored.' : `Trusted proxies: ${proxies.join(', ')}.` };
  },
};
