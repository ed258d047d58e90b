import type { AdvisorCheck } from '../AdvisorCheck.js';
import { isLocalHost, servedCertificate } from '../servedCertificate.js';

/** A self-signed certificate teaches users to click through warnings; fine on localhost only. */
export const selfSignedCertificate: AdvisorCheck = {
  id: 'tls-self-signed',
  severity: 'high',
  title: 'Self-signed certificate on a public URL',
  fix: 'Serve a certificate from a public CA (e.g. ACME/Let\'s Encrypt) with GATEHOUSE_TLS_CERT and GATEHOUSE_TLS_KEY, or terminate TLS at a proxy or load balancer that has one.',
  async run(context) {
    const probe = await context.probe();
    const read = await servedCertificate(context);
    if (!read) return { status: 'unknown', finding: `No certificate could be read: ${probe.url} is not reachable (${probe.error}) and none is configured on disk.` };
    const { certificate, source } = read;
    // Issued by itself: its issuer is its subject and its own key verifies it (OpenSSL's checkIssued also
    // asks for the keyCertSign usage, which a leaf such as Gatehouse's own self-signed one rightly lacks).
    const selfSigned = certificate.issuer === certificate.subject && certificate.verify(certificate.publicKey);
    const host = new URL(probe.url).hostname;
    if (selfSigned && !isLocalHost(host)) return { status: 'fail', finding: `The certificate ${source} is self-signed (${certificate.subject.replace(/\n/g, ', ')}) while users reach ${probe.url}.` };
    if (selfSigned) return { status: 'pass', finding: `The certificate ${source} is self-signed, which is fine for ${host} only.` };
    return { status: 'pass', finding: `The certificate ${source} is issued by ${certificate.issuer.replace(/\n/g, ', ')}.` };
  },
};
