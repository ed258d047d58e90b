// `/account/security`: registers a security key or passkey with the browser's WebAuthn
// (POST register/options → navigator.credentials.create → POST register/verify).
import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { sendJson } from './lib/sendJson.js';
import { messageOf, showProblem } from './lib/showProblem.js';

const panel = document.getElementById('register-key');
const button = document.getElementById('register-key-button') as HTMLButtonElement | null;
const labelInput = document.getElementById('field-keyLabel') as HTMLInputElement | null;
const alertId = 'key-alert';
const signInAgain = { href: '/sign-in?next=%2Faccount%2Fsecurity', text: 'Sign in again' };

/** Shows the recovery codes of a first factor once, in the page, instead of the form. */
function showCodes(codes: string[]): void {
  const list = document.getElementById('key-codes-list');
  const section = document.getElementById('key-codes');
  if (!list || !section) return;
  for (const code of codes) {
    const item = document.createElement('li');
    const text = document.createElement('code');
    text.textContent = code;
    item.append(text);
    list.append(item);
  }
  if (panel) panel.hidden = true;
  section.hidden = false;
  const title = document.getElementById('key-codes-title');
  title?.setAttribute('tabindex', '-1');
  title?.focus();
}

async function register(): Promise<void> {
  const options = await sendJson('POST', '/auth/mfa/webauthn/register/options');
  if (options.status !== 200) {
    const stale = options.body?.error?.code === 'STEP_UP_REQUIRED';
    showProblem(alertId, stale ? 'Registering a key needs a recent sign-in.' : messageOf(options.body, 'The key could not be registered.'), stale ? signInAgain : undefined);
    return;
  }
  let response;
  try {
    response = await startRegistration({ optionsJSON: options.body });
  } catch (error) {
    showProblem(alertId, `The browser did not register a key (${error instanceof Error ? error.name : 'error'}). Try again.`);
    return;
  }
  const label = labelInput?.value.trim();
  const verified = await sendJson('POST', '/auth/mfa/webauthn/register/verify', { response, ...(label ? { label } : {}) });
  if (verified.status !== 200) {
    showProblem(alertId, messageOf(verified.body, 'The key could not be registered.'));
    return;
  }
  const codes: unknown = verified.body?.recoveryCodes;
  if (Array.isArray(codes) && codes.length > 0) showCodes(codes.map(String));
  else window.location.assign('/account/security?notice=key-added');
}

if (panel && button) {
  document.getElementById('register-key-needs-script')?.remove();
  if (browserSupportsWebAuthn()) {
    panel.hidden = false;
    button.addEventListener('click', () => {
      button.disabled = true;
      register().finally(() => {
        button.disabled = false;
      });
    });
  } else {
    panel.hidden = false;
    button.hidden = true;
    showProblem(alertId, 'This browser cannot use security keys.');
  }
}
