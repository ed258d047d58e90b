import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { passCookies } from '../../api/passCookies.js';
import { formText, readForm } from '../../form/readForm.js';
import type { PageDeps } from '../../PageDeps.js';

const signOutForm = z.object({ csrf: formText(128) });

/** `POST /sign-out`: ends the session through the API (its CSRF check included) and forgets the cookie. */
export function signOutAction({ api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.post('/sign-out', async (c) => {
    const form = await readForm(c, signOutForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/sign-out', csrfToken: form.csrf });
    passCookies(c, answer);
    if (answer.status !== 204 && answer.status !== 401) return c.redirect('/', 303);
    return c.redirect('/?notice=signed-out', 303);
  });
  return app;
}
