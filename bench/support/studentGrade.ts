import { callOnce, expectStatus } from './callOnce.js';
import type { Target } from './driveLoad.js';
import type { BenchServer } from './startBenchServer.js';

/** A signed-in user as the load presents them. */
export interface SignedInUser {
  cookie: string;
  csrfToken: string;
}

/**
 * The scene of the request benchmarks: the teacher files a grade for the student, and the
 * student is signed in to read it at `path`.
 */
export async function studentGrade(server: BenchServer): Promise<{ target: Target; path: string; student: SignedInUser }> {
  const target = { origin: server.url, ca: server.certificate };
  const json = { 'content-type': 'application/json' };
  const signIn = async (email: string): Promise<SignedInUser> => {
    const answer = expectStatus(await callOnce(target, 'POST', '/auth/sign-in', json, JSON.stringify({ email, password: server.password })), 200, `sign-in of ${email}`);
    if (!answer.sessionCookie) throw new Error(`sign-in of ${email} set no cookie`);
    return { cookie: `__Host-gatehouse=${answer.sessionCookie}`, csrfToken: JSON.parse(answer.text).csrfToken as string };
  };
  const teacher = await signIn(server.teacher.email);
  const created = expectStatus(
    await callOnce(target, 'POST', '/api/grades', { ...json, cookie: teacher.cookie, 'x-csrf-token': teacher.csrfToken }, JSON.stringify({ studentId: server.student.id, course: 'Mathematics', score: 17 })),
    201,
    'teacher creates a grade',
  );
  const path = `/api/grades/${JSON.parse(created.text).id as string}`;
  return { target, path, student: await signIn(server.student.email) };
}
