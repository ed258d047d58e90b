import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { problemsOf, type Problems } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { Field } from '../../components/Field.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { formText, readForm } from '../../form/readForm.js';
import { Page } from '../../layout/Page.js';
import { renderPage } from '../../layout/renderPage.js';
import type { Viewer } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { formatTime } from './formatTime.js';
import { signedInViewer } from './signedInViewer.js';

const passwordForm = z.object({ csrf: formText(128), currentPassword: formText(1024), password: formText(1024) });

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = {
  'password-changed': 'Your password is changed. Your other sessions have ended.',
};

function PasswordPage({ viewer, problems }: { viewer: Viewer; problems?: Problems }) {
  return (
    <Page title="Change password" viewer={viewer}>
      <FormAlert message={problems?.form} />
      <form method="post" action="/account/password" novalidate>
        <CsrfField token={viewer.csrfToken} />
        <Field name="currentPassword" label="Current password" type="password" autocomplete="current-password" error={problems?.fields.currentPassword} required />
        <Field
          name="password"
          label="New password"
          type="password"
          autocomplete="new-password"
          hint="At least 8 characters. A long phrase is best; common passwords are refused."
          error={problems?.fields.password}
          required
        />
        <button type="submit">Change password</button>
      </form>
      <p>
        <a href="/account">Back to your account</a>
      </p>
    </Page>
  );
}

/** `/account`: who is signed in and how, with the ways to manage it; `/account/password`: change the password. */
export function accountPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.get('/account', async (c) => {
    const viewer = signedInViewer(c, runtime, '/account');
    if (viewer instanceof Response) return viewer;
    const answer = await callApi(c, api, { method: 'GET', path: '/auth/session' });
    if (answer.status !== 200) return c.redirect('/sign-in?next=%2Faccount', 303);
    const { user, session } = answer.body as { user: { email: string; groups: string[] }; session: { mfa: boolean; createdAt: string; expiresAt: string } };
    return renderPage(
      c,
      <Page title="Your account" viewer={viewer}>
        <Notice message={notices[c.req.query('notice') ?? '']} />
        <section aria-labelledby="profile">
          <h2 id="profile">Profile</h2>
          <dl class="profile">
            <dt>Email</dt>
            <dd>{user.email}</dd>
            <dt>Groups</dt>
            <dd>{user.groups.length > 0 ? user.groups.join(', ') : 'None'}</dd>
            <dt>This session</dt>
            <dd>
              Signed in {formatTime(session.createdAt)}, {session.mfa ? 'with a second factor' : 'with a password only'}; ends {formatTime(session.expiresAt)} unless used.
            </dd>
          </dl>
        </section>
        <ul>
          <li>
            <a href="/account/password">Change password</a>
          </li>
          <li>
            <a href="/account/security">Second factors and recovery codes</a>
          </li>
          <li>
            <a href="/account/sessions">Where you are signed in</a>
          </li>
        </ul>
      </Page>,
    );
  });

  app.get('/account/password', (c) => {
    const viewer = signedInViewer(c, runtime, '/account/password');
    if (viewer instanceof Response) return viewer;
    return renderPage(c, <PasswordPage viewer={viewer} />);
  });

  app.post('/account/password', async (c) => {
    const viewer = signedInViewer(c, runtime, '/account/password');
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, passwordForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/password/change', json: { currentPassword: form.currentPassword, password: form.password }, csrfToken: form.csrf });
    if (answer.status === 200) return c.redirect('/account?notice=password-changed', 303);
    const problems = problemsOf(answer, ['currentPassword', 'password']);
    // A wrong current password is that field's error, not the whole form's.
    const shown = problems.code === 'INVALID_CREDENTIALS' ? { fields: { currentPassword: problems.form ?? 'The current password is wrong' }, code: problems.code } : problems;
    return renderPage(c, <PasswordPage viewer={viewer} problems={shown} />, refusalStatus(c, answer));
  });

  return app;
}
