import { GatehouseError, isGatehouseError } from '../../errors/GatehouseError.js';
import { startConfirmation, type ConfirmationRequest } from '../../mfa/webauthn/confirmation/startConfirmation.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { findGrade } from '../../store/repositories/grades.js';
import type { Authorize } from '../Authorize.js';
import { gradeEntity } from './gradeEntity.js';
import { gradeUpdateAction } from './gradeUpdateAction.js';

/** A teacher asks to confirm a grade update with a security key: the challenge is the hash of exactly that update. */
export async function requestGradeConfirmation(
  runtime: Pick<Runtime, 'db' | 'clock' | 'config'>,
  authorize: Authorize,
  input: { actorId: string; sessionId: string; gradeId: string; score: number },
  transact: Transact,
): Promise<ConfirmationRequest> {
  const grade = await findGrade(runtime.db, input.gradeId);
  if (!grade) throw new GatehouseError('NOT_FOUND', 'No such grade');
  if (!allowedWithFreshMfa(() => authorize('UpdateGrade', gradeEntity(grade)))) throw new GatehouseError('ACCESS_DENIED', 'Only teachers change grades');
  return startConfirmation(runtime, { actor: input.actorId, sessionId: input.sessionId, ...gradeUpdateAction(grade.id, input.score) }, transact);
}

// STEP_UP_REQUIRED means that a second factor proven now would allow the update: the
// confirmation asked for here is that factor, so it may be asked for.
function allowedWithFreshMfa(decide: () => boolean): boolean {
  try {
    return decide();
  } catch (error) {
    if (isGatehouseError(error, 'STEP_UP_REQUIRED')) return true;
    throw error;
  }
}
