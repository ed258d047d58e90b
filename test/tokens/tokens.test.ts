import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { signedInWithTokens, withBearer } from './tokenSupport.js';

const password = 'lantern orchard 1987';
let gh: TestServer;
beforeAll(async () => {
  gh = await startTestServer();
});
afterAll(() => gh.close());

describe('POST /auth/token', () => {
  it('trades a cookie session for an access, an ID and a refresh token', async () => {
    const { userId, tokens } = await signedInWithTokens(gh, 'tina@school.test', password, ['teachers']);
    expect(tokens.expiresIn).toBe(600);
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decodeProtectedHeader(tokens.accessToken)).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    const access = decodeJwt(tokens.accessToken);
    expect(access).toMatchObject({ iss: gh.runtime.config.publicUrl, aud: 'gatehouse', sub: userId, groups: ['teachers'], mfa: false, client_id: 'gatehouse' });
    expect(access.exp! - access.iat!).toBeLessThanOrEqual(600);
    expect(typeof access.sid).toBe('string');
    expect(typeof access.jti).toBe('string');
    expect(decodeProtectedHeader(tokens.idToken)).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    expect(decodeJwt(tokens.idToken)).toMatchObject({ sub: userId, email: 'tina@school.test', email_verified: true, sid: access.sid });
  });

  it('needs the session cookie and its CSRF token', async () => {
    expect((await gh.client().post('/auth/token')).status).toBe(401);
    await gh.addUser('carl@school.test', password);
    const browser = gh.client();
    await browser.signIn('carl@school.test', password);
    const answer = await browser.post('/auth/token', {}, { csrf: false });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('CSRF');
  });

  it('refuses a malformed request with 400, not 500', async () => {
    const answer = await gh.client().post('/auth/token', { grant_type: 'password', username: 'x' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    expect((await gh.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: 'short' })).status).toBe(400);
  });

  it('keeps tokens out of the audit trail', async () => {
    const { tokens } = await signedInWithTokens(gh, 'quiet@school.test', password);
    const rows = await gh.runtime.db.selectFrom('audit_events').select('body').execute();
    const trail = rows.map((row) => row.body).join('\n');
    expect(trail).toContain('IssueTokens');
    for (const secret of [tokens.accessToken, tokens.idToken, tokens.refreshToken]) expect(trail).not.toContain(secret);
  });
});

