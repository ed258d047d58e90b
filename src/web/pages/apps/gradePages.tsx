import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { problemsOf, type Problems } from '../../api/problemsOf.js';
import { formText, readForm } from '../../form/readForm.js';
import { renderPage } from '../../layout/renderPage.js';
import { viewerOf, type Viewer } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { answerRefusal, notFoundPage, toSignIn } from './answerRefusal.js';
import { OwnGradesPage, TeacherGradesPage, type GradeEdit, type TeacherView } from './GradesPage.js';
import { readScore } from './readScore.js';

const anId = /^[A-Za-z0-9_-]{1,64}$/;
const addForm = z.object({ csrf: formText(128), studentId: formText(64), course: formText(200), score: formText(16) });
const editForm = z.object({ csrf: formText(128), score: formText(16), student: formText(64).optional() });

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = { 'grade-added': 'Grade added.', 'grade-saved': 'Score saved.' };

/** Who may write grades is Cedar's decision (the API enforces it); the group only chooses which page to draw. */
const isTeacher = (viewer: Viewer) => viewer.groups.includes('teachers');

/** The page a chosen student's grades are shown on. */
const gradesOf = (student: string | undefined) => (student && anId.test(student) ? `/grades?student=${encodeURIComponent(student)}` : '/grades');

/** `path` with a fixed notice's name added to its query. */
const withNotice = (path: string, notice: string) => `${path}${path.includes('?') ? '&' : '?'}notice=${notice}`;

/** `/grades`: teachers add and change grades; everyone else reads their own. */
export function gradePages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  /** Draws the teacher's page from the API: the class list, and the chosen student's grades. */
  async function teacherPage(c: Context<HttpEnv>, viewer: Viewer, view: Omit<TeacherView, 'viewer' | 'students' | 'grades'>, status = 200) {
    const students = await callApi(c, api, { method: 'GET', path: '/api/grades/students' });
    if (students.status !== 200) return answerRefusal(c, runtime, students, '/grades', 'There is no class list here.');
    const choices = (students.body.students as Array<{ id: string; email: string }>).map((student) => ({ value: student.id, label: student.email }));
    const student = view.student && choices.some((choice) => choice.value === view.student) ? view.student : undefined;
    let grades: TeacherView['grades'] = [];
    if (student) {
      const listed = await callApi(c, api, { method: 'GET', path: `/api/grades?studentId=${encodeURIComponent(student)}` });
      if (listed.status !== 200) return answerRefusal(c, runtime, listed, '/grades', 'There are no such grades.');
      grades = listed.body.grades;
    }
    return renderPage(c, <TeacherGradesPage {...view} viewer={viewer} students={choices} student={student} grades={grades} />, status);
  }

  app.get('/grades', async (c) => {
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, '/grades');
    const notice = notices[c.req.query('notice') ?? ''];
    if (isTeacher(viewer)) return teacherPage(c, viewer, { student: c.req.query('student'), notice });
    // Without studentId the API lists the caller's own grades, and only those.
    const own = await callApi(c, api, { method: 'GET', path: '/api/grades' });
    if (own.status !== 200) return answerRefusal(c, runtime, own, '/grades', 'There are no such grades.');
    return renderPage(c, <OwnGradesPage viewer={viewer} grades={own.body.grades} />);
  });

  app.post('/grades', async (c) => {
    const form = await readForm(c, addForm);
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, '/grades');
    const score = readScore(form.score);
    const refused = (problems: Problems, status: number) =>
      teacherPage(c, viewer, { student: anId.test(form.studentId) ? form.studentId : undefined, added: { ...form, problems } }, status);
    if (score === undefined) return refused({ fields: { score: 'Enter a number from 0 to 1000' } }, 400);
    if (!form.studentId) return refused({ fields: { studentId: 'Choose a student' } }, 400);
    const answer = await callApi(c, api, { method: 'POST', path: '/api/grades', json: { studentId: form.studentId, course: form.course, score }, csrfToken: form.csrf });
    if (answer.status === 201) return c.redirect(withNotice(gradesOf(form.studentId), 'grade-added'), 303);
    if (answer.status === 401) return answerRefusal(c, runtime, answer, '/grades', '');
    return refused(problemsOf(answer, ['studentId', 'course', 'score']), refusalStatus(c, answer));
  });

  app.post('/grades/:id', async (c) => {
    const form = await readForm(c, editForm);
    const gradeId = c.req.param('id');
    const back = gradesOf(form.student);
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, back);
    // Only an id goes into the API's path: `..` or `/` would reach another route.
    if (!anId.test(gradeId)) return notFoundPage(c, runtime, 'There is no such grade.');
    const score = readScore(form.score);
    const refused = (edit: GradeEdit, status: number) => teacherPage(c, viewer, { student: form.student, edit }, status);
    if (score === undefined) return refused({ gradeId, score: form.score, problems: { fields: { score: 'Enter a number from 0 to 1000' } } }, 400);
    const answer = await callApi(c, api, { method: 'PUT', path: `/api/grades/${encodeURIComponent(gradeId)}`, json: { score }, csrfToken: form.csrf });
    if (answer.status === 200) return c.redirect(withNotice(back, 'grade-saved'), 303);
    if (answer.status === 400) return refused({ gradeId, score: form.score, problems: problemsOf(answer, ['score']) }, 400);
    // A change needs a second factor proven lately (grades.update-needs-fresh-mfa): 401 STEP_UP_REQUIRED goes to /step-up and back.
    return answerRefusal(c, runtime, answer, back, 'There is no such grade.');
  });

  return app;
}
