import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { passCookies } from '../../api/passCookies.js';
import { problemsOf, type Problems } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { formText, readForm } from '../../form/readForm.js';
import { Page } from '../../layout/Page.js';
import { renderPage } from '../../layout/renderPage.js';
import type { PageDeps } from '../../PageDeps.js';
import { codeProblemsOf } from './codeProblemsOf.js';
import { ResetForm } from './ResetForm.js';

const forgotForm = z.object({ email: formText(320) });
const resetForm = z.object({ email: formText(320), code: formText(64), password: formText(1024) });

// Fixed messages by name: nothing from the query string is echoed into the page.
const forgotNotices: Record<string, string> = {
  'choose-password': 'Your address is confirmed, but no password came with it. Ask for a code below and choose your password with it.',
};

function ForgotPage({ email, problems, notice }: { email?: string; problems?: Problems; notice?: string }) {
  return (
    <Page title="Forgot your password?">
      <Notice message={notice} />
      <p>Enter the address you signed up with. If it has an account, we send it a code to choose a new password.</p>
      <form method="post" action="/forgot" novalidate>
        <FormAlert message={problems?.form} />
        <Field name="email" label="Email" type="email" autocomplete="username" value={email} error={problems?.fields.email} required />
        <button type="submit">Send code</button>
      </form>
      <p>
        Already have a code? <a href="/reset">Enter it here</a>.
      </p>
    </Page>
  );
}

function ResetPage({ email, problems, notice }: { email?: string; problems?: Problems; notice?: string }) {
  return (
    <Page title="Choose a new password">
      <Notice message={notice} />
      <ResetForm action="/reset" email={email} problems={problems} codeLabel="Code" button="Reset password" />
      <p>
        No code? <a href="/forgot">Ask for one</a>.
      </p>
    </Page>
  );
}

/**
 * `/forgot` asks for a reset code (the API answers 202 whether or not the address has an
 * account, and so does this page); `/reset` sets the new password with it, which ends every
 * session of the account.
 */
export function passwordResetPages({ api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/forgot', (c) => renderPage(c, <ForgotPage notice={forgotNotices[c.req.query('notice') ?? '']} />));
  app.post('/forgot', async (c) => {
    const form = await readForm(c, forgotForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/password/forgot', json: { email: form.email } });
    if (answer.status !== 202) return renderPage(c, <ForgotPage email={form.email} problems={problemsOf(answer, ['email'])} />, refusalStatus(c, answer));
    return renderPage(c, <ResetPage email={form.email} notice={`If ${form.email} has an account, a code is on its way. Enter it below with your new password.`} />);
  });
  app.get('/reset', (c) => renderPage(c, <ResetPage />));
  app.post('/reset', async (c) => {
    const form = await readForm(c, resetForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/password/reset', json: form });
    if (answer.status !== 200) return renderPage(c, <ResetPage email={form.email} problems={codeProblemsOf(answer, ['email', 'code', 'password'])} />, refusalStatus(c, answer));
    // Every session ended: this browser forgets its cookie too.
    passCookies(c, answer);
    return c.redirect('/sign-in?notice=password-reset', 303);
  });
  return app;
}
