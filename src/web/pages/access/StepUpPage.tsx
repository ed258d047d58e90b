import type { Problems } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { Field } from '../../components/Field.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { Page } from '../../layout/Page.js';
import type { Viewer } from '../../layout/viewerOf.js';

/** A way to step up that takes a typed code. */
export type CodeMethod = 'totp' | 'hotp' | 'sms' | 'recovery';

/** What the step-up page offers: the user's methods, from `GET /auth/mfa`. */
export interface StepUpOffer {
  codeMethods: CodeMethod[];
  securityKey: boolean;
}

const headings: Record<CodeMethod, string> = {
  totp: 'Authenticator app',
  hotp: 'Hardware token',
  sms: 'Text message',
  recovery: 'Recovery code',
};

// Distinct labels, as on the second step of sign-in, so each field is found by its own name.
const codeLabels: Record<CodeMethod, string> = { totp: 'Code', hotp: 'Token code', sms: 'Text message code', recovery: 'Recovery code' };

interface StepUpProps {
  viewer: Viewer;
  offer: StepUpOffer;
  /** Already safe (`safeNext`): where to go once stepped up. */
  next: string;
  /** The method whose form the problems belong to. */
  method?: CodeMethod;
  problems?: Problems;
  notice?: string;
  /** The text message was sent: its code form is shown. */
  smsSent?: boolean;
}

function CodeForm({ viewer, method, next, error }: { viewer: Viewer; method: CodeMethod; next: string; error?: string }) {
  return (
    <form method="post" action="/step-up" novalidate>
      <CsrfField token={viewer.csrfToken} />
      <input type="hidden" name="method" value={method} />
      <input type="hidden" name="next" value={next} />
      <Field
        id={`field-code-${method}`}
        name="code"
        label={codeLabels[method]}
        inputmode={method === 'recovery' ? 'text' : 'numeric'}
        autocomplete="one-time-code"
        error={error}
        required
      />
      <button type="submit">Verify</button>
    </form>
  );
}

/**
 * "Confirm it's you": one section per second factor the user has; a security key works
 * through the page's script (its section stays hidden without scripts, where it cannot work).
 */
export function StepUpPage(props: StepUpProps) {
  const { viewer, offer, next } = props;
  const errorFor = (method: CodeMethod) => (props.method === method ? props.problems?.fields.code : undefined);
  const none = offer.codeMethods.length === 0 && !offer.securityKey;
  return (
    <Page title="Confirm it's you" viewer={viewer} scripts={offer.securityKey ? ['stepUpWithKey'] : []}>
      <Notice message={props.notice} />
      <FormAlert message={props.problems?.form} />
      {none ? (
        <p>
          This action needs a second factor, and your account has none yet. Add one on your <a href="/account">account page</a>.
        </p>
      ) : (
        <p>This action needs a second factor again. Use any one of yours.</p>
      )}
      {offer.securityKey ? (
        <section id="step-up-key" aria-labelledby="step-webauthn" data-next={next} hidden>
          <h2 id="step-webauthn">Security key</h2>
          <p>Your browser asks you to touch or unlock the key.</p>
          <p class="alert" id="step-up-key-alert" role="alert" hidden></p>
          <button type="button">Use security key</button>
        </section>
      ) : null}
      {offer.codeMethods.map((method) => (
        <section aria-labelledby={`step-${method}`}>
          <h2 id={`step-${method}`}>{headings[method]}</h2>
          {method === 'sms' && !props.smsSent ? (
            <form method="post" action="/step-up/sms" novalidate>
              <CsrfField token={viewer.csrfToken} />
              <input type="hidden" name="next" value={next} />
              <button type="submit">Text me a code</button>
            </form>
          ) : (
            <CodeForm viewer={viewer} method={method} next={next} error={errorFor(method)} />
          )}
        </section>
      ))}
    </Page>
  );
}
