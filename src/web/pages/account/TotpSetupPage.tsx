import { raw } from 'hono/html';
import type { Problems } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { Field } from '../../components/Field.js';
import { FormAlert } from '../../components/FormAlert.js';
import { Page } from '../../layout/Page.js';
import type { Viewer } from '../../layout/viewerOf.js';
import { securityPath } from './SecurityPage.js';

/** A pending authenticator app: its QR code, its key as text, and the first code that enables it. */
export interface TotpSetup {
  factorId: string;
  secret: string;
  otpauthUri: string;
  /** The QR code as SVG, drawn by the `qrcode` library on the server: trusted markup, no script, no style attribute. */
  qrSvg: string;
}

/** Step two of adding an app: scan the code (or type the key), then prove it with a code. */
export function TotpSetupPage({ viewer, setup, problems }: { viewer: Viewer; setup: TotpSetup; problems?: Problems }) {
  return (
    <Page title="Set up an authenticator app" viewer={viewer}>
      <FormAlert message={problems?.form} />
      <section aria-labelledby="scan">
        <h2 id="scan">1. Add the account to your app</h2>
        <p>Scan this QR code with the app:</p>
        <div class="qr" role="img" aria-label="QR code for your authenticator app">
          {raw(setup.qrSvg)}
        </div>
        <div class="field">
          <label for="totp-secret">Or type this key into the app</label>
          <input id="totp-secret" class="secret" type="text" value={setup.secret} readonly />
        </div>
      </section>
      <section aria-labelledby="prove">
        <h2 id="prove">2. Enter the code the app shows</h2>
        <form method="post" action={`${securityPath}/totp/enable`} novalidate>
          <CsrfField token={viewer.csrfToken} />
          <input type="hidden" name="factorId" value={setup.factorId} />
          <input type="hidden" name="secret" value={setup.secret} />
          <input type="hidden" name="otpauthUri" value={setup.otpauthUri} />
          <Field name="code" label="Code" inputmode="numeric" autocomplete="one-time-code" error={problems?.fields.code} required />
          <button type="submit">Verify</button>
        </form>
      </section>
      <p>
        <a href={securityPath}>Cancel</a>
      </p>
    </Page>
  );
}
