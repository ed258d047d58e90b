import type { AdvisorCheck } from '../AdvisorCheck.js';
import { servedCertificate } from '../servedCertificate.js';

const warnDays = 30;

/** An expired certificate takes the whole deployment down; thirty days leave time to renew. */
export const certificateExpiry: AdvisorCheck = {
  id: 'tls-expiry',
  severity: 'high',
  title: 'Certificate expiring within 30 days',
  fix: 'Renew the certificate now and automate renewal (ACME); for the self-signed one, delete data/tls/ and restart to make a new one.',
  async run(context) {
    const read = await servedCertificate(context);
    if (!read) {
      const probe = await context.probe();
      return { status: 'unknown', finding: `No certificate could be read: ${probe.url} is not reachable (${probe.error}) and none is configured on disk.` };
    }
    const expires = Date.parse(read.certificate.validTo);
    const days = Math.floor((expires - context.now) / 86_400_000);
    if (expires <= context.now) return { status: 'fail', finding: `The certificate ${read.source} expired on ${new Date(expires).toISOString()}.` };
    if (days < warnDays) return { status: 'fail', finding: `The certificate ${read.source} expires in ${days} day(s), on ${new Date(expires).toISOString()}.` };
    return { status: 'pass', finding: `The certificate ${read.source} is valid for ${days} more days.` };
  },
};
