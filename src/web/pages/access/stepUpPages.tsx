import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi, type ApiFetch } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { problemsOf } from '../../api/problemsOf.js';
import { formText, readForm } from '../../form/readForm.js';
import { safeNext } from '../../form/safeNext.js';
import { ErrorPage } from '../../layout/ErrorPage.js';
import { renderPage } from '../../layout/renderPage.js';
import { viewerOf, type Viewer } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { codeProblemsOf } from './codeProblemsOf.js';
import { StepUpPage, type CodeMethod, type StepUpOffer } from './StepUpPage.js';

const codeMethods = ['totp', 'hotp', 'sms', 'recovery'] as const satisfies readonly CodeMethod[];
const stepUpForm = z.object({ csrf: formText(128), method: z.enum(codeMethods), code: formText(64), next: formText(512).optional() });
const smsForm = z.object({ csrf: formText(128), next: formText(512).optional() });

/** Where a step-up sends the browser once done: a path on this site, the account page by default. */
const nextOf = (next: string | undefined) => safeNext(next, '/account');

/** Nobody is signed in (or the session just ended): sign in, and go on from there. */
const toSignIn = (c: Context<HttpEnv>, next: string) => c.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);

/** The user's ways to step up, from `GET /auth/mfa`: enabled factors, and recovery codes while some are left. */
async function offerOf(c: Context<HttpEnv>, api: ApiFetch): Promise<{ status: number; offer?: StepUpOffer }> {
  const answer = await callApi(c, api, { method: 'GET', path: '/auth/mfa' });
  if (answer.status !== 200) return { status: refusalStatus(c, answer) };
  const types = new Set<string>((answer.body.factors as Array<{ type: string; enabled: boolean }>).filter((f) => f.enabled).map((f) => f.type));
  const offered = codeMethods.filter((method) => (method === 'recovery' ? answer.body.recoveryCodesLeft > 0 : types.has(method)));
  return { status: 200, offer: { codeMethods: offered, securityKey: types.has('webauthn') } };
}

/**
 * `/step-up?next=<path>`: a signed-in person proves a second factor again (the apps and the
 * account page send them here on 401 STEP_UP_REQUIRED), then goes on to `next`.
 */
export function stepUpPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  /** Draws the page again for `viewer` (after a refused code, or with the text message sent). */
  async function again(c: Context<HttpEnv>, viewer: Viewer, next: string, extra: Omit<Parameters<typeof StepUpPage>[0], 'viewer' | 'offer' | 'next'>, status: number) {
    const { status: listed, offer } = await offerOf(c, api);
    if (listed === 401) return toSignIn(c, next);
    if (!offer) return renderPage(c, <ErrorPage status={listed} message="Your second factors could not be listed." viewer={viewer} />, listed);
    return renderPage(c, <StepUpPage viewer={viewer} offer={offer} next={next} {...extra} />, status);
  }

  app.get('/step-up', async (c) => {
    const next = nextOf(c.req.query('next'));
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, next);
    return again(c, viewer, next, {}, 200);
  });

  app.post('/step-up', async (c) => {
    const form = await readForm(c, stepUpForm);
    const next = nextOf(form.next);
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, next);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/step-up', json: { method: form.method, code: form.code }, csrfToken: form.csrf });
    if (answer.status === 200) return c.redirect(next, 303);
    if (answer.status === 401) return toSignIn(c, next);
    const problems = codeProblemsOf(answer, ['code']);
    return again(c, viewer, next, { method: form.method, problems, smsSent: form.method === 'sms' }, refusalStatus(c, answer));
  });

  app.post('/step-up/sms', async (c) => {
    const form = await readForm(c, smsForm);
    const next = nextOf(form.next);
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, next);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/step-up/challenge', json: { method: 'sms' }, csrfToken: form.csrf });
    if (answer.status === 401) return toSignIn(c, next);
    if (answer.status !== 200) return again(c, viewer, next, { problems: problemsOf(answer, []) }, refusalStatus(c, answer));
    return again(c, viewer, next, { smsSent: true, notice: `A code is on its way to ${answer.body.to}.` }, 200);
  });

  return app;
}
