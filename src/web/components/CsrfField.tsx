/** The session's CSRF token in a form: the page turns it into the API's `X-CSRF-Token`. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}
