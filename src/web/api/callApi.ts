import type { Context } from 'hono';
import type { HttpEnv } from '../../http/HttpEnv.js';

/** The application's own `fetch`: pages reach the API through it, in process. */
export type ApiFetch = (request: Request, env: unknown) => Response | Promise<Response>;

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

// The browser's own request describes its body; the API call carries another.
const notForwarded = new Set(['content-type', 'content-length', 'transfer-encoding', 'accept', 'accept-encoding', 'connection', 'host', 'x-csrf-token']);

/**
 * Calls the JSON API as the browser would, in process: the pages are a client of the
 * contract, so every check (shield, origin, CSRF, Cedar) and every audit event is the API's
 * own. The browser's headers (cookie, user agent, origin, forwarding) and the connection's
 * bindings (the client's address) travel with it.
 */
export async function callApi(c: Context<HttpEnv>, fetchApi: ApiFetch, call: ApiCall): Promise<ApiAnswer> {
  const headers = new Headers();
  c.req.raw.headers.forEach((value, name) => {
    if (!notForwarded.has(name)) headers.set(name, value);
  });
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
