import type { ApiAnswer } from '../../api/callApi.js';

/**
 * The API's refusal of a console request, said plainly: an administrator without a second
 * factor is sent to set one up, one whose session needs a fresh factor to step up, anyone else
 * gets the API's own reason.
 */
export function Refusal({ answer, path }: { answer: ApiAnswer; path: string }) {
  const error = answer.body?.error as { code?: string; message?: string } | undefined;
  if (error?.code === 'MFA_SETUP_REQUIRED') {
    return (
      <div>
        <p class="alert" role="alert">
          The console needs a second factor. Set up an authenticator app or a security key on your account first.
        </p>
        <p>
          <a href="/account/security">Set up a second factor</a>
        </p>
      </div>
    );
  }
  if (error?.code === 'STEP_UP_REQUIRED') {
    return (
      <div>
        <p class="alert" role="alert">
          Confirm it is you with your second factor before administering.
        </p>
        <p>
          <a href={`/step-up?next=${encodeURIComponent(path)}`}>Confirm with your second factor</a>
        </p>
      </div>
    );
  }
  return (
    <p class="alert" role="alert">
      {`Not allowed: ${error?.message ?? `the request failed (${answer.status})`}`}
    </p>
  );
}

/** True when the answer is a refusal the console shows as such (signed out, no factor, not allowed). */
export function isRefusal(answer: ApiAnswer): boolean {
  return answer.status === 401 || answer.status === 403;
}
