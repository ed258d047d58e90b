import type { Problems } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { FormAlert } from '../../components/FormAlert.js';
import { Page } from '../../layout/Page.js';
import { QrCode } from './QrCode.js';

/** What the enrolment form carries from one try to the next (in hidden fields, never in a URL). */
export interface PendingApp {
  setupToken: string;
  factorId: string;
  secret: string;
  uri: string;
  next?: string;
}

/** Groups of four, as authenticator apps print keys, so a person can type it. */
const grouped = (secret: string) => (secret.match(/.{1,4}/g) ?? []).join(' ');

/** "Enrol a second factor": root or an admin without one scans the app's QR code (or types the key) and proves it with a code. */
export function EnrolFactorPage({ pending, problems }: { pending: PendingApp; problems?: Problems }) {
  return (
    <Page title="Enrol a second factor">
      <p>This account must have a second factor before it can sign in. Set up an authenticator app now.</p>
      <section aria-labelledby="enrol-app">
        <h2 id="enrol-app">Authenticator app</h2>
        <ol>
          <li>Scan this QR code with your authenticator app, or type the key below into it.</li>
          <li>Enter the six-digit code the app shows, and verify.</li>
        </ol>
        <QrCode uri={pending.uri} />
        <p>
          Key: <code class="secret">{grouped(pending.secret)}</code>
        </p>
        <form method="post" action="/setup/factor" novalidate>
          <FormAlert message={problems?.form} />
          <input type="hidden" name="setupToken" value={pending.setupToken} />
          <input type="hidden" name="factorId" value={pending.factorId} />
          <input type="hidden" name="secret" value={pending.secret} />
          <input type="hidden" name="uri" value={pending.uri} />
          <input type="hidden" name="next" value={pending.next ?? ''} />
          <Field name="code" label="Code" inputmode="numeric" autocomplete="one-time-code" error={problems?.fields.code} required />
          <button type="submit">Verify</button>
        </form>
      </section>
    </Page>
  );
}

/** The setup step ended (used, expired, or a factor exists now): sign in again. */
export function EnrolEndedPage() {
  return (
    <Page title="Enrol a second factor">
      <FormAlert message="This setup step has ended: it works once and for a few minutes. Sign in again to start over." />
      <p>
        <a href="/sign-in">Sign in again</a>
      </p>
    </Page>
  );
}
