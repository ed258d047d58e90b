import type { Problems } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { Field } from '../../components/Field.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { Page } from '../../layout/Page.js';
import type { Viewer } from '../../layout/viewerOf.js';
import { SelectField, type Choice } from './SelectField.js';

/** A grade as the API shows it. */
export interface GradeItem {
  id: string;
  studentId: string;
  course: string;
  score: number;
  updatedAt: string;
}

/** The edit of one grade that failed, to show beside that grade. */
export interface GradeEdit {
  gradeId: string;
  score: string;
  problems: Problems;
}

/** What a teacher's page shows: the class, the chosen student's grades, and the forms. */
export interface TeacherView {
  viewer: Viewer;
  students: Choice[];
  /** The student whose grades are shown, if one is chosen. */
  student?: string;
  grades: GradeItem[];
  notice?: string;
  /** The add form's values and refusal, when it was refused. */
  added?: { studentId: string; course: string; score: string; problems: Problems };
  edit?: GradeEdit;
}

/** `/grades` for a teacher: add a grade for a student, see a student's grades and change a score. */
export function TeacherGradesPage(props: TeacherView) {
  const shown = props.students.find((student) => student.value === props.student);
  return (
    <Page title="Grades" viewer={props.viewer}>
      <Notice message={props.notice} />
      <section aria-labelledby="add-grade">
        <h2 id="add-grade">Add a grade</h2>
        <FormAlert message={props.added?.problems.form} />
        <form method="post" action="/grades" novalidate>
          <CsrfField token={props.viewer.csrfToken} />
          <SelectField id="field-studentId" name="studentId" label="Student" choices={props.students} value={props.added?.studentId ?? props.student} placeholder="Choose a student" error={props.added?.problems.fields.studentId} />
          <Field name="course" label="Course" value={props.added?.course} error={props.added?.problems.fields.course} required />
          <Field name="score" label="Score" inputmode="numeric" value={props.added?.score} error={props.added?.problems.fields.score} hint="From 0 to 1000." required />
          <button type="submit">Add grade</button>
        </form>
      </section>
      <section aria-labelledby="student-grades">
        <h2 id="student-grades">{shown ? `Grades of ${shown.label}` : 'Grades of a student'}</h2>
        <form method="get" action="/grades" class="actions">
          <SelectField id="field-show-student" name="student" label="Show grades of" choices={props.students} value={props.student} placeholder="Choose a student" />
          <button type="submit" class="secondary">
            Show
          </button>
        </form>
        {shown ? <TeacherGradeTable {...props} /> : null}
      </section>
    </Page>
  );
}

function TeacherGradeTable({ grades, viewer, edit, student }: TeacherView) {
  if (grades.length === 0) return <p>No grades yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Score</th>
            <th scope="col">Updated</th>
            <th scope="col">Change the score</th>
          </tr>
        </thead>
        <tbody>
          {grades.map((grade) => {
            const failed = edit?.gradeId === grade.id ? edit : undefined;
            return (
              <tr>
                <th scope="row">{grade.course}</th>
                <td>{String(grade.score)}</td>
                <td>
                  <time datetime={grade.updatedAt}>{grade.updatedAt.slice(0, 16).replace('T', ' ')}</time>
                </td>
                <td>
                  <form method="post" action={`/grades/${grade.id}`} novalidate class="grade-edit">
                    <CsrfField token={viewer.csrfToken} />
                    <input type="hidden" name="student" value={student ?? ''} />
                    <FormAlert message={failed?.problems.form} />
                    <Field id={`field-score-${grade.id}`} name="score" label={`New score for ${grade.course}`} inputmode="numeric" value={failed?.score ?? String(grade.score)} error={failed?.problems.fields.score} required />
                    <button type="submit">Save</button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** `/grades` for anyone else: their own grades, read only. */
export function OwnGradesPage({ viewer, grades }: { viewer: Viewer; grades: GradeItem[] }) {
  return (
    <Page title="Your grades" viewer={viewer}>
      {grades.length === 0 ? (
        <p>You have no grades yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Score</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {grades.map((grade) => (
                <tr>
                  <th scope="row">{grade.course}</th>
                  <td>{String(grade.score)}</td>
                  <td>
                    <time datetime={grade.updatedAt}>{grade.updatedAt.slice(0, 16).replace('T', ' ')}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
