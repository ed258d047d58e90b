import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi, type ApiAnswer } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { passCookies } from '../../api/passCookies.js';
import { problemsOf, type Problems } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { formText, readForm } from '../../form/readForm.js';
import { safeNext } from '../../form/safeNext.js';
import { Page } from '../../layout/Page.js';
import { renderPage } from '../../layout/renderPage.js';
import type { PageDeps } from '../../PageDeps.js';
import { enrolFirstFactor } from '../access/enrolFirstFactor.js';
import { methodsFrom, SecondStepPage } from './SecondStepPage.js';

const signInForm = z.object({ email: formText(320), password: formText(1024), next: formText(512).optional() });
const secondStepForm = z.object({ mfaToken: formText(512), method: z.enum(['totp', 'hotp', 'sms', 'recovery']), code: formText(64), methods: formText(64).optional(), next: formText(512).optional() });
const smsChallengeForm = z.object({ mfaToken: formText(512), methods: formText(64).optional(), next: formText(512).optional() });
const stepEnded = { fields: {}, form: 'The second step ended. Sign in again.' };

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = {
  confirmed: 'Your address is confirmed. Sign in.',
  'password-reset': 'Your password is changed and every session has ended. Sign in.',
};

function SignInPage({ email, next, problems, notice }: { email?: string; next?: string; problems?: Problems; notice?: string }) {
  return (
    <Page title="Sign in">
      <Notice message={notice} />
      <FormAlert message={problems?.form} />
      <form method="post" action="/sign-in" novalidate>
        <input type="hidden" name="next" value={next ?? ''} />
        <Field name="email" label="Email" type="email" autocomplete="username" value={email} error={problems?.fields.email} required />
        <Field name="password" label="Password" type="password" autocomplete="current-password" error={problems?.fields.password} required />
        <button type="submit">Sign in</button>
      </form>
      <p>
        <a href="/forgot">Forgot your password?</a> · <a href="/sign-up">Create an account</a>
      </p>
    </Page>
  );
}

/** After a way in: the session cookie goes to the browser, the browser goes where it was headed. */
function signedIn(c: Context<HttpEnv>, answer: ApiAnswer, next: string | undefined): Response {
  passCookies(c, answer);
  return c.redirect(safeNext(next, '/account'), 303);
}

/** `/sign-in`: the password step, then the second step when the account has factors. */
export function signInPages(deps: PageDeps): Hono<HttpEnv> {
  const { api } = deps;
  const app = new Hono<HttpEnv>();
  app.get('/sign-in', (c) => renderPage(c, <SignInPage next={safeNext(c.req.query('next'), '')} notice={notices[c.req.query('notice') ?? '']} />));
  app.post('/sign-in', async (c) => {
    const form = await readForm(c, signInForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/sign-in', json: { email: form.email, password: form.password } });
    if (answer.status !== 200) {
      return renderPage(c, <SignInPage email={form.email} next={form.next} problems={problemsOf(answer, [])} />, refusalStatus(c, answer));
    }
    if (answer.body.status === 'SIGNED_IN') return signedIn(c, answer, form.next);
    if (answer.body.status === 'MFA_REQUIRED') {
      return renderPage(c, <SecondStepPage mfaToken={answer.body.mfaToken} methods={answer.body.methods} next={form.next} />);
    }
    // MFA_SETUP_REQUIRED (root, an admin without a factor): enrol one now, with the setup token.
    return enrolFirstFactor(c, deps, answer.body.setupToken, form.next);
  });
  app.post('/sign-in/verify', async (c) => {
    const form = await readForm(c, secondStepForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/sign-in/mfa', json: { mfaToken: form.mfaToken, method: form.method, code: form.code } });
    if (answer.status === 200 && answer.body.status === 'SIGNED_IN') return signedIn(c, answer, form.next);
    const problems = problemsOf(answer, ['code']);
    // A wrong code keeps the step open; an ended step (too many tries, expired) starts over.
    if (answer.status === 401 || problems.code === 'UNAUTHENTICATED') {
      return renderPage(c, <SignInPage next={form.next} problems={stepEnded} />, 401);
    }
    return renderPage(
      c,
      <SecondStepPage
        mfaToken={form.mfaToken}
        methods={methodsFrom(form.methods, [form.method])}
        method={form.method}
        next={form.next}
        smsSent={form.method === 'sms' ? {} : undefined}
        problems={{ fields: { code: problems.fields.code ?? problems.form ?? 'That code was not accepted' } }}
      />,
      refusalStatus(c, answer),
    );
  });
  // "Send code": the API texts a code for this sign-in; the step comes back with its code field.
  app.post('/sign-in/sms', async (c) => {
    const form = await readForm(c, smsChallengeForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/sign-in/mfa/challenge', json: { mfaToken: form.mfaToken, method: 'sms' } });
    if (answer.status === 401) return renderPage(c, <SignInPage next={form.next} problems={stepEnded} />, 401);
    const methods = methodsFrom(form.methods, ['sms']);
    if (answer.status !== 200) {
      return renderPage(c, <SecondStepPage mfaToken={form.mfaToken} methods={methods} next={form.next} problems={problemsOf(answer, [])} />, refusalStatus(c, answer));
    }
    return renderPage(c, <SecondStepPage mfaToken={form.mfaToken} methods={methods} next={form.next} smsSent={{ to: typeof answer.body?.to === 'string' ? answer.body.to : undefined }} />);
  });
  return app;
}
