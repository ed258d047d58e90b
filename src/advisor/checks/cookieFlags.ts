import { SESSION_COOKIE } from '../../http/middleware/sessionCookie.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';

/** What is wrong with one Set-Cookie header, if anything. */
function flaws(setCookie: string): string[] {
  const [pair = '', ...attributes] = setCookie.split(';').map((part) => part.trim());
  const name = pair.split('=')[0] ?? '';
  const has = (attribute: string) => attributes.some((a) => a.toLowerCase() === attribute || a.toLowerCase().startsWith(`${attribute}=`));
  const missing: string[] = [];
  if (!has('secure')) missing.push('Secure');
  if (!has('httponly')) missing.push('HttpOnly');
  // RFC 6265bis §4.1.3.2: `__Host-` binds the cookie to this host (Secure, Path=/, no Domain).
  if (!name.startsWith('__Host-')) missing.push('the __Host- prefix');
  return missing.length > 0 ? [`${name || '(unnamed)'} lacks ${missing.join(', ')}`] : [];
}

/** A cookie without Secure leaks over HTTP, without HttpOnly to scripts, without `__Host-` to sibling subdomains. */
export const cookieFlags: AdvisorCheck = {
  id: 'cookie-flags',
  severity: 'high',
  title: 'Cookies without Secure, HttpOnly or __Host-',
  fix: 'Set every cookie with Secure, HttpOnly, Path=/ and a `__Host-` name (Gatehouse\'s own session cookie is set so); check that no proxy in front adds or rewrites cookies.',
  async run({ probe }) {
    const served = await probe();
    if (served.error) return { status: 'unknown', finding: `Could not reach ${served.url}: ${served.error}.` };
    const cookies = served.answers.flatMap((answer) => (answer.headers['set-cookie'] ?? []).map((cookie) => ({ path: answer.path, cookie })));
    const problems = cookies.flatMap(({ path, cookie }) => flaws(cookie).map((flaw) => `${flaw} (on ${path})`));
    if (problems.length > 0) return { status: 'fail', finding: `${served.url} sets cookies that ${problems.join('; ')}.` };
    if (cookies.length > 0) return { status: 'pass', finding: `Every cookie ${served.url} set has Secure, HttpOnly and the __Host- prefix.` };
    // The session cookie is set only at sign-in, which the advisor cannot do: it saw nothing to judge.
    return { status: 'unknown', finding: `${served.url} set no cookie on ${served.answers.map((a) => a.path).join(', ')}; the session cookie (${SESSION_COOKIE}) is set only at sign-in: the pen test's cookie-flags probe checks it there.` };
  },
};
