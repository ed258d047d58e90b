import type { Context } from 'hono';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import type { Runtime } from '../../../runtime/Runtime.js';
import type { ApiAnswer } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { ErrorPage } from '../../layout/ErrorPage.js';
import { renderPage } from '../../layout/renderPage.js';
import { viewerOf } from '../../layout/viewerOf.js';

/** Sends a visitor without a session to sign in, coming back to `back` afterwards. */
export function toSignIn(c: Context<HttpEnv>, back: string): Response {
  return c.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
}

/**
 * Turns an API refusal that no form can show into a page: a step-up when the policy asks for
 * a fresh second factor, sign-in when the session is gone, and otherwise an error page with
 * the API's own status. A 404 says only "not found" — nothing of what may exist behind it.
 */
export function answerRefusal(c: Context<HttpEnv>, runtime: Runtime, answer: ApiAnswer, back: string, notFound: string): Response | Promise<Response> {
  const code = answer.body?.error?.code as string | undefined;
  if (answer.status === 401 && code === 'STEP_UP_REQUIRED') return c.redirect(`/step-up?next=${encodeURIComponent(back)}`, 303);
  if (answer.status === 401) return toSignIn(c, back);
  if (answer.status === 404) return notFoundPage(c, runtime, notFound);
  const message = answer.status < 500 ? (answer.body?.error?.message ?? 'The request was refused.') : 'Something went wrong on our side; the request id says where.';
  return renderPage(c, <ErrorPage status={answer.status} message={message} viewer={viewerOf(c, runtime)} />, refusalStatus(c, answer));
}

/** The page for something that does not exist, or that the viewer may not know exists. */
export function notFoundPage(c: Context<HttpEnv>, runtime: Runtime, message: string): Promise<Response> {
  return renderPage(c, <ErrorPage status={404} message={message} viewer={viewerOf(c, runtime)} />, 404);
}
