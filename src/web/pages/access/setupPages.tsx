import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { defaultRootEmail } from '../../../identity/admin/initRoot.js';
import { callApi } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { cookieHeaderAfter, passCookies } from '../../api/passCookies.js';
import type { Problems } from '../../api/problemsOf.js';
import { otpKeyFields } from '../../form/otpKeyFields.js';
import { formText, readForm } from '../../form/readForm.js';
import { safeNext } from '../../form/safeNext.js';
import { Page } from '../../layout/Page.js';
import { renderPage } from '../../layout/renderPage.js';
import type { PageDeps } from '../../PageDeps.js';
import { codeProblemsOf } from './codeProblemsOf.js';
import { EnrolEndedPage, EnrolFactorPage } from './EnrolFactorPage.js';
import { RecoveryCodesPage } from './RecoveryCodesPage.js';
import { ResetForm } from './ResetForm.js';

const setupForm = z.object({ email: formText(320), code: formText(64), password: formText(1024) });
const factorForm = z.object({
  setupToken: formText(64),
  factorId: formText(64),
  secret: otpKeyFields.secret,
  uri: otpKeyFields.otpauthUri,
  code: formText(64),
  next: formText(512).optional(),
});

function SetupPage({ email, problems }: { email?: string; problems?: Problems }) {
  return (
    <Page title="Set up root">
      <p>
        <code>gatehouse root init</code> printed a one-time setup code. Enter it with the password root will sign in with. Then
        sign in: the first sign-in asks you to enrol a second factor.
      </p>
      <ResetForm action="/setup" email={email ?? defaultRootEmail} problems={problems} codeLabel="Setup code" button="Set password" />
    </Page>
  );
}

/**
 * `/setup`: root's one-time setup code chooses its password (the reset endpoint, as
 * `root init` says); `/setup/factor` enables the first factor of an account whose sign-in
 * answered MFA_SETUP_REQUIRED, shows its recovery codes once, and sends it to sign in with it.
 */
export function setupPages(deps: PageDeps): Hono<HttpEnv> {
  const { api } = deps;
  const app = new Hono<HttpEnv>();
  app.get('/setup', (c) => renderPage(c, <SetupPage />));
  app.post('/setup', async (c) => {
    const form = await readForm(c, setupForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/password/reset', json: form });
    if (answer.status !== 200) return renderPage(c, <SetupPage email={form.email} problems={codeProblemsOf(answer, ['email', 'code', 'password'])} />, refusalStatus(c, answer));
    passCookies(c, answer);
    return c.redirect('/sign-in?notice=password-reset', 303);
  });
  app.post('/setup/factor', async (c) => {
    const form = await readForm(c, factorForm);
    const headers = { 'x-setup-token': form.setupToken };
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/mfa/totp/enable', json: { factorId: form.factorId, code: form.code }, headers });
    const next = safeNext(form.next, '') || undefined;
    if (answer.status === 401) return renderPage(c, <EnrolEndedPage />, 401);
    if (answer.status !== 200) {
      const pending = { setupToken: form.setupToken, factorId: form.factorId, secret: form.secret, uri: form.uri, next };
      return renderPage(c, <EnrolFactorPage pending={pending} problems={codeProblemsOf(answer, ['code'])} />, refusalStatus(c, answer));
    }
    // Enabling with a setup token signed the account in; that session ends here, so the first
    // way in is a sign-in with the new factor, which proves the app holds it.
    if (answer.body?.status === 'SIGNED_IN') {
      await callApi(c, api, { method: 'POST', path: '/auth/sign-out', cookie: cookieHeaderAfter(answer), csrfToken: answer.body.csrfToken });
    }
    return renderPage(c, <RecoveryCodesPage codes={answer.body.recoveryCodes ?? []} next={next} />);
  });
  return app;
}
