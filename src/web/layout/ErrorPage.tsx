import type { Viewer } from './viewerOf.js';
import { Page } from './Page.js';

/** A page for an error that has no form to sit beside: not found, refused, or our fault. */
export function ErrorPage({ status, message, viewer }: { status: number; message: string; viewer?: Viewer }) {
  const title = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : status >= 500 ? 'Something went wrong' : 'Request refused';
  return (
    <Page title={title} viewer={viewer}>
      <p class="alert" role="alert">
        {message}
      </p>
      <p>
        <a href="/">Back to the start page</a>
      </p>
    </Page>
  );
}
