/** Shows `message` in the `role="alert"` element `alertId`, with a link onward when one helps. */
export function showProblem(alertId: string, message: string, link?: { href: string; text: string }): void {
  const region = document.getElementById(alertId);
  if (!region) return;
  region.textContent = message;
  if (link) {
    const anchor = document.createElement('a');
    anchor.href = link.href;
    anchor.textContent = link.text;
    region.append(' ', anchor);
  }
  region.hidden = false;
}

/** The API's message for a refusal, or a fixed one when it gave none. */
export function messageOf(body: any, fallback: string): string {
  const message = body?.error?.message;
  return typeof message === 'string' ? message : fallback;
}
