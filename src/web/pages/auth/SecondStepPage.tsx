import type { Problems } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { safeNext } from '../../form/safeNext.js';
import { Page } from '../../layout/Page.js';

const methodNames = ['webauthn', 'totp', 'hotp', 'sms', 'recovery'] as const;

const titles: Record<string, string> = {
  webauthn: 'Security key',
  totp: 'Authenticator app',
  hotp: 'Hardware token',
  sms: 'Text message',
  recovery: 'Recovery code',
};

// Distinct labels, so that each field is found by its own name when several methods are offered.
const codeLabels: Record<string, string> = { totp: 'Code', hotp: 'Token code', sms: 'Text message code', recovery: 'Recovery code' };

/** The methods a form carries back (`methods` hidden field), known names only; `fallback` when none. */
export function methodsFrom(text: string | undefined, fallback: string[]): string[] {
  const named = (text ?? '').split(',').filter((name) => (methodNames as readonly string[]).includes(name));
  return named.length > 0 ? named : fallback;
}

/** What the second step is drawn from: the step's token, the methods the API offered, and how the last try went. */
export interface SecondStepProps {
  mfaToken: string;
  methods: string[];
  /** The method the problems belong to. */
  method?: string;
  next?: string;
  problems?: Problems;
  /** A text message was sent (to this masked number): its code field is shown. */
  smsSent?: { to?: string };
}

/** The hidden fields every form of the step carries. */
function StepFields(props: SecondStepProps) {
  return (
    <>
      <input type="hidden" name="mfaToken" value={props.mfaToken} />
      <input type="hidden" name="methods" value={props.methods.join(',')} />
      <input type="hidden" name="next" value={props.next ?? ''} />
    </>
  );
}

function CodeForm({ props, method }: { props: SecondStepProps; method: string }) {
  return (
    <form method="post" action="/sign-in/verify" novalidate>
      <StepFields {...props} />
      <input type="hidden" name="method" value={method} />
      <Field
        id={`field-code-${method}`}
        name="code"
        label={codeLabels[method]!}
        inputmode={method === 'recovery' ? 'text' : 'numeric'}
        autocomplete="one-time-code"
        error={props.method === method ? props.problems?.fields.code : undefined}
        required
      />
      <button type="submit">Verify</button>
    </form>
  );
}

function KeySection(props: SecondStepProps) {
  return (
    <>
      {/* Shown until the page's script runs: without it, a key cannot sign in. */}
      <p id="key-sign-in-needs-script">Signing in with a security key needs JavaScript, which is not running on this page.</p>
      <div id="key-sign-in" data-mfa-token={props.mfaToken} data-next={safeNext(props.next, '/account')} hidden>
        <p id="key-sign-in-alert" class="alert" role="alert" hidden></p>
        <button type="button" id="key-sign-in-button">
          Use security key
        </button>
      </div>
    </>
  );
}

function SmsSection(props: SecondStepProps) {
  return (
    <>
      {props.smsSent ? <Notice message={`A code is on its way to ${props.smsSent.to ?? 'your phone'}.`} /> : null}
      <form method="post" action="/sign-in/sms">
        <StepFields {...props} />
        <button type="submit" class={props.smsSent ? 'secondary' : undefined}>
          {props.smsSent ? 'Send another code' : 'Send code'}
        </button>
      </form>
      {props.smsSent ? <CodeForm props={props} method="sms" /> : null}
    </>
  );
}

/** The second step of sign-in: a section for each method the account has, each carrying the step's token. */
export function SecondStepPage(props: SecondStepProps) {
  const offered = methodNames.filter((method) => props.methods.includes(method));
  return (
    <Page title="Second step" scripts={offered.includes('webauthn') ? ['signInWithKey'] : []}>
      <FormAlert message={props.problems?.form} />
      {offered.map((method) => (
        <section aria-labelledby={`step-${method}`}>
          <h2 id={`step-${method}`}>{titles[method]}</h2>
          {method === 'webauthn' ? <KeySection {...props} /> : method === 'sms' ? <SmsSection {...props} /> : <CodeForm props={props} method={method} />}
        </section>
      ))}
    </Page>
  );
}
