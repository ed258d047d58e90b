import type { ApiAnswer } from '../../api/callApi.js';
import { problemsOf, type Problems } from '../../api/problemsOf.js';

/**
 * `problemsOf`, with a refused code (INVALID_CODE, which names no field) placed beside the
 * form's code field, where the person typed it.
 */
export function codeProblemsOf(answer: ApiAnswer, formFields: readonly string[], codeField = 'code'): Problems {
  const problems = problemsOf(answer, formFields);
  if (problems.code !== 'INVALID_CODE' || !problems.form) return problems;
  return { fields: { ...problems.fields, [codeField]: problems.form }, code: problems.code };
}
