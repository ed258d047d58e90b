import { randomBytes } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { findClientByName, insertClient, insertClientSecret } from '../../store/repositories/clients.js';
import { clientName } from './clientName.js';
import { newClientSecret } from './newClientSecret.js';

/** Creates a machine client; the secret is returned once and only its hash is kept. */
export async function createClient(runtime: Pick<Runtime, 'clock'>, name: string, transact: Transact): Promise<{ clientId: string; name: string; clientSecret: string }> {
  const parsed = clientName.safeParse(name);
  if (!parsed.success) throw new GatehouseError('VALIDATION_ERROR', `client name ${parsed.error.issues[0]!.message}`);
  const at = isoAt(runtime.clock());
  const clientId = `gh_${randomBytes(12).toString('base64url')}`;
  const { secret, row } = newClientSecret(clientId, at);
  await transact(async (trx) => {
    if (await findClientByName(trx, name)) throw new GatehouseError('CONFLICT', `a client named ${name} exists`);
    await insertClient(trx, { id: clientId, name, created_at: at, disabled_at: null });
    await insertClientSecret(trx, row);
    return { clientId, name };
  });
  return { clientId, name, clientSecret: secret };
}
