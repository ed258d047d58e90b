import type { AdminUserView } from '../../../identity/admin/listUsers.js';
import type { Problems } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { userStatus } from './userStatus.js';

/** One account in the console: its state, and the forms that change it. */
export function UserPage({ user, groups, csrfToken, notice, problems }: { user: AdminUserView; groups: string[]; csrfToken: string; notice?: string; problems?: Problems }) {
  const base = `/console/users/${encodeURIComponent(user.id)}`;
  // Root is made only by `gatehouse root init`: it is never offered.
  const joinable = groups.filter((group) => group !== 'root' && !user.groups.includes(group));
  return (
    <div>
      <p>
        <a href="/console/users">All users</a>
      </p>
      <Notice message={notice} />
      <FormAlert message={problems?.form} />
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">{user.email}</h2>
        <dl class="facts">
          <dt>Status</dt>
          <dd>{userStatus(user)}</dd>
          <dt>Second factors</dt>
          <dd>{user.mfa.join(', ') || 'none'}</dd>
          <dt>Created</dt>
          <dd>{user.createdAt}</dd>
          <dt>User id</dt>
          <dd>
            <code>{user.id}</code>
          </dd>
        </dl>
        <div class="actions">
          <form method="post" action={`${base}/${user.disabled ? 'enable' : 'disable'}`} class="inline">
            <CsrfField token={csrfToken} />
            <button type="submit" class={user.disabled ? undefined : 'danger'}>
              {user.disabled ? 'Enable' : 'Disable'}
            </button>
          </form>
          <form method="post" action={`${base}/sign-out`} class="inline">
            <CsrfField token={csrfToken} />
            <button type="submit" class="secondary">
              End sessions
            </button>
          </form>
        </div>
      </section>
      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">Groups</h2>
        {user.groups.length === 0 ? <p>In no group.</p> : null}
        <ul class="memberships">
          {user.groups.map((group) => (
            <li>
              <span>{group}</span>{' '}
              {group === 'root' ? null : (
                <form method="post" action={`${base}/groups/remove`} class="inline">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="group" value={group} />
                  <button type="submit" class="secondary">
                    {`Remove from ${group}`}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {joinable.length > 0 ? (
          <form method="post" action={`${base}/groups/add`}>
            <CsrfField token={csrfToken} />
            <div class={problems?.fields.group ? 'field invalid' : 'field'}>
              <label for="field-group">Group</label>
              <select id="field-group" name="group" aria-invalid={problems?.fields.group ? 'true' : undefined} aria-describedby={problems?.fields.group ? 'field-group-error' : undefined}>
                {joinable.map((group) => (
                  <option value={group}>{group}</option>
                ))}
              </select>
              {problems?.fields.group ? (
                <p class="error" id="field-group-error" role="alert">
                  {problems.fields.group}
                </p>
              ) : null}
            </div>
            <button type="submit">Add to group</button>
          </form>
        ) : null}
      </section>
    </div>
  );
}
