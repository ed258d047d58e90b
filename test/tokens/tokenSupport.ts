import type { Client, TestServer } from '../support/testServer.js';

/** Signs a fresh user in on `server` and trades the cookie session for tokens. */
export async function signedInWithTokens(server: TestServer, email: string, password: string, groups: string[] = []) {
  const user = await server.addUser(email, password, groups);
  const browser = server.client();
  await browser.signIn(email, password);
  const answer = await browser.post('/auth/token');
  if (answer.status !== 200) throw new Error(`POST /auth/token answered ${answer.status} ${answer.text}`);
  return { userId: user.id, browser, tokens: answer.body as { accessToken: string; idToken: string; refreshToken: string; expiresIn: number } };
}

/** A request carrying only `Authorization: Bearer <token>`, no cookie. */
export function withBearer(server: TestServer, token: string): Client {
  const client = server.client();
  const request = client.request.bind(client);
  client.request = (method, url, options = {}) => request(method, url, { ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });
  return client;
}
