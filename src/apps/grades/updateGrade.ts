import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { CheckedConfirmation } from '../../mfa/webauthn/confirmation/checkConfirmation.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { findGrade, updateGradeScore } from '../../store/repositories/grades.js';
import type { Authorize } from '../Authorize.js';
import { gradeEntity, gradeView } from './gradeEntity.js';

/** A teacher changes the score of a grade; a signed confirmation, when given, is stored with the update and its audit event. */
export async function updateGrade(runtime: Pick<Runtime, 'db' | 'clock'>, authorize: Authorize, input: { gradeId: string; score: number; confirmation?: CheckedConfirmation }, transact: Transact) {
  const grade = await findGrade(runtime.db, input.gradeId);
  if (!grade) throw new GatehouseError('NOT_FOUND', 'No such grade');
  if (!authorize('UpdateGrade', gradeEntity(grade))) throw new GatehouseError('ACCESS_DENIED', 'Only teachers change grades');
  const at = isoAt(runtime.clock());
  return transact(async (trx) => {
    await updateGradeScore(trx, grade.id, input.score, at);
    const view = gradeView({ ...grade, score: input.score, updated_at: at });
    return input.confirmation ? { ...view, confirmation: await input.confirmation.record(trx) } : view;
  });
}
