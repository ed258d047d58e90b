/**
 * Where to go after a form: a path on this site, or `fallback`. Refuses anything a browser
 * could read as another origin (`//host`, `/\host`, `https:`, control characters), so no
 * `?next=` becomes an open redirect (OWASP Unvalidated Redirects cheat sheet).
 */
export function safeNext(next: string | undefined, fallback: string): string {
  if (!next || next.length > 512) return fallback;
  if (!/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/.test(next)) return fallback;
  if (next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
