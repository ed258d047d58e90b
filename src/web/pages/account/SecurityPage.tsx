import type { Problems } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { Field } from '../../components/Field.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { Page } from '../../layout/Page.js';
import type { Viewer } from '../../layout/viewerOf.js';
import { formatTime } from './formatTime.js';

/** A factor as `GET /auth/mfa` lists it (never its secret). */
export interface FactorSummary {
  id: string;
  type: string;
  label: string;
  enabled: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Which part of the page a refusal belongs to, so it is shown there. */
export type SecuritySection = 'factors' | 'totp' | 'key' | 'hotp' | 'sms' | 'recovery';

/** What the security page is drawn from. */
export interface SecurityPageProps {
  viewer: Viewer;
  factors: FactorSummary[];
  recoveryCodesLeft: number;
  notice?: string;
  refused?: { section: SecuritySection; problems: Problems; values?: Record<string, string> };
}

const typeNames: Record<string, string> = { totp: 'Authenticator app', hotp: 'Hardware token', sms: 'Text message', webauthn: 'Security key' };

/** The page's path, for the links that come back to it. */
export const securityPath = '/account/security';

/**
 * A refusal of a section's form. Changing factors needs a sign-in within ten minutes (and a
 * proven factor once there is one): then the way on is a link, to step up or to sign in again.
 */
function SectionAlert({ props, section }: { props: SecurityPageProps; section: SecuritySection }) {
  const refused = props.refused?.section === section ? props.refused.problems : undefined;
  if (!refused) return null;
  if (refused.code !== 'STEP_UP_REQUIRED') return <FormAlert message={refused.form} />;
  const back = encodeURIComponent(securityPath);
  return (
    <p class="alert" role="alert">
      Changing your second factors needs a recent sign-in. <a href={`/sign-in?next=${back}`}>Sign in again</a>
      {props.factors.some((factor) => factor.enabled) ? (
        <>
          {' '}
          or <a href={`/step-up?next=${back}`}>confirm with a second factor</a>
        </>
      ) : null}
      , then try again.
    </p>
  );
}

function fieldError(props: SecurityPageProps, section: SecuritySection, name: string): string | undefined {
  return props.refused?.section === section ? props.refused.problems.fields[name] : undefined;
}

function FactorList(props: SecurityPageProps) {
  if (props.factors.length === 0) return <p>You have no second factor yet: a password alone protects this account.</p>;
  return (
    <ul class="factors">
      {props.factors.map((factor) => (
        <li>
          <strong>{factor.label}</strong> ({typeNames[factor.type] ?? factor.type}
          {factor.enabled ? '' : ', not finished'}) · added {formatTime(factor.createdAt)}
          {factor.lastUsedAt ? ` · last used ${formatTime(factor.lastUsedAt)}` : ''}
          <form method="post" action={`${securityPath}/remove`} class="inline">
            <CsrfField token={props.viewer.csrfToken} />
            <input type="hidden" name="factorId" value={factor.id} />{' '}
            <button type="submit" class="secondary">
              Remove {factor.label}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

/** `/account/security`: the user's second factors, the ways to add one, and the recovery codes. */
export function SecurityPage(props: SecurityPageProps) {
  const csrf = props.viewer.csrfToken;
  const value = (name: string) => props.refused?.values?.[name];
  return (
    <Page title="Account security" viewer={props.viewer} scripts={['registerKey']}>
      <Notice message={props.notice} />
      <section aria-labelledby="factors">
        <h2 id="factors">Your second factors</h2>
        <SectionAlert props={props} section="factors" />
        <FactorList {...props} />
      </section>

      <section aria-labelledby="totp">
        <h2 id="totp">Authenticator app</h2>
        <SectionAlert props={props} section="totp" />
        <p>An app on your phone shows a new six-digit code every 30 seconds.</p>
        <form method="post" action={`${securityPath}/totp`}>
          <CsrfField token={csrf} />
          <button type="submit">Set up an authenticator app</button>
        </form>
      </section>

      <section aria-labelledby="key">
        <h2 id="key">Security key</h2>
        {/* Shown until the page's script runs: without it, a key cannot be registered. */}
        <p id="register-key-needs-script">Registering a security key needs JavaScript, which is not running on this page.</p>
        <div id="register-key" hidden>
          <p id="key-alert" class="alert" role="alert" hidden></p>
          <Field name="keyLabel" label="Key name" hint="Optional, to tell your keys apart." />
          <button type="button" id="register-key-button">
            Register a security key
          </button>
        </div>
        <section id="key-codes" aria-labelledby="key-codes-title" hidden>
          <h3 id="key-codes-title">Your recovery codes</h3>
          <p>Each code signs you in once if you lose your key. Save them now: they are not shown again.</p>
          <ul class="codes" id="key-codes-list"></ul>
          <p>
            <a href={securityPath}>I have saved them</a>
          </p>
        </section>
      </section>

      <section aria-labelledby="hotp">
        <h2 id="hotp">Hardware token</h2>
        <SectionAlert props={props} section="hotp" />
        <form method="post" action={`${securityPath}/hotp`} novalidate>
          <CsrfField token={csrf} />
          <Field name="secret" label="Token secret" hint="The seed printed on the token's card (base32)." value={value('secret')} error={fieldError(props, 'hotp', 'secret')} required />
          <Field name="code" label="Token code" inputmode="numeric" autocomplete="one-time-code" error={fieldError(props, 'hotp', 'code')} required />
          <Field name="label" label="Token name" value={value('label') ?? 'Hardware token'} error={fieldError(props, 'hotp', 'label')} required />
          <button type="submit">Add hardware token</button>
        </form>
      </section>

      <section aria-labelledby="sms">
        <h2 id="sms">Text message</h2>
        <SectionAlert props={props} section="sms" />
        <form method="post" action={`${securityPath}/sms`} novalidate>
          <CsrfField token={csrf} />
          <Field name="phone" label="Phone number" type="tel" autocomplete="tel" hint="With the country code, such as +14155550123." value={value('phone')} error={fieldError(props, 'sms', 'phone')} required />
          <button type="submit">Send code</button>
        </form>
      </section>

      <section aria-labelledby="recovery">
        <h2 id="recovery">Recovery codes</h2>
        <SectionAlert props={props} section="recovery" />
        {props.factors.some((factor) => factor.enabled) ? (
          <>
            <p>
              {props.recoveryCodesLeft} unused recovery {props.recoveryCodesLeft === 1 ? 'code' : 'codes'} left. Making new ones cancels the old.
            </p>
            <form method="post" action={`${securityPath}/recovery`}>
              <CsrfField token={csrf} />
              <button type="submit" class="secondary">
                Make new recovery codes
              </button>
            </form>
          </>
        ) : (
          <p>Recovery codes come with your first second factor.</p>
        )}
      </section>
      <p>
        <a href="/account">Back to your account</a>
      </p>
    </Page>
  );
}
