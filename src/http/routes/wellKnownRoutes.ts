import { Hono } from 'hono';
import type { Runtime } from '../../runtime/Runtime.js';
import { ALGORITHM } from '../../tokens/tokenRules.js';
import type { HttpEnv } from '../HttpEnv.js';

/** Discovery: the JWKS that verifies our tokens, and the OpenID provider metadata pointing at it. */
export function wellKnownRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.get('/jwks.json', async (c) => {
    // Verifiers may cache it briefly; a token with a new kid makes jose's remote set refetch anyway.
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(await runtime.signingKeys.jwks());
  });

  app.get('/openid-configuration', (c) => {
    const issuer = runtime.config.publicUrl;
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/auth/token`,
      grant_types_supported: ['refresh_token', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      id_token_signing_alg_values_supported: [ALGORITHM],
      token_endpoint_auth_signing_alg_values_supported: [ALGORITHM],
      subject_types_supported: ['public'],
      response_types_supported: ['token'],
      claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'sid', 'client_id', 'groups', 'mfa', 'email', 'email_verified', 'auth_time', 'amr'],
    });
  });

  return app;
}
