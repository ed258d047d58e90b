// The second step of sign-in with a security key or passkey: POST challenge → navigator.credentials.get
// → POST /auth/sign-in/mfa, whose answer sets the session cookie on this same-origin request.
import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import { sendJson } from './lib/sendJson.js';
import { messageOf, showProblem } from './lib/showProblem.js';

const panel = document.getElementById('key-sign-in');
const button = document.getElementById('key-sign-in-button') as HTMLButtonElement | null;
const alertId = 'key-sign-in-alert';
const startOver = { href: '/sign-in', text: 'Sign in again' };

/** Where to go once signed in: a path on this site only (the page already checked it; this is a second guard). */
function destination(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/account';
}

async function signIn(mfaToken: string, next: string): Promise<void> {
  const options = await sendJson('POST', '/auth/sign-in/mfa/challenge', { mfaToken, method: 'webauthn' });
  if (options.status !== 200) {
    showProblem(alertId, messageOf(options.body, 'The security key step could not start.'), options.status === 401 ? startOver : undefined);
    return;
  }
  let response;
  try {
    response = await startAuthentication({ optionsJSON: options.body });
  } catch (error) {
    showProblem(alertId, `The browser did not use a key (${error instanceof Error ? error.name : 'error'}). Try again.`);
    return;
  }
  const answer = await sendJson('POST', '/auth/sign-in/mfa', { mfaToken, method: 'webauthn', response });
  if (answer.status === 200 && answer.body?.status === 'SIGNED_IN') {
    window.location.assign(next);
    return;
  }
  showProblem(alertId, answer.status === 401 ? 'This sign-in has ended.' : messageOf(answer.body, 'The key was not accepted.'), answer.status === 401 ? startOver : undefined);
}

if (panel && button) {
  const mfaToken = panel.dataset.mfaToken ?? '';
  const next = destination(panel.dataset.next);
  document.getElementById('key-sign-in-needs-script')?.remove();
  panel.hidden = false;
  if (!browserSupportsWebAuthn()) {
    button.hidden = true;
    showProblem(alertId, 'This browser cannot use security keys; choose another way below.');
  } else {
    button.addEventListener('click', () => {
      button.disabled = true;
      signIn(mfaToken, next).finally(() => {
        button.disabled = false;
      });
    });
  }
}
