import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { saveCode } from '../../store/repositories/codes.js';
import { addUserToGroup, groupHasMembers } from '../../store/repositories/groups.js';
import { findUserByEmail, insertUser } from '../../store/repositories/users.js';
import { issueCode } from '../codes/issueCode.js';
import { normalizeEmail } from '../normalizeEmail.js';

/** The address root signs in with unless another is given. */
export const defaultRootEmail = 'root@gatehouse.local';

// Long enough to reach a terminal and a browser; used once.
const setupCodeTtlMs = 24 * 3_600_000;

/** Root and its admins are made here and nowhere else: `group add root` would mint a second root. */
export const rootGroup = 'root';

/**
 * `gatehouse root init`: creates the one root account, with no password (never a default one),
 * and a one-time setup code that sets its password through `POST /auth/password/reset`. Its
 * sign-in then answers MFA_SETUP_REQUIRED until a second factor is enrolled.
 */
export async function initRoot(runtime: Pick<Runtime, 'db' | 'clock' | 'hmacKey'>, input: { email?: string }, transact: Transact): Promise<{ id: string; email: string; setupCode: string; expiresAt: string }> {
  const email = normalizeEmail(input.email ?? defaultRootEmail);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) throw new GatehouseError('VALIDATION_ERROR', `not an e-mail address: ${input.email}`);
  if (await groupHasMembers(runtime.db, rootGroup)) throw new GatehouseError('CONFLICT', 'root exists already; there is only one');
  if (await findUserByEmail(runtime.db, email)) throw new GatehouseError('CONFLICT', `a user with e-mail ${email} exists`);
  const now = runtime.clock();
  const id = randomUUID();
  const { row, code } = issueCode(runtime, id, 'reset');
  row.expires_at = isoAt(now + setupCodeTtlMs);
  await transact(async (trx) => {
    await insertUser(trx, { id, email, password_hash: null, confirmed_at: isoAt(now), disabled_at: null, created_at: isoAt(now), updated_at: isoAt(now) });
    await addUserToGroup(trx, id, rootGroup);
    await saveCode(trx, row);
    return { id, email, status: 'ROOT_CREATED' };
  });
  return { id, email, setupCode: code, expiresAt: row.expires_at };
}
