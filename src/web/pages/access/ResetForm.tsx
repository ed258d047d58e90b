import type { Problems } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { FormAlert } from '../../components/FormAlert.js';

/** The form that sets a new password with a mailed code (or root's setup code), posting to `action`. */
export function ResetForm(props: { action: '/reset' | '/setup'; email?: string; problems?: Problems; codeLabel: string; button: string; next?: string }) {
  const { problems } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <FormAlert message={problems?.form} />
      <Field name="email" label="Email" type="email" autocomplete="username" value={props.email} error={problems?.fields.email} required />
      <Field name="code" label={props.codeLabel} inputmode="numeric" autocomplete="one-time-code" error={problems?.fields.code} required />
      <Field
        name="password"
        label="New password"
        type="password"
        autocomplete="new-password"
        hint="At least 8 characters. A long phrase is best; common passwords are refused."
        error={problems?.fields.password}
        required
      />
      <button type="submit">{props.button}</button>
    </form>
  );
}
