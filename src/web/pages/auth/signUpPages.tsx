import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { problemsOf, type Problems } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { FormAlert } from '../../components/FormAlert.js';
import { formText, readForm } from '../../form/readForm.js';
import { Page } from '../../layout/Page.js';
import { renderPage } from '../../layout/renderPage.js';
import type { PageDeps } from '../../PageDeps.js';
import { ConfirmForm } from './ConfirmForm.js';

const signUpForm = z.object({ email: formText(320), password: formText(1024) });

function SignUpPage({ email, problems }: { email?: string; problems?: Problems }) {
  return (
    <Page title="Sign up">
      <FormAlert message={problems?.form} />
      <form method="post" action="/sign-up" novalidate>
        <Field name="email" label="Email" type="email" autocomplete="email" value={email} error={problems?.fields.email} required />
        <Field
          name="password"
          label="Password"
          type="password"
          autocomplete="new-password"
          hint="At least 8 characters. A long phrase is best; common passwords are refused."
          error={problems?.fields.password}
          required
        />
        <button type="submit">Sign up</button>
      </form>
      <p>
        Already have an account? <a href="/sign-in">Sign in</a>.
      </p>
    </Page>
  );
}

/** `/sign-up`: the form, and on success the confirmation step with the address filled in. */
export function signUpPages({ api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/sign-up', (c) => renderPage(c, <SignUpPage />));
  app.post('/sign-up', async (c) => {
    const form = await readForm(c, signUpForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/sign-up', json: { email: form.email, password: form.password } });
    if (answer.status !== 201) return renderPage(c, <SignUpPage email={form.email} problems={problemsOf(answer, ['email', 'password'])} />, refusalStatus(c, answer));
    return renderPage(
      c,
      <Page title="Confirm your address">
        <p class="notice" role="status">
          If {form.email} can receive mail, a confirmation code is on its way. Enter it below.
        </p>
        <ConfirmForm email={form.email} />
      </Page>,
    );
  });
  return app;
}