describe('refresh tokens', () => {
  it('rotates: a refresh gives new tokens and spends the old refresh token', async () => {
    const { tokens } = await signedInWithTokens(gh, 'rita@school.test', password);
    const first = await gh.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(tokens.refreshToken);
    expect(decodeJwt(first.body.accessToken).sid).toBe(decodeJwt(tokens.accessToken).sid);
    const second = await gh.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: first.body.refreshToken });
    expect(second.status).toBe(200);
  });

  it('kills the whole family, and its session, when a refresh token is used twice', async () => {
    const { tokens, browser } = await signedInWithTokens(gh, 'reuse@school.test', password);
    const rotated = await gh.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    expect(rotated.status).toBe(200);
    // The attacker (or the victim) replays the spent token.
    const replay = await gh.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    expect(replay.status).toBe(401);
    // The newest token of the family is dead too, and so are the family's access tokens and the session.
    expect((await gh.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: rotated.body.refreshToken })).status).toBe(401);
    expect((await withBearer(gh, rotated.body.accessToken).get('/api/grades')).status).toBe(401);
    expect((await browser.get('/auth/session')).status).toBe(401);
    const events = await gh.runtime.db.selectFrom('audit_events').select(['event_name', 'body']).where('event_name', '=', 'RefreshTokenReuse').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.body)).toMatchObject({ errorCode: 'REFRESH_TOKEN_REUSE', userIdentity: { type: 'User', sessionId: decodeJwt(tokens.accessToken).sid } });
  });

  it('refuses a refresh once the session signed out', async () => {
    const { tokens, browser } = await signedInWithTokens(gh, 'gone@school.test', password);
    expect((await browser.post('/auth/sign-out')).status).toBe(204);
    expect((await gh.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: tokens.refreshToken })).status).toBe(401);
  });

  it('refuses an unknown refresh token', async () => {
    const answer = await gh.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: 'A'.repeat(43) });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('discovery', () => {
  it('publishes the OpenID provider metadata', async () => {
    const answer = await gh.client().get('/.well-known/openid-configuration');
    expect(answer.status).toBe(200);
    const issuer = gh.runtime.config.publicUrl;
    expect(answer.body).toMatchObject({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/auth/token`,
      id_token_signing_alg_values_supported: ['EdDSA'],
    });
    expect(answer.body.grant_types_supported).toEqual(expect.arrayContaining(['refresh_token', 'client_credentials']));
  });

  it('publishes public keys only, from the first request on', async () => {
    const fresh = await startTestServer();
    try {
      expect((await fresh.client().get('/.well-known/jwks.json')).body.keys).toHaveLength(1);
    } finally {
      await fresh.close();
    }
    const { body } = await gh.client().get('/.well-known/jwks.json');
    expect(body.keys.length).toBeGreaterThan(0);
    for (const key of body.keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(key.d).toBeUndefined();
      expect(typeof key.kid).toBe('string');
    }
  });

  it('lets another function verify an access token with createRemoteJWKSet over real HTTPS', async () => {
    const { userId, tokens } = await signedInWithTokens(gh, 'remote@school.test', password);
    // As a function elsewhere would: fetch the JWKS over HTTPS, trusting the server's CA.
    const dispatcher = new Agent({ connect: { ca: gh.server.certificate } });
    try {
      const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', gh.url), {
        [customFetch]: (url, options) => undiciFetch(url, { ...(options as object), dispatcher }) as unknown as Promise<Response>,
      });
      const { payload, protectedHeader } = await jwtVerify(tokens.accessToken, jwks, {
        issuer: gh.runtime.config.publicUrl,
        audience: 'gatehouse',
        typ: 'at+jwt',
        algorithms: ['EdDSA'],
      });
      expect(protectedHeader.alg).toBe('EdDSA');
      expect(payload.sub).toBe(userId);
    } finally {
      await dispatcher.close();
    }
  });
});

describe('refresh tokens and the session they come from', () => {
  let now = Date.parse('2026-11-25T08:00:00Z');
  let frozen: TestServer;
  beforeAll(async () => {
    frozen = await startTestServer({}, { clock: () => now });
  });
  afterAll(() => frozen.close());

  it('refresh until the session reaches its absolute lifetime (NIST AAL2: 24 h), and not after', async () => {
    const { tokens } = await signedInWithTokens(frozen, 'allday@school.test', password);
    now += 23 * 3_600_000;
    const late = await frozen.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    expect(late.status).toBe(200);
    now += 3_600_000 + 60_000;
    const past = await frozen.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: late.body.refreshToken });
    expect(past.status).toBe(401);
    expect(past.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('tokens of an account that expires', () => {
  let now = Date.parse('2026-11-25T08:00:00Z');
  let frozen: TestServer;
  beforeAll(async () => {
    frozen = await startTestServer({}, { clock: () => now });
  });
  afterAll(() => frozen.close());
  const expireAt = (email: string, at: number) => frozen.runtime.db.updateTable('users').set({ disabled_at: new Date(at).toISOString() }).where('email', '=', email).execute();
  const refresh = (refreshToken: string) => frozen.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: refreshToken });

  it('never outlive the account: access and ID tokens expire with it, on issue and on refresh', async () => {
    const { browser } = await signedInWithTokens(frozen, 'window@school.test', password);
    const endsAt = now + 4 * 60_000 + 30_500;
    await expireAt('window@school.test', endsAt);
    const issued = await browser.post('/auth/token');
    expect(issued.status).toBe(200);
    const access = decodeJwt(issued.body.accessToken);
    expect(access.iat).toBe(now / 1000);
    expect(access.exp).toBe(Math.floor(endsAt / 1000));
    expect(decodeJwt(issued.body.idToken).exp).toBe(Math.floor(endsAt / 1000));
    expect(issued.body.expiresIn).toBe(270);

    now += 60_000;
    const refreshed = await refresh(issued.body.refreshToken);
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.accessToken).exp).toBe(Math.floor(endsAt / 1000));
    expect(decodeJwt(refreshed.body.idToken).exp).toBe(Math.floor(endsAt / 1000));
    expect(refreshed.body.expiresIn).toBe(210);

    // Within the account's last second no token is issued: its exp would not follow its iat.
    now = endsAt - 200;
    const last = await refresh(refreshed.body.refreshToken);
    expect(last.status).toBe(401);
    expect(last.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('keep ten minutes when the account expires later than that', async () => {
    const { browser } = await signedInWithTokens(frozen, 'later@school.test', password);
    await expireAt('later@school.test', now + 3_600_000);
    const issued = await browser.post('/auth/token');
    const access = decodeJwt(issued.body.accessToken);
    expect(access.exp! - access.iat!).toBe(600);
    expect(issued.body.expiresIn).toBe(600);
  });
});
