import { RecoveryCodeList } from '../../components/RecoveryCodeList.js';
import { Page } from '../../layout/Page.js';
import type { Viewer } from '../../layout/viewerOf.js';
import { securityPath } from './SecurityPage.js';

/** Fresh recovery codes, shown this once: the server keeps only their hashes. */
export function RecoveryCodesPage({ viewer, codes, intro }: { viewer: Viewer; codes: string[]; intro: string }) {
  return (
    <Page title="Your recovery codes" viewer={viewer}>
      <p class="notice" role="status">
        {intro}
      </p>
      <p>Each code signs you in once if you lose your second factor. Save them somewhere safe now: they are not shown again.</p>
      <RecoveryCodeList codes={codes} />
      <p>
        <a href={securityPath}>I have saved them</a>
      </p>
    </Page>
  );
}
