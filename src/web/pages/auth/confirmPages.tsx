import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { problemsOf } from '../../api/problemsOf.js';
import { formText, readForm } from '../../form/readForm.js';
import { Page } from '../../layout/Page.js';
import { renderPage } from '../../layout/renderPage.js';
import type { PageDeps } from '../../PageDeps.js';
import { ConfirmForm } from './ConfirmForm.js';

const confirmForm = z.object({ email: formText(320), code: formText(64) });

/** `/confirm`: enter the code from the mail; then sign in (or choose a password, when none travelled with the code). */
export function confirmPages({ api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/confirm', (c) =>
    renderPage(
      c,
      <Page title="Confirm your address">
        <ConfirmForm />
      </Page>,
    ),
  );
  app.post('/confirm', async (c) => {
    const form = await readForm(c, confirmForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/confirm', json: form });
    if (answer.status !== 200) {
      return renderPage(
        c,
        <Page title="Confirm your address">
          <ConfirmForm email={form.email} problems={problemsOf(answer, ['email', 'code'])} />
        </Page>,
        refusalStatus(c, answer),
      );
    }
    return c.redirect(answer.body?.passwordSet === false ? '/forgot?notice=choose-password' : '/sign-in?notice=confirmed', 303);
  });
  return app;
}
