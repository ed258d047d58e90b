import type { Problems } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { Field } from '../../components/Field.js';
import { FormAlert } from '../../components/FormAlert.js';
import { Page } from '../../layout/Page.js';
import type { Viewer } from '../../layout/viewerOf.js';
import { securityPath } from './SecurityPage.js';

/** Step two of adding a phone: the code sent to it proves the number is the user's. */
export function SmsVerifyPage({ viewer, factorId, to, problems }: { viewer: Viewer; factorId: string; to?: string; problems?: Problems }) {
  return (
    <Page title="Confirm your phone" viewer={viewer}>
      <FormAlert message={problems?.form} />
      <p>{to ? `A code is on its way to ${to}.` : 'A code is on its way to your phone.'} Enter it below.</p>
      <form method="post" action={`${securityPath}/sms/enable`} novalidate>
        <CsrfField token={viewer.csrfToken} />
        <input type="hidden" name="factorId" value={factorId} />
        <Field name="code" label="Code" inputmode="numeric" autocomplete="one-time-code" error={problems?.fields.code} required />
        <button type="submit">Verify</button>
      </form>
      <p>
        <a href={securityPath}>Cancel</a>
      </p>
    </Page>
  );
}
