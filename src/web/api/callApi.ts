import type { Context } from 'hono';
import type { HttpEnv } from '../../http/HttpEnv.js';

/** The application's own `fetch`: pages reach the API through it, in process. */
export interface ApiFetch {
  (request: Request, env: unknown): Response | Promise<Response>;
  /** The forwarding header the shield reads behind trusted proxies (`runtime.config.shield.forwardedHeader`). */
  forwardedHeader?: 'x-forwarded-for' | 'forwarded';
}

/** What a page reads of an API answer. */
export interface ApiAnswer {
  status: number;
  /** The parsed JSON body; undefined for an empty answer (204). */
  body: any;
  /** Set-Cookie headers the browser must receive (sign-in, sign-out). */
  setCookies: string[];
  headers: Headers;
}

/** One call a page makes: the contract's method, path and JSON body. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, e.g. `/api/orders/12`. */
  path: string;
  json?: unknown;
  /** The session's CSRF token, from the form's hidden field; the API checks it. */
  csrfToken?: string;
  /** Replaces the browser's cookie header (a page that signed in goes on with the new session). */
  cookie?: string;
  headers?: Record<string, string>;
}

// Only what says who the browser is and where it is: the cookie is the one credential a page
// acts with (never a Bearer token or setup token the browser sent along), so the page draws
// and the API acts as the same person.
const forwarded = ['cookie', 'user-agent', 'origin', 'accept-language', 'x-pentest-window'];

/**
 * Calls the JSON API as the browser would, in process: the pages are a client of the
 * contract, so every check (shield, origin, CSRF, Cedar) and every audit event is the API's
 * own. An allow-list of the browser's headers (cookie, user agent, origin, language, the
 * proxies' forwarding header, a pen-test window) and the connection's bindings (the client's
 * address) travel with it; anything else the call needs it names in `call.headers`.
 */
export async function callApi(c: Context<HttpEnv>, fetchApi: ApiFetch, call: ApiCall): Promise<ApiAnswer> {
  const headers = new Headers();
  for (const name of fetchApi.forwardedHeader ? [...forwarded, fetchApi.forwardedHeader] : forwarded) {
    const value = c.req.header(name);
    if (value !== undefined) headers.set(name, value);
  }
  headers.set('accept', 'application/json');
  if (call.cookie !== undefined) headers.set('cookie', call.cookie);
  if (call.csrfToken !== undefined) headers.set('x-csrf-token', call.csrfToken);
  if (call.json !== undefined) headers.set('content-type', 'application/json');
  for (const [name, value] of Object.entries(call.headers ?? {})) headers.set(name, value);
  const url = new URL(call.path, c.req.url);
  const response = await fetchApi(new Request(url, { method: call.method, headers, body: call.json === undefined ? undefined : JSON.stringify(call.json) }), c.env);
  // The API call's refusal is counted by the shield once; the page that shows it is not another.
  if (response.status >= 400 && response.status < 500) c.set('refusalCounted', true);
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, setCookies: response.headers.getSetCookie(), headers: response.headers };
}
