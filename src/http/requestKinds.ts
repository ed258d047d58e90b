/** Methods that change state: they need the CSRF token and a same-origin `Origin`. */
export const unsafeMethods: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The API areas whose every request is audited and never cached (DESIGN.md, Audit). */
export function isApiPath(path: string): boolean {
  return /^\/(auth|api|admin|audit)(\/|$)/.test(path);
}
