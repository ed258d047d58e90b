/**
 * The route family a request counts against in the per-route limit: the routes that check a
 * secret or send a message (sign-up, sign-in, MFA, forgot, reset, confirm, step-up, token), and
 * opening a channel, whose answer tells whether an address has an account.
 * Anything else is held to the per-address limit only.
 */
export function limitedRoute(method: string, path: string): string | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/api/channels') return 'channels';
  const match = /^\/auth\/(sign-up|sign-in\/mfa|sign-in|confirm|password\/forgot|password\/reset|mfa|step-up|token)(\/|$)/.exec(path);
  return match?.[1];
}
