// The step-up page's security key: asks the API for a challenge, lets the browser sign it
// with the key (WebAuthn), hands the answer to the API, then goes where the page says.
import { startAuthentication } from '@simplewebauthn/browser';
import { announce, sendJson } from './lib/sendJson.js';

const section = document.getElementById('step-up-key');
const button = section?.querySelector('button');
const alertId = 'step-up-key-alert';

async function stepUpWithKey(next: string): Promise<void> {
  const challenge = await sendJson('POST', '/auth/step-up/challenge', { method: 'webauthn' });
  if (challenge.status !== 200) return announce(alertId, challenge.body?.error?.message ?? 'The security key could not be asked.');
  let response;
  try {
    response = await startAuthentication({ optionsJSON: challenge.body });
  } catch {
    return announce(alertId, 'The security key did not answer. Try again, or use another factor.');
  }
  const answer = await sendJson('POST', '/auth/step-up', { method: 'webauthn', response });
  if (answer.status !== 200) return announce(alertId, answer.body?.error?.message ?? 'The security key was not accepted.');
  // The server drew `next` through safeNext: a path on this site.
  window.location.assign(next);
}

if (section && button) {
  section.hidden = false;
  button.addEventListener('click', () => {
    button.disabled = true;
    stepUpWithKey(section.dataset.next ?? '/account').finally(() => {
      button.disabled = false;
    });
  });
}
