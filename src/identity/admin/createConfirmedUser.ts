import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { addUserToGroup, groupExists } from '../../store/repositories/groups.js';
import { findUserByEmail, insertUser } from '../../store/repositories/users.js';
import { normalizeEmail } from '../normalizeEmail.js';
import { checkPasswordPolicy } from '../passwords/checkPasswordPolicy.js';
import { hashPassword } from '../passwords/hashPassword.js';
import { rootGroup } from './initRoot.js';

/**
 * An administrator creates a confirmed user, optionally in groups. Without a password the
 * user sets one through "forgot password" (no temporary password ever travels).
 */
export async function createConfirmedUser(
  runtime: Pick<Runtime, 'db' | 'clock'>,
  input: { email: string; password?: string; groups: string[] },
  transact: Transact,
): Promise<{ id: string; email: string; groups: string[] }> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) throw new GatehouseError('VALIDATION_ERROR', `not an e-mail address: ${input.email}`);
  if (input.password !== undefined) checkPasswordPolicy(input.password, email);
  if (input.groups.includes(rootGroup)) throw new GatehouseError('ACCESS_DENIED', 'root is made only by `gatehouse root init`');
  for (const group of input.groups) {
    if (!(await groupExists(runtime.db, group))) throw new GatehouseError('NOT_FOUND', `no such group: ${group}`);
  }
  if (await findUserByEmail(runtime.db, email)) throw new GatehouseError('CONFLICT', `a user with e-mail ${email} exists`);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const now = isoAt(runtime.clock());
  const id = randomUUID();
  return transact(async (trx) => {
    await insertUser(trx, { id, email, password_hash: passwordHash, confirmed_at: now, disabled_at: null, created_at: now, updated_at: now });
    for (const group of input.groups) await addUserToGroup(trx, id, group);
    return { id, email, groups: [...new Set(input.groups)].sort() };
  });
}
