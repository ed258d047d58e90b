import { constantTimeEqual, sha256Hex } from '../../crypto/digest.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { findClientById, listActiveClientSecrets } from '../../store/repositories/clients.js';

// Compared against when the client is unknown, so that the work done does not tell.
const nothing = sha256Hex('no such client');

/**
 * The machine client whose id and secret these are, or 401 INVALID_CREDENTIALS, the same
 * for an unknown client, a disabled one and a wrong secret. The secret's digest is compared
 * in constant time with every active secret, without stopping at the first match.
 */
export async function authenticateClient(runtime: Pick<Runtime, 'db'>, clientId: string, clientSecret: string): Promise<{ clientId: string; name: string }> {
  const client = await findClientById(runtime.db, clientId);
  const secrets = client && !client.disabled_at ? await listActiveClientSecrets(runtime.db, client.id) : [];
  const given = sha256Hex(clientSecret);
  let matched = false;
  for (const hash of secrets.length > 0 ? secrets.map((s) => s.secret_hash) : [nothing]) {
    matched = constantTimeEqual(given, hash) || matched;
  }
  if (!client || secrets.length === 0 || !matched) throw new GatehouseError('INVALID_CREDENTIALS', 'Unknown client or wrong secret');
  return { clientId: client.id, name: client.name };
}
