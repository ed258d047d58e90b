import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { findClientByName, insertClientSecret, listActiveClientSecrets, revokeClientSecrets } from '../../store/repositories/clients.js';
import { newClientSecret } from './newClientSecret.js';

// IAM's rule: two access keys at a time, so a client moves to the new one before the old ends.
const activeSecrets = 2;

/**
 * Adds a secret to the client named `name` and revokes all but the newest previous one, so
 * that the old secret keeps working until the next rotation. Returns the new secret once.
 */
export async function rotateClientSecret(runtime: Pick<Runtime, 'clock'>, name: string, transact: Transact): Promise<{ clientId: string; clientSecret: string; revoked: number }> {
  const at = isoAt(runtime.clock());
  return transact(async (trx) => {
    const client = await findClientByName(trx, name);
    if (!client) throw new GatehouseError('NOT_FOUND', `no client named ${name}`);
    const older = (await listActiveClientSecrets(trx, client.id)).slice(activeSecrets - 1).map((secret) => secret.id);
    await revokeClientSecrets(trx, older, at);
    const { secret, row } = newClientSecret(client.id, at);
    await insertClientSecret(trx, row);
    return { clientId: client.id, clientSecret: secret, revoked: older.length };
  });
}
