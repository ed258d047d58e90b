import { Hono } from 'hono';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { renderPage } from '../../layout/renderPage.js';
import { Page } from '../../layout/Page.js';
import { viewerOf } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { Notice } from '../../components/FormAlert.js';

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = { 'signed-out': 'You are signed out.' };

/** The start page: what Gatehouse is, and where to go. */
export function homePage({ runtime }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/', (c) => {
    const viewer = viewerOf(c, runtime);
    return renderPage(
      c,
      <Page title="Gatehouse" viewer={viewer}>
        <Notice message={notices[c.req.query('notice') ?? '']} />
        {viewer ? (
          <p>
            Signed in as <strong>{viewer.email}</strong>. Open your <a href="/grades">grades</a>, <a href="/orders">orders</a> or{' '}
            <a href="/channels">channels</a>, or manage your <a href="/account">account</a>.
          </p>
        ) : (
          <p>
            The security layer of this application. <a href="/sign-in">Sign in</a> or <a href="/sign-up">create an account</a>.
          </p>
        )}
      </Page>,
    );
  });
  return app;
}
