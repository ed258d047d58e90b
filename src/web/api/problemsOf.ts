import type { ApiAnswer } from './callApi.js';

/** An API refusal as a form shows it: messages beside the fields they name, and one for the whole form. */
export interface Problems {
  fields: Record<string, string>;
  form?: string;
  code?: string;
}

/**
 * Reads the contract's error (`{error:{code, message, details}}`) into messages for the form:
 * validation issues go beside their field (when the form has it), everything else above the form.
 */
export function problemsOf(answer: ApiAnswer, formFields: readonly string[]): Problems {
  const error = answer.body?.error as { code?: string; message?: string; details?: any } | undefined;
  const message = error?.message ?? `The request failed (${answer.status})`;
  const fields: Record<string, string> = {};
  const issues: Array<{ field?: string; message?: string }> = error?.details?.issues ?? (error?.details?.field ? [{ field: error.details.field, message }] : []);
  for (const issue of issues) {
    const field = issue.field?.split('.')[0];
    if (field && formFields.includes(field) && !fields[field]) fields[field] = issue.message ?? message;
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, form: placed ? undefined : message, code: error?.code };
}
