import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import type { SessionSummary } from '../../../identity/sessions/listSessions.js';
import { callApi, type ApiFetch } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { passCookies } from '../../api/passCookies.js';
import { problemsOf } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { formText, readForm } from '../../form/readForm.js';
import { Page } from '../../layout/Page.js';
import { renderPage } from '../../layout/renderPage.js';
import type { Viewer } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { formatTime } from './formatTime.js';
import { signedInViewer } from './signedInViewer.js';

const endForm = z.object({ csrf: formText(128), sessionId: formText(64) });
const allForm = z.object({ csrf: formText(128) });
const path = '/account/sessions';

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = { 'session-ended': 'That session is signed out.' };

/** Each row's "Sign out" names its session to a screen reader: it differs from the navigation's own. */
function SessionRow({ session, csrfToken }: { session: SessionSummary; csrfToken: string }) {
  const which = `${session.current ? 'this device' : (session.userAgent ?? 'Unknown browser')}, signed in ${formatTime(session.createdAt)}`;
  return (
    <tr>
      <td class="agent">
        {session.current ? <strong>This device. </strong> : null}
        {session.userAgent ?? 'Unknown browser'}
      </td>
      <td>{session.sourceIp ?? 'Unknown'}</td>
      <td>{formatTime(session.createdAt)}</td>
      <td>{formatTime(session.lastSeenAt)}</td>
      <td>{session.mfa ? 'Yes' : 'No'}</td>
      <td>
        <form method="post" action="/account/sessions/end" class="inline">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="sessionId" value={session.id} />
          <button type="submit" class="secondary">
            Sign out<span class="visually-hidden">{` ${which}`}</span>
          </button>
        </form>
      </td>
    </tr>
  );
}

async function sessionsPage(c: Context<HttpEnv>, api: ApiFetch, viewer: Viewer, alert?: string, status = 200): Promise<Response> {
  const answer = await callApi(c, api, { method: 'GET', path: '/auth/sessions' });
  if (answer.status === 401) return c.redirect(`/sign-in?next=${encodeURIComponent(path)}`, 303);
  const sessions: SessionSummary[] = answer.body?.sessions ?? [];
  return renderPage(
    c,
    <Page title="Where you are signed in" viewer={viewer}>
      <Notice message={notices[c.req.query('notice') ?? '']} />
      <FormAlert message={alert ?? (answer.status === 200 ? undefined : problemsOf(answer, []).form)} />
      <div class="table-wrap">
        <table>
          <caption>Your active sessions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Browser</th>
              <th scope="col">Address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">Second factor</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <SessionRow session={session} csrfToken={viewer.csrfToken} />
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action="/account/sessions/all">
        <CsrfField token={viewer.csrfToken} />
        <p class="hint">Ends every session of your account, this one included.</p>
        <button type="submit" class="danger">
          Sign out everywhere
        </button>
      </form>
      <p>
        <a href="/account">Back to your account</a>
      </p>
    </Page>,
    status,
  );
}

/** `/account/sessions`: the live sessions, a "Sign out" on each, and "Sign out everywhere". */
export function sessionsPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.get(path, (c) => {
    const viewer = signedInViewer(c, runtime, path);
    return viewer instanceof Response ? viewer : sessionsPage(c, api, viewer);
  });

  app.post('/account/sessions/end', async (c) => {
    const viewer = signedInViewer(c, runtime, path);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, endForm);
    const answer = await callApi(c, api, { method: 'DELETE', path: `/auth/sessions/${encodeURIComponent(form.sessionId)}`, csrfToken: form.csrf });
    if (answer.status !== 204) return sessionsPage(c, api, viewer, problemsOf(answer, []).form, refusalStatus(c, answer));
    passCookies(c, answer);
    // Ending this browser's own session is signing out.
    if (answer.setCookies.length > 0) return c.redirect('/?notice=signed-out', 303);
    return c.redirect(`${path}?notice=session-ended`, 303);
  });

  app.post('/account/sessions/all', async (c) => {
    const viewer = signedInViewer(c, runtime, path);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, allForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/sign-out/all', csrfToken: form.csrf });
    if (answer.status !== 204) return sessionsPage(c, api, viewer, problemsOf(answer, []).form, refusalStatus(c, answer));
    passCookies(c, answer);
    return c.redirect('/?notice=signed-out', 303);
  });

  return app;
}
