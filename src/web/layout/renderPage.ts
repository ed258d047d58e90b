import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { HttpEnv } from '../../http/HttpEnv.js';

/** Answers with a whole HTML document (doctype first, so browsers stay in standards mode). */
export async function renderPage(c: Context<HttpEnv>, page: JSX.Element, status = 200): Promise<Response> {
  return c.html(`<!doctype html>${await page.toString()}`, status as 200);
}
