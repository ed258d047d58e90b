import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import type { AdminUserView } from '../../../identity/admin/listUsers.js';
import { callApi, type ApiAnswer } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { problemsOf } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { formText, readForm } from '../../form/readForm.js';
import { renderPage } from '../../layout/renderPage.js';
import type { Viewer } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { ConsolePage } from './ConsolePage.js';
import { consoleViewer } from './consoleViewer.js';
import { isRefusal, Refusal } from './Refusal.js';
import { segment } from './segment.js';
import { UserPage } from './UserPage.js';
import { userStatus } from './userStatus.js';

const pageSize = 50;
const actionForm = z.object({ csrf: formText(128) });
const groupForm = z.object({ csrf: formText(128), group: formText(64) });

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = {
  disabled: 'The account is disabled and every session of it has ended.',
  enabled: 'The account is enabled again.',
  'signed-out': 'Every session of this account has ended.',
  'group-added': 'Added to the group.',
  'group-removed': 'Removed from the group.',
};

function UsersTable({ users }: { users: AdminUserView[] }) {
  if (users.length === 0) return <p>No user matches.</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>Users</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Groups</th>
            <th scope="col">Second factors</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr>
              <td>
                <a href={`/console/users/${encodeURIComponent(user.id)}`}>{user.email}</a>
              </td>
              <td>{user.groups.join(', ') || '—'}</td>
              <td>{user.mfa.join(', ') || 'none'}</td>
              <td>{userStatus(user)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `/console/users`: search accounts; `/console/users/:id`: one account and what administrators do to it. */
export function userPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.get('/console/users', async (c) => {
    const viewer = consoleViewer(c, runtime);
    if (viewer instanceof Response) return viewer;
    const query = (c.req.query('query') ?? '').trim().slice(0, 320);
    const after = c.req.query('after')?.slice(0, 320);
    const params = new URLSearchParams({ limit: String(pageSize), ...(query ? { query } : {}), ...(after ? { after } : {}) });
    const answer = await callApi(c, api, { method: 'GET', path: `/admin/users?${params}` });
    const problems = answer.status === 400 ? problemsOf(answer, ['query']) : undefined;
    const next = answer.status === 200 && answer.body.next ? `/console/users?${new URLSearchParams({ ...(query ? { query } : {}), after: answer.body.next })}` : undefined;
    return renderPage(
      c,
      <ConsolePage title="Users" viewer={viewer} current="/console/users">
        {isRefusal(answer) ? (
          <Refusal answer={answer} path="/console/users" />
        ) : (
          <div>
            <form method="get" action="/console/users" role="search">
              <Field name="query" label="Search" type="search" value={query} hint="Part of an e-mail address" error={problems?.fields.query ?? problems?.form} />
              <button type="submit">Search</button>
            </form>
            {answer.status === 200 ? <UsersTable users={answer.body.users} /> : null}
            {next ? (
              <p>
                <a href={next}>Next page</a>
              </p>
            ) : null}
          </div>
        )}
      </ConsolePage>,
      refusalStatus(c, answer),
    );
  });

  const showUser = async (c: Context<HttpEnv>, viewer: Viewer, id: string, failed?: ApiAnswer) => {
    const path = `/console/users/${segment(id)}`;
    const user = await callApi(c, api, { method: 'GET', path: `/admin/users/${segment(id)}` });
    const groups = user.status === 200 ? await callApi(c, api, { method: 'GET', path: '/admin/groups' }) : undefined;
    const status = failed?.status ?? user.status;
    return renderPage(
      c,
      <ConsolePage title="User" viewer={viewer} current="/console/users">
        {user.status !== 200 ? (
          <Refusal answer={user} path={path} />
        ) : (
          <UserPage
            user={user.body}
            groups={groups?.status === 200 ? groups.body.groups : []}
            csrfToken={viewer.csrfToken}
            notice={failed ? undefined : notices[c.req.query('notice') ?? '']}
            problems={failed ? problemsOf(failed, ['group']) : undefined}
          />
        )}
      </ConsolePage>,
      status,
    );
  };

  app.get('/console/users/:id', async (c) => {
    const viewer = consoleViewer(c, runtime);
    if (viewer instanceof Response) return viewer;
    return showUser(c, viewer, c.req.param('id'));
  });

  // Each account action: the form's CSRF token goes to the API, which decides and records it.
  const act = (action: string, call: (id: string, group?: string) => { method: 'POST' | 'PUT' | 'DELETE'; path: string }, notice: string, withGroup = false) =>
    app.post(`/console/users/:id/${action}`, async (c) => {
      const viewer = consoleViewer(c, runtime);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param('id');
      const form = withGroup ? await readForm(c, groupForm) : { ...(await readForm(c, actionForm)), group: undefined };
      const { method, path } = call(segment(id), form.group === undefined ? undefined : segment(form.group));
      const answer = await callApi(c, api, { method, path, csrfToken: form.csrf });
      if (answer.status === 200) return c.redirect(`/console/users/${segment(id)}?notice=${notice}`, 303);
      return showUser(c, viewer, id, answer);
    });
  act('disable', (id) => ({ method: 'POST', path: `/admin/users/${id}/disable` }), 'disabled');
  act('enable', (id) => ({ method: 'POST', path: `/admin/users/${id}/enable` }), 'enabled');
  act('sign-out', (id) => ({ method: 'POST', path: `/admin/users/${id}/sign-out` }), 'signed-out');
  act('groups/add', (id, group) => ({ method: 'PUT', path: `/admin/users/${id}/groups/${group}` }), 'group-added', true);
  act('groups/remove', (id, group) => ({ method: 'DELETE', path: `/admin/users/${id}/groups/${group}` }), 'group-removed', true);

  return app;
}
