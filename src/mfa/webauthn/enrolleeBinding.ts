import type { Enrollee } from '../enrol/Enrollee.js';
import type { ChallengeBinding } from './challengeBinding.js';

/** The binding of an enrollee's registration challenge: their session, or their setupToken's pending step. */
export function enrolleeBinding(enrollee: Enrollee): ChallengeBinding {
  return enrollee.via === 'session' ? { session: enrollee.sessionId } : { setup: enrollee.challengeId };
}
