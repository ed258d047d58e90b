import type { Runtime } from '../runtime/Runtime.js';
import { authenticateClient } from './clients/authenticateClient.js';
import { signAccessToken } from './signAccessToken.js';
import { tokenLifetime } from './tokenLifetime.js';
import type { TokenDeps } from './TokenDeps.js';

/** The `client_credentials` grant (RFC 6749 §4.4): an access token for a machine client, no refresh token. */
export async function issueClientToken(
  deps: TokenDeps & Pick<Runtime, 'db'>,
  credentials: { clientId: string; clientSecret: string },
): Promise<{ client: { clientId: string; name: string }; tokens: { accessToken: string; expiresIn: number; tokenType: 'Bearer' } }> {
  const client = await authenticateClient(deps, credentials.clientId, credentials.clientSecret);
  const lifetime = tokenLifetime(deps.clock());
  const accessToken = await signAccessToken(deps.signingKeys, deps.config.publicUrl, lifetime, { kind: 'client', clientId: client.clientId, clientName: client.name });
  return { client, tokens: { accessToken, expiresIn: lifetime.exp - lifetime.iat, tokenType: 'Bearer' } };
}
