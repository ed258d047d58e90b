import { callOnce, expectStatus } from './callOnce.js';
import type { Target } from './driveLoad.js';
import type { BenchServer } from './startBenchServer.js';

/** The request the authenticated-path figures load: a student's cookie on their own grade. */
export interface GradeRead {
  target: Target;
  /** `/api/grades/<id>`. */
  path: string;
  /** The student's `Cookie` header. */
  cookie: string;
  /** What Gatehouse answers, for a baseline to answer the same. */
  body: string;
}

/** Signs the teacher in to file a grade for the student, signs the student in, and reads it once. */
export async function studentReadingOwnGrade(server: BenchServer): Promise<GradeRead> {
  const target = { origin: server.url, ca: server.certificate };
  const json = { 'content-type': 'application/json' };
  const signIn = async (email: string) => {
    const answer = expectStatus(await callOnce(target, 'POST', '/auth/sign-in', json, JSON.stringify({ email, password: server.password })), 200, `sign-in of ${email}`);
    if (!answer.sessionCookie) throw new Error(`sign-in of ${email} set no cookie`);
    return { cookie: `__Host-gatehouse=${answer.sessionCookie}`, csrfToken: JSON.parse(answer.text).csrfToken as string };
  };

  const teacher = await signIn(server.teacher.email);
  const created = expectStatus(
    await callOnce(
      target,
      'POST',
      '/api/grades',
      { ...json, cookie: teacher.cookie, 'x-csrf-token': teacher.csrfToken },
      JSON.stringify({ studentId: server.student.id, course: 'Mathematics', score: 17 }),
    ),
    201,
    'teacher creates a grade',
  );
  const gradeId = JSON.parse(created.text).id as string;
  const student = await signIn(server.student.email);
  const path = `/api/grades/${gradeId}`;
  const read = expectStatus(await callOnce(target, 'GET', path, { cookie: student.cookie }), 200, 'student reads their grade');
  return { target, path, cookie: student.cookie, body: read.text };
}
