import fs from 'node:fs';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
// @peculiar/x509 only encodes the certificate (ASN.1); every key and signature comes from Node's WebCrypto.
import * as x509 from '@peculiar/x509';
import { GatehouseError } from '../errors/GatehouseError.js';

/** A PEM certificate and its PEM private key. */
export interface TlsFiles {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
}

/**
 * The TLS certificate to serve: the configured files, or else `<dataDir>/tls/cert.pem` and
 * `key.pem`, made on first start as a self-signed ECDSA P-256 certificate for localhost and
 * 127.0.0.1 valid one year.
 */
export async function ensureCertificate(dataDir: string, configured?: { certFile: string; keyFile: string }): Promise<TlsFiles> {
  if (configured) {
    return { cert: readPem(configured.certFile, 'GATEHOUSE_TLS_CERT'), key: readPem(configured.keyFile, 'GATEHOUSE_TLS_KEY'), ...configured };
  }
  const dir = path.join(dataDir, 'tls');
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    return { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), certFile, keyFile };
  }
  const { cert, key } = await selfSignedCertificate(['localhost'], ['127.0.0.1', '::1']);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyFile, key, { mode: 0o600 });
  fs.writeFileSync(certFile, cert, { mode: 0o644 });
  return { cert, key, certFile, keyFile };
}

/** A self-signed ECDSA P-256 / SHA-256 certificate for the given DNS names and IP addresses. */
export async function selfSignedCertificate(dnsNames: string[], ipAddresses: string[], days = 365): Promise<{ cert: string; key: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - 60_000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto.getRandomValues(new Uint8Array(16)).reduce((hex, byte) => hex + byte.toString(16).padStart(2, '0'), '7'),
    name: 'CN=Gatehouse self-signed',
    notBefore,
    notAfter: new Date(notBefore.getTime() + days * 86_400_000),
    signingAlgorithm: algorithm,
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      // ECDHE with an ECDSA key only signs: no key encipherment.
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const key = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(pkcs8).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { cert: certificate.toString('pem') + '\n', key };
}

function readPem(file: string, variable: string): string {
  try {
    const pem = fs.readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN ')) throw new Error('not a PEM file');
    return pem;
  } catch (error) {
    throw new GatehouseError('CONFIG_INVALID', `${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
