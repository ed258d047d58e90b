import { decodeJwt, exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { signedInWithTokens, withBearer } from './tokenSupport.js';

const password = 'kettle meadow 4711';
let gh: TestServer;
let teacher: Awaited<ReturnType<typeof signedInWithTokens>>;
let student: Awaited<ReturnType<typeof signedInWithTokens>>;
let gradeId: string;

beforeAll(async () => {
  gh = await startTestServer();
  teacher = await signedInWithTokens(gh, 'teacher@school.test', password, ['teachers']);
  student = await signedInWithTokens(gh, 'sam@school.test', password, ['students']);
  gradeId = (await teacher.browser.post('/api/grades', { studentId: student.userId, course: 'Algebra', score: 91 })).body.id;
});
afterAll(() => gh.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** The claims of a valid access token of the student, to be spoiled one at a time. */
function claims(overrides: JWTPayload = {}): JWTPayload {
  const valid = decodeJwt(student.tokens.accessToken);
  return { ...valid, jti: crypto.randomUUID(), iat: now(), nbf: now(), exp: now() + 300, ...overrides };
}

/** Signs `payload` with Gatehouse's own current key and `header` (a forger who holds it could not do better). */
async function signedByUs(payload: JWTPayload, header: Record<string, unknown> = {}) {
  const { kid, key } = await gh.runtime.signingKeys.signer();
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid, ...header }).sign(key);
}

async function status(token: string) {
  const answer = await withBearer(gh, token).get(`/api/grades/${gradeId}`);
  if (answer.status === 401) expect(answer.body.error.code).toBe('UNAUTHENTICATED');
  return answer.status;
}

describe('Bearer on /api', () => {
  it('makes the same Cedar decisions as the cookie', async () => {
    expect((await withBearer(gh, student.tokens.accessToken).get(`/api/grades/${gradeId}`)).status).toBe(200);
    expect((await student.browser.get(`/api/grades/${gradeId}`)).status).toBe(200);
    const byToken = await withBearer(gh, student.tokens.accessToken).post('/api/grades', { studentId: student.userId, course: 'Algebra', score: 100 });
    const byCookie = await student.browser.post('/api/grades', { studentId: student.userId, course: 'Algebra', score: 100 });
    expect([byToken.status, byCookie.status]).toEqual([403, 403]);
    const created = await withBearer(gh, teacher.tokens.accessToken).post('/api/grades', { studentId: student.userId, course: 'Physics', score: 70 });
    expect(created.status).toBe(201);
    expect((await withBearer(gh, student.tokens.accessToken).get('/api/grades')).body.grades).toHaveLength(2);
  });

  it('needs no CSRF token, since no browser attaches it by itself', async () => {
    const answer = await withBearer(gh, teacher.tokens.accessToken).post('/api/grades', { studentId: student.userId, course: 'Art', score: 50 }, { csrf: false });
    expect(answer.status).toBe(201);
  });

  it('records the bearer caller in the audit trail', async () => {
    await withBearer(gh, student.tokens.accessToken).get(`/api/grades/${gradeId}`);
    const row = await gh.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', 'GetGrade').orderBy('sequence', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(row.body).userIdentity).toMatchObject({ type: 'User', principalId: student.userId, sessionId: decodeJwt(student.tokens.accessToken).sid });
  });
});

