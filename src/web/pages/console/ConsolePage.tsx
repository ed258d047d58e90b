import type { Child } from 'hono/jsx';
import { Page } from '../../layout/Page.js';
import type { Viewer } from '../../layout/viewerOf.js';

const sections = [
  { href: '/console', label: 'Overview' },
  { href: '/console/users', label: 'Users' },
  { href: '/console/policies', label: 'Policies' },
  { href: '/console/audit', label: 'Audit' },
  { href: '/console/blocks', label: 'Blocks' },
  { href: '/console/advisor', label: 'Advisor' },
];

/** A console page: the layout, with the console's own navigation above the content. */
export function ConsolePage({ title, viewer, current, children }: { title: string; viewer: Viewer; current: string; children?: Child }) {
  return (
    <Page title={title} viewer={viewer}>
      <nav aria-label="Console" class="console-nav">
        {sections.map((section) => (
          <a href={section.href} aria-current={section.href === current ? 'page' : undefined}>
            {section.label}
          </a>
        ))}
      </nav>
      {children}
    </Page>
  );
}
