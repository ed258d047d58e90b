import { Hono } from 'hono';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { renderPage } from '../../layout/renderPage.js';
import type { PageDeps } from '../../PageDeps.js';
import { ConsolePage } from './ConsolePage.js';
import { consoleViewer } from './consoleViewer.js';
import { isRefusal, Refusal } from './Refusal.js';

const links = [
  { href: '/console/users', label: 'Users', what: 'find accounts, disable or enable them, end their sessions, change their groups' },
  { href: '/console/policies', label: 'Policies', what: 'read the Cedar policies and schema, check an edit before saving it' },
  { href: '/console/audit', label: 'Audit', what: 'search the audit trail and see whether its hash chain holds (auditors and root)' },
  { href: '/console/blocks', label: 'Blocks', what: 'clients the shield blocked, and lifting a block' },
  { href: '/console/advisor', label: 'Advisor', what: 'the security advisor’s checks of this deployment' },
];

/** `/console`: where administration starts; an administrator without a second factor is told to set one up. */
export function overviewPage({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/console', async (c) => {
    const viewer = consoleViewer(c, runtime);
    if (viewer instanceof Response) return viewer;
    const auditorOnly = viewer.groups.includes('auditors') && !viewer.groups.some((group) => group === 'admins' || group === 'root');
    // Auditors who are not administrators have the audit viewer only; anyone else asks /admin.
    const probe = auditorOnly ? undefined : await callApi(c, api, { method: 'GET', path: '/admin/users?limit=1' });
    const refused = probe && isRefusal(probe) ? probe : undefined;
    const shown = auditorOnly ? links.filter((link) => link.href === '/console/audit') : links;
    return renderPage(
      c,
      <ConsolePage title="Console" viewer={viewer} current="/console">
        {refused ? (
          <Refusal answer={refused} path="/console" />
        ) : (
          <ul class="console-links">
            {shown.map((link) => (
              <li>
                <a href={link.href}>{link.label}</a>: {link.what}
              </li>
            ))}
          </ul>
        )}
      </ConsolePage>,
      refused?.status ?? 200,
    );
  });
  return app;
}
