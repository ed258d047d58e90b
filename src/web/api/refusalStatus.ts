import type { Context } from 'hono';
import type { HttpEnv } from '../../http/HttpEnv.js';
import type { ApiAnswer } from './callApi.js';

/**
 * The API's refusal status for the page that shows it, with the API's `Retry-After` kept on
 * the page's answer: a 429 or 503 page tells the browser when to come back, as the API does.
 */
export function refusalStatus(c: Context<HttpEnv>, answer: ApiAnswer): number {
  const retryAfter = answer.headers.get('retry-after');
  if (retryAfter !== null) c.header('Retry-After', retryAfter);
  return answer.status;
}
