import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealedColumns } from '../../src/crypto/keyring/sealedColumns.js';
import { plainTransact } from '../../src/store/Transact.js';
import { rotateSigningKey } from '../../src/tokens/signingKeys.js';
import { gatehouse } from '../support/gatehouse.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { signedInWithTokens, withBearer } from './tokenSupport.js';

const password = 'copper violin 2718';
// A clock the test moves, so that a key's publication window can run out without waiting.
let now = Date.now();
let gh: TestServer;
beforeAll(async () => {
  gh = await startTestServer({}, { clock: () => now });
});
afterAll(() => gh.close());

const kids = async () => ((await gh.client().get('/.well-known/jwks.json')).body.keys as Array<{ kid: string }>).map((key) => key.kid);

describe('signing keys', () => {
  it('keeps private keys sealed at rest, in a column that master-key rotation re-wraps', async () => {
    await gh.runtime.signingKeys.signer();
    const rows = await gh.runtime.db.selectFrom('signing_keys').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.private_jwk).not.toContain('"d"');
      expect(JSON.parse(gh.runtime.keyring.openText(row.private_jwk, { table: 'signing_keys', column: 'private_jwk', rowId: row.kid }))).toHaveProperty('d');
      expect(row.public_jwk).not.toContain('"d"');
    }
    expect(sealedColumns).toContainEqual({ table: 'signing_keys', column: 'private_jwk', idColumn: 'kid' });
  });

  it('rotates with `gatehouse keys rotate-signing`: new tokens use the new key, old ones stay valid', async () => {
    const before = await signedInWithTokens(gh, 'old@school.test', password, ['students']);
    const oldKid = decodeProtectedHeader(before.tokens.accessToken).kid!;
    const run = await gatehouse(['keys', 'rotate-signing', '--data', gh.dataDir]);
    expect(run.code, run.stderr).toBe(0);
    const newKid = /signing key (\S+) now signs/.exec(run.stdout)?.[1];
    expect(newKid).toBeDefined();
    expect(newKid).not.toBe(oldKid);
    // The running server signs with the new key at once.
    const after = await signedInWithTokens(gh, 'new@school.test', password, ['students']);
    expect(decodeProtectedHeader(after.tokens.accessToken).kid).toBe(newKid);
    expect(await kids()).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect((await withBearer(gh, before.tokens.accessToken).get('/api/grades')).status).toBe(200);
    expect((await withBearer(gh, after.tokens.accessToken).get('/api/grades')).status).toBe(200);
    const event = await gh.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', 'RotateSigningKey').executeTakeFirstOrThrow();
    expect(JSON.parse(event.body).userIdentity.type).toBe('Operator');
  }, 60_000);

  it('drops a retired key from the JWKS, and refuses it, once every token it signed has expired', async () => {
    const { kid: oldKid, key: oldKey } = await gh.runtime.signingKeys.signer();
    const user = await signedInWithTokens(gh, 'later@school.test', password, ['students']);
    const claims = decodeJwt(user.tokens.accessToken);
    const newKid = await rotateSigningKey(gh.runtime.keyring, gh.runtime.clock, plainTransact(gh.runtime.db));
    expect(await kids()).toContain(oldKid);
    now += 11 * 60_000;
    expect(await kids()).not.toContain(oldKid);
    expect(await kids()).toContain(newKid);
    // Even a fresh token signed by the retired key (stolen after retirement) is refused.
    const iat = Math.floor(now / 1000);
    const forged = await new SignJWT({ ...claims, iat, nbf: iat, exp: iat + 300 }).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: oldKid }).sign(oldKey);
    expect((await withBearer(gh, forged).get('/api/grades')).status).toBe(401);
    const current = await new SignJWT({ ...claims, iat, nbf: iat, exp: iat + 300 }).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: newKid }).sign((await gh.runtime.signingKeys.signer()).key);
    expect((await withBearer(gh, current).get('/api/grades')).status).toBe(200);
  });
});
