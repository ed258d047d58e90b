import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { insertGrade } from '../../store/repositories/grades.js';
import { findUserById } from '../../store/repositories/users.js';
import type { GradeRow } from '../../store/schema.js';
import type { Authorize } from '../Authorize.js';
import { gradeEntity, gradeView } from './gradeEntity.js';

/** A teacher records a student's grade in a course. */
export async function createGrade(
  runtime: Pick<Runtime, 'db' | 'clock'>,
  authorize: Authorize,
  input: { actorId: string; studentId: string; course: string; score: number },
  transact: Transact,
) {
  const now = isoAt(runtime.clock());
  const grade: GradeRow = { id: randomUUID(), student_id: input.studentId, course: input.course, score: input.score, created_by: input.actorId, created_at: now, updated_at: now };
  if (!authorize('CreateGrade', gradeEntity(grade))) throw new GatehouseError('ACCESS_DENIED', 'Only teachers record grades');
  if (!(await findUserById(runtime.db, input.studentId))) {
    throw new GatehouseError('VALIDATION_ERROR', 'studentId: no such user', { details: { issues: [{ field: 'studentId', message: 'no such user' }] } });
  }
  return transact(async (trx) => {
    await insertGrade(trx, grade);
    return gradeView(grade);
  });
}
