import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listGroupMembers } from '../../store/repositories/groups.js';
import type { Authorize } from '../Authorize.js';

// One class list, bounded: what a teacher's page can show and a request can cost.
const maxStudents = 500;

/** The members of the `students` group (id and e-mail), for the teachers who grade them. */
export async function listStudents(runtime: Pick<Runtime, 'db' | 'clock'>, authorize: Authorize) {
  if (!authorize('ListStudents', { uid: { type: 'Group', id: 'students' }, attrs: {}, parents: [] })) {
    throw new GatehouseError('ACCESS_DENIED', 'Only teachers list the students');
  }
  return listGroupMembers(runtime.db, 'students', maxStudents, isoAt(runtime.clock()));
}
