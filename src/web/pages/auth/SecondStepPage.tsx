import type { Problems } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { FormAlert } from '../../components/FormAlert.js';
import { Page } from '../../layout/Page.js';

const codeLabels: Record<string, string> = {
  totp: 'Authenticator app',
  hotp: 'Hardware token',
  sms: 'Text message',
  recovery: 'Recovery code',
};

/** The second step of sign-in: one form a code method, each carrying the step's token. */
export function SecondStepPage(props: { mfaToken: string; methods: string[]; method?: string; next?: string; problems?: Problems }) {
  const codeMethods = props.methods.filter((method) => method in codeLabels && method !== 'sms');
  return (
    <Page title="Second step">
      <FormAlert message={props.problems?.form} />
      {codeMethods.map((method) => (
        <section aria-labelledby={`step-${method}`}>
          <h2 id={`step-${method}`}>{codeLabels[method]}</h2>
          <form method="post" action="/sign-in/verify" novalidate>
            <input type="hidden" name="mfaToken" value={props.mfaToken} />
            <input type="hidden" name="method" value={method} />
            <input type="hidden" name="next" value={props.next ?? ''} />
            <Field
              id={`field-code-${method}`}
              name="code"
              label={method === 'recovery' ? 'Recovery code' : 'Code'}
              inputmode={method === 'recovery' ? 'text' : 'numeric'}
              autocomplete="one-time-code"
              error={props.method === method ? props.problems?.fields.code : undefined}
              required
            />
            <button type="submit">Verify</button>
          </form>
        </section>
      ))}
    </Page>
  );
}
