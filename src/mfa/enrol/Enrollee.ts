import { isoAt } from '../../clock/clock.js';
import { sha256Hex } from '../../crypto/digest.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { isDisabled } from '../../identity/accountDisabled.js';
import type { SignedIn } from '../../identity/sessions/resolveSession.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listUserGroups } from '../../store/repositories/groups.js';
import { findLiveChallenge } from '../../store/repositories/mfaChallenges.js';
import { hasEnabledFactor } from '../../store/repositories/mfaFactors.js';
import { findUserById } from '../../store/repositories/users.js';
import { requireRecentAuthentication } from '../policy/authTime.js';

/** Who enrols a factor: a recently signed-in session, or root/an admin holding a setupToken. */
export type Enrollee =
  | { via: 'session'; user: { id: string; email: string }; groups: string[]; sessionId: string }
  | { via: 'setup'; user: { id: string; email: string }; groups: string[]; challengeId: string };

/**
 * A session may enrol or remove factors only within ten minutes of signing in (or stepping
 * up), and, once the user has a factor, only if it proved one: a password alone must not
 * remove a factor, add another or take fresh recovery codes.
 */
export async function sessionEnrollee(runtime: Pick<Runtime, 'clock' | 'db'>, caller: SignedIn): Promise<Enrollee> {
  requireRecentAuthentication(caller.session, runtime.clock());
  if (caller.session.mfa !== 1 && (await hasEnabledFactor(runtime.db, caller.user.id))) {
    throw new GatehouseError('STEP_UP_REQUIRED', 'Prove a second factor (POST /auth/step-up) to change your second factors');
  }
  return { via: 'session', user: caller.user, groups: caller.groups, sessionId: caller.session.id };
}

/** The holder of a live setupToken (from MFA_SETUP_REQUIRED); 401 otherwise. */
export async function setupEnrollee(runtime: Runtime, setupToken: string): Promise<Enrollee> {
  const challenge = await findLiveChallenge(runtime.db, sha256Hex(setupToken), 'setup', isoAt(runtime.clock()));
  const user = challenge && (await findUserById(runtime.db, challenge.user_id));
  // Only for a first factor: once one is enrolled, changes go through an MFA-proven session.
  if (!challenge || !user || isDisabled(user, runtime.clock()) || (await hasEnabledFactor(runtime.db, user.id))) {
    throw new GatehouseError('UNAUTHENTICATED', 'The setup token is unknown, used or expired; sign in again');
  }
  return { via: 'setup', user, groups: await listUserGroups(runtime.db, user.id), challengeId: challenge.id };
}

/** Whom the audit event names: the enrollee and, for a session, that session. */
export function actingAs(enrollee: Enrollee): { principalId: string; sessionId: string | null } {
  return { principalId: enrollee.user.id, sessionId: enrollee.via === 'session' ? enrollee.sessionId : null };
}

/** Enrolment tries per user: five per ten minutes, twenty a day. */
export const enrolmentTries = { short: { max: 5, windowMs: 10 * 60_000 }, day: { max: 20, windowMs: 24 * 3_600_000 } };
