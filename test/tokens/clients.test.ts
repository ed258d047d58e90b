import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatehouse } from '../support/gatehouse.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { plainTransact } from '../../src/store/Transact.js';
import { createClient } from '../../src/tokens/clients/createClient.js';
import { rotateClientSecret } from '../../src/tokens/clients/rotateClientSecret.js';
import { signedInWithTokens, withBearer } from './tokenSupport.js';

const password = 'window garden 3141';
let gh: TestServer;
let studentId: string;
let gradeId: string;

beforeAll(async () => {
  gh = await startTestServer();
  const teacher = await signedInWithTokens(gh, 'teacher@school.test', password, ['teachers']);
  studentId = (await gh.addUser('sam@school.test', password, ['students'])).id;
  gradeId = (await teacher.browser.post('/api/grades', { studentId, course: 'Algebra', score: 91 })).body.id;
});
afterAll(() => gh.close());

/** `gatehouse client …` against the running server's data, as an operator would. */
async function cli(...args: string[]) {
  const run = await gatehouse(['client', ...args, '--data', gh.dataDir]);
  expect(run.code, run.stderr).toBe(0);
  const clientId = /^client_id=(\S+)$/m.exec(run.stdout)?.[1];
  const clientSecret = /^client_secret=(\S+)$/m.exec(run.stdout)?.[1];
  if (!clientId || !clientSecret) throw new Error(`no credentials in ${run.stdout}`);
  return { clientId, clientSecret };
}

function grant(credentials: { clientId: string; clientSecret: string }) {
  return gh.client().post('/auth/token', { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret });
}

async function tokenFor(credentials: { clientId: string; clientSecret: string }) {
  const answer = await grant(credentials);
  expect(answer.status, answer.text).toBe(200);
  return answer.body.accessToken as string;
}

describe('machine clients', () => {
  let reporting: { clientId: string; clientSecret: string };
  beforeAll(async () => {
    reporting = await cli('add', 'reporting');
  }, 60_000);

  it('issues an access token for client_credentials, and no refresh or ID token', async () => {
    const answer = await grant(reporting);
    expect(answer.status).toBe(200);
    expect(answer.body.refreshToken).toBeUndefined();
    expect(answer.body.idToken).toBeUndefined();
    const claims = decodeJwt(answer.body.accessToken);
    expect(claims).toMatchObject({ sub: reporting.clientId, client_id: reporting.clientId, client_name: 'reporting', aud: 'gatehouse' });
    expect(claims.sid).toBeUndefined();
  });

  it('takes the credentials in HTTP Basic too, but not in both places', async () => {
    const basic = `Basic ${Buffer.from(`${reporting.clientId}:${reporting.clientSecret}`).toString('base64')}`;
    const answer = await gh.client().post('/auth/token', { grant_type: 'client_credentials' }, { headers: { authorization: basic } });
    expect(answer.status).toBe(200);
    const both = await gh.client().post('/auth/token', { grant_type: 'client_credentials', client_id: reporting.clientId, client_secret: reporting.clientSecret }, { headers: { authorization: basic } });
    expect(both.status).toBe(400);
  });

  it('takes the form encoding that OAuth client libraries send', async () => {
    const basic = `Basic ${Buffer.from(`${reporting.clientId}:${reporting.clientSecret}`).toString('base64')}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const answer = await gh.client().request('POST', '/auth/token', { body: 'grant_type=client_credentials', headers: { ...form, authorization: basic } });
    expect(answer.status).toBe(200);
    const twice = await gh.client().request('POST', '/auth/token', { body: 'grant_type=client_credentials&grant_type=client_credentials', headers: { ...form, authorization: basic } });
    expect(twice.status).toBe(400);
  });

  it('refuses a wrong secret and an unknown client alike (401 INVALID_CREDENTIALS)', async () => {
    for (const credentials of [
      { clientId: reporting.clientId, clientSecret: 'B'.repeat(43) },
      { clientId: 'gh_AAAAAAAAAAAAAAAA', clientSecret: reporting.clientSecret },
    ]) {
      const answer = await grant(credentials);
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    const badBasic = await gh.client().post('/auth/token', { grant_type: 'client_credentials' }, { headers: { authorization: 'Basic !!!' } });
    expect(badBasic.status).toBe(401);
  });

  it('lets the reporting client read grades but not write them (the shipped example policy)', async () => {
    const api = withBearer(gh, await tokenFor(reporting));
    expect((await api.get(`/api/grades/${gradeId}`)).status).toBe(200);
    const list = await api.get(`/api/grades?studentId=${studentId}`);
    expect(list.status).toBe(200);
    expect(list.body.grades).toHaveLength(1);
    // A client has no grades of its own: it names the student.
    expect((await api.get('/api/grades')).status).toBe(400);
    const write = await api.post('/api/grades', { studentId, course: 'Forgery', score: 100 });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('ACCESS_DENIED');
    expect((await api.put(`/api/grades/${gradeId}`, { score: 100 })).status).toBe(403);
    expect((await api.post('/api/orders', { items: [{ sku: 'pen', qty: 1 }] })).status).toBe(403);
  });

  it('refuses a client that no policy permits (403)', async () => {
    const api = withBearer(gh, await tokenFor(await createClient(gh.runtime, 'intruder', plainTransact(gh.runtime.db))));
    const answer = await api.get(`/api/grades/${gradeId}`);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('ACCESS_DENIED');
    expect((await api.get(`/api/grades?studentId=${studentId}`)).status).toBe(403);
  });

  it('records the client as the caller, with the Cedar decision', async () => {
    await withBearer(gh, await tokenFor(reporting)).get(`/api/grades/${gradeId}`);
    const row = await gh.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', 'GetGrade').orderBy('sequence', 'desc').executeTakeFirstOrThrow();
    const recorded = JSON.parse(row.body);
    expect(recorded.userIdentity).toMatchObject({ type: 'Client', principalId: reporting.clientId });
    expect(recorded.additionalEventData.authorization).toMatchObject({ decision: 'ALLOW', policies: ['clients.reporting-reads-grades'] });
  });

  it('keeps two secrets active across a rotation, and only their hashes', async () => {
    const first = await createClient(gh.runtime, 'rotating', plainTransact(gh.runtime.db));
    const second = await cli('rotate-secret', 'rotating');
    expect(second.clientId).toBe(first.clientId);
    expect((await grant(first)).status).toBe(200);
    expect((await grant(second)).status).toBe(200);
    const third = await rotateClientSecret(gh.runtime, 'rotating', plainTransact(gh.runtime.db));
    expect((await grant(first)).status).toBe(401);
    expect((await grant(second)).status).toBe(200);
    expect((await grant({ clientId: third.clientId, clientSecret: third.clientSecret })).status).toBe(200);
    const stored = await gh.runtime.db.selectFrom('client_secrets').select('secret_hash').where('client_id', '=', first.clientId).execute();
    expect(stored).toHaveLength(3);
    for (const { secret_hash } of stored) expect([first.clientSecret, second.clientSecret, third.clientSecret]).not.toContain(secret_hash);
  }, 60_000);

  it('refuses a second client of the same name, and a bad name', async () => {
    const twice = await gatehouse(['client', 'add', 'reporting', '--data', gh.dataDir]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/exists/);
    await expect(createClient(gh.runtime, 'Bad Name!', plainTransact(gh.runtime.db))).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(rotateClientSecret(gh.runtime, 'nobody', plainTransact(gh.runtime.db))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});
