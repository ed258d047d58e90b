import { Notice } from '../../components/FormAlert.js';
import { RecoveryCodeList } from '../../components/RecoveryCodeList.js';
import { Page } from '../../layout/Page.js';

/** The ten recovery codes, shown this once, then on to sign in with the new factor. */
export function RecoveryCodesPage({ codes, next }: { codes: string[]; next?: string }) {
  const signIn = next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
  return (
    <Page title="Save your recovery codes">
      <Notice message="Your authenticator app is enrolled." />
      <p>
        Each code below works once, in place of a code from the app, if you lose it. Keep them somewhere safe: they are shown
        only now.
      </p>
      <RecoveryCodeList codes={codes} />
      <p>Then sign in with your password and a code from the app.</p>
      <p>
        <a href={signIn}>Continue to sign in</a>
      </p>
    </Page>
  );
}
