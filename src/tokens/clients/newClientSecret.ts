import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../crypto/digest.js';
import { randomToken } from '../../crypto/randomToken.js';
import type { ClientSecretRow } from '../../store/schema.js';

/**
 * A fresh client secret (256 bits from the CSPRNG) and the row that keeps only its SHA-256:
 * a random secret of that size needs no slow hash, nothing can be guessed from the digest.
 */
export function newClientSecret(clientId: string, at: string): { secret: string; row: ClientSecretRow } {
  const secret = randomToken();
  return { secret, row: { id: randomUUID(), client_id: clientId, secret_hash: sha256Hex(secret), created_at: at, revoked_at: null } };
}
