import type { Problems } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { FormAlert } from '../../components/FormAlert.js';

/** The form that confirms an address with the code from its mail. */
export function ConfirmForm({ email, problems }: { email?: string; problems?: Problems }) {
  return (
    <form method="post" action="/confirm" novalidate>
      <FormAlert message={problems?.form} />
      <Field name="email" label="Email" type="email" autocomplete="email" value={email} error={problems?.fields.email} required />
      <Field name="code" label="Code" inputmode="numeric" autocomplete="one-time-code" error={problems?.fields.code} required />
      <button type="submit">Confirm</button>
    </form>
  );
}
