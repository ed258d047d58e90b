import type { Store } from '../openDatabase.js';
import type { GradeRow } from '../schema.js';

/** Inserts a grade. */
export async function insertGrade(db: Store, grade: GradeRow): Promise<void> {
  await db.insertInto('grades').values(grade).execute();
}

/** Finds a grade by id. */
export function findGrade(db: Store, id: string): Promise<GradeRow | undefined> {
  return db.selectFrom('grades').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets a grade's score. */
export async function updateGradeScore(db: Store, id: string, score: number, at: string): Promise<void> {
  await db.updateTable('grades').set({ score, updated_at: at }).where('id', '=', id).execute();
}

/** A student's grades, oldest first. */
export function listGradesOfStudent(db: Store, studentId: string): Promise<GradeRow[]> {
  return db.selectFrom('grades').selectAll().where('student_id', '=', studentId).orderBy('created_at').orderBy('id').execute();
}
