import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listGradesOfStudent } from '../../store/repositories/grades.js';
import type { Authorize } from '../Authorize.js';
import { gradeView } from './gradeEntity.js';

/** A student's grades, for that student or a teacher; the resource is the student. */
export async function listGrades(runtime: Pick<Runtime, 'db'>, authorize: Authorize, studentId: string) {
  if (!authorize('ListGrades', { uid: { type: 'User', id: studentId }, attrs: {}, parents: [] })) {
    throw new GatehouseError('ACCESS_DENIED', 'Students read only their own grades');
  }
  return (await listGradesOfStudent(runtime.db, studentId)).map(gradeView);
}
