import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Runtime } from '../runtime/Runtime.js';

// The one place factor secrets are sealed and opened (listed in crypto/keyring/sealedColumns.ts).
const where = (factorId: string) => ({ table: 'mfa_factors', column: 'secret', rowId: factorId });

/** Seals a factor's seed or phone number, bound to its row: moved to another row, it fails to open. */
export function sealFactorSecret(runtime: Pick<Runtime, 'hmacKey'>, factorId: string, plaintext: string): string {
  const key = interimKey(runtime.hmacKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(factorId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v0.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

/** Opens what `sealFactorSecret` sealed for that row; throws when it was sealed for another. */
export function openFactorSecret(runtime: Pick<Runtime, 'hmacKey'>, factorId: string, sealed: string): string {
  const [, iv, body, tag] = sealed.split('.');
  const decipher = createDecipheriv('aes-256-gcm', interimKey(runtime.hmacKey), Buffer.from(iv!, 'base64url'));
  decipher.setAAD(aad(factorId));
  decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body!, 'base64url')), decipher.final()]).toString('utf8');
}

// Until the keyring lands: AES-256-GCM under a key derived from the server secret, the row bound as AAD.
function interimKey(hmacKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', hmacKey, Buffer.alloc(0), 'gatehouse mfa_factors.secret', 32));
}

function aad(factorId: string): Buffer {
  const w = where(factorId);
  return Buffer.from(`${w.table}\u0000${w.column}\u0000${w.rowId}`);
}
