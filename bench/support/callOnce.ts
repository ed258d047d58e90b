import { Agent, request } from 'undici';
import type { Target } from './driveLoad.js';

/** A response as the set-up steps read it. */
export interface Answer {
  status: number;
  text: string;
  /** The `__Host-gatehouse` cookie the response set, if any. */
  sessionCookie?: string;
  /** Every cookie the response set, as `name=value` for a `Cookie` header. */
  cookies: string[];
}

/** Sends one request, TLS verified against the target's certificate, to set a benchmark up. */
export async function callOnce(target: Target, method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const dispatcher = new Agent({ connect: { ca: target.ca } });
  try {
    const response = await request(target.origin + path, { method, headers, body, dispatcher });
    const text = await response.body.text();
    const setCookie = response.headers['set-cookie'];
    const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    const sessionCookie = cookies.map((cookie) => /^__Host-gatehouse=([^;]+)/.exec(cookie)?.[1]).find((value) => value !== undefined);
    return { status: response.statusCode, text, sessionCookie, cookies: cookies.map((cookie) => cookie.split(';')[0]!) };
  } finally {
    await dispatcher.close();
  }
}

/** Throws with the response text unless `answer` has `status`. */
export function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer;
}