describe('strict verification (RFC 8725): each of these is 401', () => {
  it('a valid token passes (the control)', async () => {
    expect(await status(await signedByUs(claims()))).toBe(200);
  });

  it('alg: none', async () => {
    const { kid } = await gh.runtime.signingKeys.signer();
    expect(await status(`${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims())}.`)).toBe(401);
    expect(await status(`${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims())}.AAAA`)).toBe(401);
  });

  it('HS256 signed with the public key', async () => {
    const { keys } = (await gh.client().get('/.well-known/jwks.json')).body;
    const jwk = keys[0];
    const pem = await exportSPKI((await importJWK(jwk, 'EdDSA', { extractable: true })) as CryptoKey);
    for (const secret of [new TextEncoder().encode(pem), Buffer.from(jwk.x, 'base64url'), new TextEncoder().encode(JSON.stringify(jwk))]) {
      const forged = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: jwk.kid }).sign(secret);
      expect(await status(forged)).toBe(401);
    }
  });

  it('an unknown kid, or one from a key embedded in the header', async () => {
    const attacker = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const sign = (header: Record<string, unknown>) => new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', ...header }).sign(attacker.privateKey);
    expect(await status(await sign({ kid: 'nope' }))).toBe(401);
    expect(await status(await sign({}))).toBe(401);
    expect(await status(await sign({ kid: 'attacker', jwk: await exportJWK(attacker.publicKey) }))).toBe(401);
    expect(await status(await sign({ kid: 'x', jku: 'https://attacker.test/jwks.json' }))).toBe(401);
  });

  it('an injected kid', async () => {
    for (const kid of ["' OR '1'='1", '../../../../dev/null', '__proto__', 'constructor', 'k'.repeat(5000)]) {
      expect(await status(await signedByUs(claims(), { kid }))).toBe(401);
    }
  });

  it('a wrong audience, issuer or typ', async () => {
    expect(await status(await signedByUs(claims({ aud: 'another-api' })))).toBe(401);
    expect(await status(await signedByUs(claims({ iss: 'https://evil.test' })))).toBe(401);
    expect(await status(await signedByUs(claims(), { typ: 'JWT' }))).toBe(401);
    expect(await status(await signedByUs(claims(), { typ: 'id+jwt' }))).toBe(401);
  });

  it('expired, and not yet valid (beyond the small leeway)', async () => {
    expect(await status(await signedByUs(claims({ iat: now() - 700, nbf: now() - 700, exp: now() - 100 })))).toBe(401);
    expect(await status(await signedByUs(claims({ nbf: now() + 120 })))).toBe(401);
    expect(await status(await signedByUs(claims({ iat: now() + 120, nbf: now() + 120, exp: now() + 700 })))).toBe(401);
    // A token that claims to live longer than any we issue.
    expect(await status(await signedByUs(claims({ iat: now() - 3600, nbf: now() - 3600, exp: now() + 3600 })))).toBe(401);
  });

  it('an ID token where an access token is expected', async () => {
    expect(await status(student.tokens.idToken)).toBe(401);
  });

  it('a token whose sid is not the subject’s session', async () => {
    expect(await status(await signedByUs(claims({ sub: teacher.userId })))).toBe(401);
  });

  it('a malformed Authorization header, even next to a valid cookie', async () => {
    for (const header of ['Bearer', 'Bearer ', 'Basic abc', `bearer${student.tokens.accessToken}`, `Bearer ${student.tokens.accessToken} extra`]) {
      const answer = await student.browser.request('GET', `/api/grades/${gradeId}`, { headers: { authorization: header } });
      expect(answer.status).toBe(401);
    }
  });
});

describe('revocation by sid', () => {
  it('refuses the token of a signed-out session at once', async () => {
    const { tokens, browser } = await signedInWithTokens(gh, 'leaver@school.test', password, ['students']);
    const api = withBearer(gh, tokens.accessToken);
    expect((await api.get('/api/grades')).status).toBe(200);
    expect((await browser.post('/auth/sign-out')).status).toBe(204);
    const answer = await api.get('/api/grades');
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses tokens of every session after a password reset', async () => {
    const { tokens } = await signedInWithTokens(gh, 'resetter@school.test', password, ['students']);
    const api = withBearer(gh, tokens.accessToken);
    expect((await api.get('/api/grades')).status).toBe(200);
    await gh.client().post('/auth/password/forgot', { email: 'resetter@school.test' });
    const code = await gh.lastCode('resetter@school.test');
    expect((await gh.client().post('/auth/password/reset', { email: 'resetter@school.test', code, password: 'a brand new passphrase 9' })).status).toBe(200);
    expect((await api.get('/api/grades')).status).toBe(401);
  });

  it('sees at once a sign-out made by a second instance on the same SQLite file', async () => {
    // Both instances claim the same public origin, as behind one load balancer.
    const issuer = { GATEHOUSE_PUBLIC_URL: 'https://gatehouse.test' };
    const a = await startTestServer(issuer);
    const b = await startTestServer(issuer, { configure: (config) => Object.assign(config, { dataDir: a.dataDir, databaseUrl: a.runtime.config.databaseUrl }) });
    try {
      const { tokens, browser } = await signedInWithTokens(a, 'twice@school.test', password, ['students']);
      const onA = withBearer(a, tokens.accessToken);
      expect((await onA.get('/api/grades')).status).toBe(200);
      expect((await withBearer(b, tokens.accessToken).get('/api/grades')).status).toBe(200);
      const elsewhere = b.client();
      elsewhere.cookie = browser.cookie;
      elsewhere.csrfToken = browser.csrfToken;
      expect((await elsewhere.post('/auth/sign-out')).status).toBe(204);
      expect((await onA.get('/api/grades')).status).toBe(401);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
