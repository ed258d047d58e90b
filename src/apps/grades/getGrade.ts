import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { findGrade } from '../../store/repositories/grades.js';
import type { Authorize } from '../Authorize.js';
import { gradeEntity, gradeView } from './gradeEntity.js';

/** One grade, for its student or a teacher. */
export async function getGrade(runtime: Pick<Runtime, 'db'>, authorize: Authorize, gradeId: string) {
  const grade = await findGrade(runtime.db, gradeId);
  if (!grade) throw new GatehouseError('NOT_FOUND', 'No such grade');
  if (!authorize('ReadGrade', gradeEntity(grade))) throw new GatehouseError('ACCESS_DENIED', 'Students read only their own grades');
  return gradeView(grade);
}
