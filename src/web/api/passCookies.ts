import type { Context } from 'hono';
import type { HttpEnv } from '../../http/HttpEnv.js';
import type { ApiAnswer } from './callApi.js';

/** Hands the API's Set-Cookie headers (a new session, or its end) on to the browser. */
export function passCookies(c: Context<HttpEnv>, answer: ApiAnswer): void {
  for (const cookie of answer.setCookies) c.header('Set-Cookie', cookie, { append: true });
}

/** The `Cookie` header a browser would send after receiving these Set-Cookie headers. */
export function cookieHeaderAfter(answer: ApiAnswer): string {
  return answer.setCookies.map((cookie) => cookie.split(';', 1)[0]!).join('; ');
}
