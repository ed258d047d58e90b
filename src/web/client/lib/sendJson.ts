/** The session's CSRF token, which the page put in `<meta name="csrf-token">`. */
export function csrfToken(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
}

/** What the API answered: the status and the parsed JSON body (the contract's error shape on failure). */
export interface JsonAnswer {
  status: number;
  body: any;
}

/** Calls the JSON API from a page script, same origin, with the CSRF token when the page has one. */
export async function sendJson(method: string, path: string, json?: unknown, extraHeaders: Record<string, string> = {}): Promise<JsonAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Shows `message` in the element with id `alertId` (a `role="alert"` region, so it is announced). */
export function announce(alertId: string, message: string): void {
  const region = document.getElementById(alertId);
  if (!region) return;
  region.textContent = message;
  region.hidden = false;
}
