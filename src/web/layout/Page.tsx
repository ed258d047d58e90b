import type { Child } from 'hono/jsx';
import type { Viewer } from './viewerOf.js';

/** What every page is drawn with. */
export interface PageProps {
  title: string;
  viewer?: Viewer;
  /** Client scripts by name (`/assets/<name>.js`), loaded as modules; the page works without them where it can. */
  scripts?: string[];
  children?: Child;
}

/**
 * The one layout: a skip link, the navigation, one `<main>` with the page's `<h1>`, the
 * stylesheet and the page's scripts from our own origin (the CSP allows nothing inline).
 */
export function Page({ title, viewer, scripts = [], children }: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Gatehouse`}</title>
        <link rel="stylesheet" href="/assets/gatehouse.css" />
        {viewer ? <meta name="csrf-token" content={viewer.csrfToken} /> : null}
        {scripts.map((name) => (
          <script type="module" src={`/assets/${name}.js`}></script>
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/">
            Gatehouse
          </a>
          <Nav viewer={viewer} />
        </header>
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

function Nav({ viewer }: { viewer?: Viewer }) {
  if (!viewer) {
    return (
      <nav aria-label="Main">
        <a href="/sign-in">Sign in</a>
        <a href="/sign-up">Sign up</a>
      </nav>
    );
  }
  return (
    <nav aria-label="Main">
      <a href="/grades">Grades</a>
      <a href="/orders">Orders</a>
      <a href="/channels">Channels</a>
      <a href="/account">Account</a>
      {viewer.console ? <a href="/console">Console</a> : null}
      <form method="post" action="/sign-out" class="inline">
        <input type="hidden" name="csrf" value={viewer.csrfToken} />
        <button type="submit">Sign out</button>
      </form>
    </nav>
  );
}
