import type { CedarEntity } from '../../authz/index.js';
import { entityRef } from '../Authorize.js';

/** The Cedar entity of a grade: policies read its `student`. */
export function gradeEntity(grade: { id: string; student_id: string; course: string }): CedarEntity {
  return { uid: { type: 'Grade', id: grade.id }, attrs: { student: entityRef('User', grade.student_id), course: grade.course }, parents: [] };
}

/** What a grade looks like to API callers. */
export function gradeView(grade: { id: string; student_id: string; course: string; score: number; created_at: string; updated_at: string }) {
  return { id: grade.id, studentId: grade.student_id, course: grade.course, score: grade.score, createdAt: grade.created_at, updatedAt: grade.updated_at };
}
