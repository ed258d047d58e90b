import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyring } from '../../src/crypto/keyring/createKeyring.js';
import { loadMasterKeys, masterKeyFile, newMasterKeyText } from '../../src/crypto/keyring/masterKeys.js';
import { rewrapSealedValues } from '../../src/crypto/keyring/rewrapSealedValues.js';
import { verifyConfirmation } from '../../src/mfa/webauthn/confirmation/verifyConfirmation.js';
import { plainTransact } from '../../src/store/Transact.js';
import { createClient } from '../../src/tokens/clients/createClient.js';
import { gatehouse } from '../support/gatehouse.js';
import { SoftAuthenticator } from '../support/softAuthenticator.js';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let now = Date.now();
let gh: TestServer;
let teacher: Client;
let student: Client;
let studentId: string;
let key: SoftAuthenticator;
/** A second key of the teacher. */
let spare: SoftAuthenticator;

async function lastEvent(name: string) {
  const row = await gh.runtime.db.selectFrom('audit_events').selectAll().where('event_name', '=', name).orderBy('sequence', 'desc').executeTakeFirstOrThrow();
  return JSON.parse(row.body);
}

async function counterOf(authenticator: SoftAuthenticator): Promise<number> {
  const row = await gh.runtime.db.selectFrom('webauthn_credentials').select('counter').where('credential_id', '=', authenticator.id).executeTakeFirstOrThrow();
  return Number(row.counter);
}

/** A new session of the teacher, signed in with `authenticator` as the second factor. */
async function signInWithKey(authenticator: SoftAuthenticator): Promise<Client> {
  const client = gh.client();
  const { mfaToken } = (await client.post('/auth/sign-in', { email: 'teacher@school.test', password })).body;
  const requested = (await client.post('/auth/sign-in/mfa/challenge', { mfaToken, method: 'webauthn' })).body;
  const answer = await client.post('/auth/sign-in/mfa', { mfaToken, method: 'webauthn', response: authenticator.authenticate(requested) });
  expect(answer.body.status).toBe('SIGNED_IN');
  client.csrfToken = answer.body.csrfToken;
  return client;
}

async function newGrade(score = 70): Promise<string> {
  const created = await teacher.post('/api/grades', { studentId, course: 'Algebra', score });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** Asks to confirm `score` on `gradeId` and has the key sign it. */
async function signedUpdate(gradeId: string, score: number, tweak: Parameters<SoftAuthenticator['authenticate']>[1] = {}) {
  const asked = await teacher.post(`/api/grades/${gradeId}/confirmation`, { score });
  expect(asked.status).toBe(200);
  return { asked: asked.body, response: key.authenticate(asked.body.options, tweak) };
}

/**
 * Whether any database file (main, WAL, shm) holds `bytes`. Read in a child process: closing a
 * descriptor of the database in this process would drop SQLite's POSIX locks on it.
 */
function databaseFilesHold(bytes: Buffer): boolean {
  const script = `const fs=require('fs'),p=require('path'),[dir,hex]=process.argv.slice(1);
process.stdout.write(String(fs.readdirSync(dir).filter(f=>f.startsWith('gatehouse.db')).some(f=>fs.readFileSync(p.join(dir,f)).includes(Buffer.from(hex,'hex')))))`;
  return execFileSync(process.execPath, ['-e', script, gh.dataDir, bytes.toString('hex')], { encoding: 'utf8' }) === 'true';
}

/** `gatehouse confirmation verify <id>` on the built binary, against the test server's data. */
async function verifyFromCli(id: string): Promise<{ code: number | null; check: { valid: boolean; reason?: string } }> {
  const run = await gatehouse(['confirmation', 'verify', id, '--data', gh.dataDir]);
  return { code: run.code, check: JSON.parse(run.stdout) };
}

beforeAll(async () => {
  gh = await startTestServer({}, { clock: () => now });
  await gh.addUser('teacher@school.test', password, ['teachers']);
  studentId = (await gh.addUser('student@school.test', password, ['students'])).id;
  teacher = gh.client();
  student = gh.client();
  await teacher.signIn('teacher@school.test', password);
  await student.signIn('student@school.test', password);
  key = new SoftAuthenticator(gh.runtime.config.publicUrl);
  spare = new SoftAuthenticator(gh.runtime.config.publicUrl);
});
afterAll(() => gh.close());

describe('WebAuthn registration', () => {
  it('registers a software security key (ES256, attestation none) as an enabled factor', async () => {
    const options = await teacher.post('/auth/mfa/webauthn/register/options');
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({ rp: { id: 'localhost', name: 'Gatehouse' }, attestation: 'none', authenticatorSelection: { userVerification: 'preferred' } });
    const verified = await teacher.post('/auth/mfa/webauthn/register/verify', { response: key.register(options.body), label: 'Blue key' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'ENABLED', recoveryCodes: expect.any(Array) });
    const factors = (await teacher.get('/auth/mfa')).body.factors;
    expect(factors).toEqual([expect.objectContaining({ type: 'webauthn', label: 'Blue key', enabled: true })]);

    const stored = await gh.runtime.db.selectFrom('webauthn_credentials').selectAll().executeTakeFirstOrThrow();
    expect(stored.credential_id).toBe(key.id);
    expect(stored.factor_id).toBe(factors[0].id);
    // The user handle is sealed: neither its base64url nor its bytes are in the database files.
    const handle = Buffer.from(options.body.user.id, 'base64url');
    expect(stored.user_handle.startsWith('gk1.')).toBe(true);
    expect(databaseFilesHold(Buffer.from(key.id))).toBe(true);
    expect(databaseFilesHold(handle)).toBe(false);
    expect(databaseFilesHold(Buffer.from(options.body.user.id))).toBe(false);
  });

  it('records the factor type and outcome, with the WebAuthn response redacted', async () => {
    const event = await lastEvent('EnableWebAuthn');
    expect(event.requestParameters.response).toBe('[REDACTED]');
    expect(event.responseElements).toMatchObject({ mfa: { factorType: 'webauthn', outcome: 'ENROLLED' } });
    expect(JSON.stringify(event)).not.toContain('attestationObject');
    expect((await lastEvent('SetupWebAuthn')).responseElements).toMatchObject({ mfa: { factorType: 'webauthn', outcome: 'SETUP' } });
  });

  it('refuses an answer to a challenge already used, and excludes registered keys', async () => {
    const options = await teacher.post('/auth/mfa/webauthn/register/options');
    expect(options.body.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([key.id]);
    const response = spare.register(options.body);
    expect((await teacher.post('/auth/mfa/webauthn/register/verify', { response })).status).toBe(200);
    const replay = await teacher.post('/auth/mfa/webauthn/register/verify', { response });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('INVALID_CODE');
  });

  it('refuses a response for another origin, and a malformed one with a 400', async () => {
    const options = await teacher.post('/auth/mfa/webauthn/register/options');
    const phishing = new SoftAuthenticator('https://evil.example');
    expect((await teacher.post('/auth/mfa/webauthn/register/verify', { response: phishing.register(options.body) })).body.error.code).toBe('INVALID_CODE');
    const malformed = await teacher.post('/auth/mfa/webauthn/register/verify', { response: { id: 'x' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('needs a sign-in within the last 10 minutes to enrol', async () => {
    const late = gh.client();
    await late.signIn('student@school.test', password);
    now += 11 * 60_000;
    try {
      const answer = await late.post('/auth/mfa/webauthn/register/options');
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('STEP_UP_REQUIRED');
    } finally {
      now -= 11 * 60_000;
    }
    expect((await gh.client().post('/auth/mfa/webauthn/register/options')).status).toBe(401);
  });
});

describe('WebAuthn as the first factor of an administrator (setupToken)', () => {
  it('enrols a key with the setupToken of MFA_SETUP_REQUIRED, which then signs the admin in', async () => {
    await gh.addUser('ada@admin.test', password, ['admins']);
    const client = gh.client();
    const first = await client.post('/auth/sign-in', { email: 'ada@admin.test', password });
    expect(first.body.status).toBe('MFA_SETUP_REQUIRED');
    const headers = { 'x-setup-token': first.body.setupToken };
    const adminKey = new SoftAuthenticator(gh.runtime.config.publicUrl);
    const options = await client.post('/auth/mfa/webauthn/register/options', {}, { headers });
    expect(options.status).toBe(200);
    // Another setupToken (or none) cannot answer this challenge.
    expect((await gh.client().post('/auth/mfa/webauthn/register/verify', { response: adminKey.register(options.body) })).status).toBe(401);
    const again = await client.post('/auth/mfa/webauthn/register/options', {}, { headers });
    const enabled = await client.post('/auth/mfa/webauthn/register/verify', { response: adminKey.register(again.body) }, { headers });
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ status: 'SIGNED_IN', recoveryCodes: expect.any(Array) });
    client.csrfToken = enabled.body.csrfToken;
    expect((await client.get('/auth/session')).body.session.mfa).toBe(true);
    expect((await gh.client().post('/auth/sign-in', { email: 'ada@admin.test', password })).body.methods).toEqual(['webauthn', 'recovery']);
  });
});

describe('WebAuthn second step of sign-in', () => {
  async function firstStep(): Promise<{ client: Client; mfaToken: string; methods: string[] }> {
    const client = gh.client();
    const answer = await client.post('/auth/sign-in', { email: 'teacher@school.test', password });
    expect(answer.body.status).toBe('MFA_REQUIRED');
    return { client, mfaToken: answer.body.mfaToken, methods: answer.body.methods };
  }

  async function options(mfaToken: string, client: Client) {
    const answer = await client.post('/auth/sign-in/mfa/challenge', { mfaToken, method: 'webauthn' });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it('signs in with the key: request options, then an assertion, and the session is MFA-authenticated', async () => {
    const { client, mfaToken, methods } = await firstStep();
    expect(methods).toEqual(['webauthn', 'recovery']);
    const requested = await options(mfaToken, client);
    expect(requested).toMatchObject({ rpId: 'localhost', userVerification: 'preferred' });
    expect(requested.allowCredentials.map((c: { id: string }) => c.id).sort()).toEqual([key.id, spare.id].sort());
    const answer = await client.post('/auth/sign-in/mfa', { mfaToken, method: 'webauthn', response: key.authenticate(requested) });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('SIGNED_IN');
    client.csrfToken = answer.body.csrfToken;
    expect((await client.get('/auth/session')).body.session.mfa).toBe(true);
    const event = await lastEvent('SignInMfa');
    expect(event.responseElements.mfa).toEqual({ factorType: 'webauthn', outcome: 'SUCCESS' });
    expect(event.requestParameters.response).toBe('[REDACTED]');
  });

  it('refuses a forged signature', async () => {
    const { client, mfaToken } = await firstStep();
    const answer = await client.post('/auth/sign-in/mfa', { mfaToken, method: 'webauthn', response: key.authenticate(await options(mfaToken, client), { forge: true }) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CODE');
    expect(client.cookie).toBeUndefined();
  });

  it('refuses a replayed challenge, even with a fresh signature over it', async () => {
    const { client, mfaToken } = await firstStep();
    const requested = await options(mfaToken, client);
    const response = key.authenticate(requested);
    // The first answer is wrong (another key's), and it spends the challenge.
    expect((await client.post('/auth/sign-in/mfa', { mfaToken, method: 'webauthn', response: key.authenticate(requested, { forge: true }) })).status).toBe(400);
    const replay = await client.post('/auth/sign-in/mfa', { mfaToken, method: 'webauthn', response });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('INVALID_CODE');
  });

  it('refuses an assertion made for another sign-in', async () => {
    const first = await firstStep();
    const second = await firstStep();
    const response = key.authenticate(await options(first.mfaToken, first.client));
    await options(second.mfaToken, second.client);
    expect((await second.client.post('/auth/sign-in/mfa', { mfaToken: second.mfaToken, method: 'webauthn', response })).status).toBe(400);
  });

  it('refuses a signature counter that goes backwards (a cloned key)', async () => {
    const { client, mfaToken } = await firstStep();
    const before = await counterOf(key);
    expect(before).toBeGreaterThan(0);
    const answer = await client.post('/auth/sign-in/mfa', { mfaToken, method: 'webauthn', response: key.authenticate(await options(mfaToken, client), { counter: before - 1 }) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CODE');
    expect(await counterOf(key)).toBe(before);
    // The real key carries on from where it was.
    key.counter = before;
  });
});

describe('signed confirmation of a grade update', () => {
  it('signs SHA-256 of the canonical action, stores the assertion with the audit event, and re-verifies it', async () => {
    // Enrolling the key proved it; sixteen minutes on, that proof is too old for a grade update.
    now += 16 * 60_000;
    try {
      const gradeId = await newGrade();
      // A plain update asks for a step-up; a signed one is that factor.
      expect((await teacher.put(`/api/grades/${gradeId}`, { score: 95 })).body.error.code).toBe('STEP_UP_REQUIRED');
      const { asked, response } = await signedUpdate(gradeId, 95);
      const teacherId = (await teacher.get('/auth/session')).body.user.id;
      expect(asked.action).toMatchObject({ actor: teacherId, action: 'UpdateGrade', resource: `Grade::"${gradeId}"`, value: { score: 95 } });
      const digest = createHash('sha256').update(canonicalize(asked.action)!).digest();
      expect(asked.options.challenge).toBe(digest.toString('base64url'));
      expect(asked.actionSha256).toBe(digest.toString('hex'));

      const updated = await teacher.put(`/api/grades/${gradeId}`, { score: 95, confirmation: { response } });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ score: 95, confirmation: { factorType: 'webauthn', actionSha256: asked.actionSha256, publicKeySha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });

      const event = await lastEvent('UpdateGrade');
      expect(event.responseElements.confirmation).toEqual(updated.body.confirmation);
      expect(event.requestParameters.confirmation).toEqual({ response: '[REDACTED]' });
      const check = await verifyConfirmation(gh.runtime, updated.body.confirmation.id);
      expect(check).toMatchObject({ valid: true, action: asked.action });
      const row = await gh.runtime.db.selectFrom('audit_events').select('sequence').where('event_id', '=', event.eventId).executeTakeFirstOrThrow();
      expect(check.auditSequence).toBe(Number(row.sequence));
    } finally {
      now -= 16 * 60_000;
    }
  });

  it('detects a stored action that was tampered with', async () => {
    const gradeId = await newGrade();
    const { response } = await signedUpdate(gradeId, 60);
    const { id } = (await teacher.put(`/api/grades/${gradeId}`, { score: 60, confirmation: { response } })).body.confirmation;
    const row = await gh.runtime.db.selectFrom('action_confirmations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const forged = { ...JSON.parse(row.action), value: { score: 100 } };

    expect(await verifyFromCli(id)).toMatchObject({ code: 0, check: { valid: true } });

    // Only the action changed: its hash no longer matches.
    await gh.runtime.db.updateTable('action_confirmations').set({ action: canonicalize(forged)! }).where('id', '=', id).execute();
    expect(await verifyConfirmation(gh.runtime, id)).toMatchObject({ valid: false, reason: 'the stored action does not match its hash' });

    // The hash rewritten too: the key's signature covers the original hash only.
    const forgedHash = createHash('sha256').update(canonicalize(forged)!).digest('hex');
    await gh.runtime.db.updateTable('action_confirmations').set({ action_sha256: forgedHash }).where('id', '=', id).execute();
    expect(await verifyConfirmation(gh.runtime, id)).toMatchObject({ valid: false, reason: 'the signature does not verify over this action' });
    const viaCli = await verifyFromCli(id);
    expect(viaCli).toMatchObject({ code: 1, check: { valid: false } });

    // Restored, it verifies again.
    await gh.runtime.db.updateTable('action_confirmations').set({ action: row.action, action_sha256: row.action_sha256 }).where('id', '=', id).execute();
    expect((await verifyConfirmation(gh.runtime, id)).valid).toBe(true);
    expect((await verifyConfirmation(gh.runtime, 'no-such-id')).valid).toBe(false);
  });

  it('refuses a forged signature and leaves the grade unchanged', async () => {
    const gradeId = await newGrade(50);
    const { response } = await signedUpdate(gradeId, 99, { forge: true });
    const answer = await teacher.put(`/api/grades/${gradeId}`, { score: 99, confirmation: { response } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CODE');
    expect((await teacher.get(`/api/grades/${gradeId}`)).body.score).toBe(50);
    expect((await lastEvent('UpdateGrade')).errorCode).toBe('INVALID_CODE');
  });

  it('refuses a replayed challenge', async () => {
    const gradeId = await newGrade();
    const { response } = await signedUpdate(gradeId, 80);
    expect((await teacher.put(`/api/grades/${gradeId}`, { score: 80, confirmation: { response } })).status).toBe(200);
    const replay = await teacher.put(`/api/grades/${gradeId}`, { score: 80, confirmation: { response } });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('INVALID_CODE');
  });

  it('refuses a signature counter that goes backwards (a cloned key)', async () => {
    const gradeId = await newGrade();
    const before = await counterOf(key);
    expect(before).toBeGreaterThan(1);
    const { response } = await signedUpdate(gradeId, 81, { counter: 1 });
    const answer = await teacher.put(`/api/grades/${gradeId}`, { score: 81, confirmation: { response } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CODE');
    expect(await counterOf(key)).toBe(before);
    key.counter = before;
  });

  it('refuses a confirmation of another value, another grade or another session', async () => {
    const gradeId = await newGrade();
    const otherGrade = await newGrade();
    const elsewhere = await signInWithKey(spare);
    let signed = await signedUpdate(gradeId, 90);
    expect((await teacher.put(`/api/grades/${gradeId}`, { score: 91, confirmation: { response: signed.response } })).body.error.code).toBe('INVALID_CODE');
    signed = await signedUpdate(gradeId, 90);
    expect((await teacher.put(`/api/grades/${otherGrade}`, { score: 90, confirmation: { response: signed.response } })).body.error.code).toBe('INVALID_CODE');
    signed = await signedUpdate(gradeId, 90);
    expect((await elsewhere.put(`/api/grades/${gradeId}`, { score: 90, confirmation: { response: signed.response } })).body.error.code).toBe('INVALID_CODE');
    // The key itself was fine all along: the same steps for this very update pass.
    signed = await signedUpdate(gradeId, 90);
    expect((await teacher.put(`/api/grades/${gradeId}`, { score: 90, confirmation: { response: signed.response } })).status).toBe(200);
  });

  it('refuses a key answering for another relying party', async () => {
    const gradeId = await newGrade();
    const { response } = await signedUpdate(gradeId, 77, { rpId: 'evil.example' });
    expect((await teacher.put(`/api/grades/${gradeId}`, { score: 77, confirmation: { response } })).body.error.code).toBe('INVALID_CODE');
  });

  it('lets only those who may update the grade ask for a confirmation', async () => {
    const gradeId = await newGrade();
    expect((await student.post(`/api/grades/${gradeId}/confirmation`, { score: 100 })).status).toBe(403);
    expect((await teacher.post('/api/grades/nope/confirmation', { score: 100 })).status).toBe(404);
    // A machine client holds no key: refused, not a 500.
    const reporting = await createClient(gh.runtime, 'reporting', plainTransact(gh.runtime.db));
    const token = (await gh.client().post('/auth/token', { grant_type: 'client_credentials', client_id: reporting.clientId, client_secret: reporting.clientSecret })).body.accessToken;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await gh.client().post(`/api/grades/${gradeId}/confirmation`, { score: 100 }, { headers: bearer })).status).toBe(403);
    const { response } = await signedUpdate(gradeId, 100);
    const put = await gh.client().request('PUT', `/api/grades/${gradeId}`, { json: { score: 100, confirmation: { response } }, headers: bearer });
    expect(put.status).toBe(403);
  });
});

describe('step-up and removal', () => {
  it('steps up a session with the key', async () => {
    const challenge = await teacher.post('/auth/step-up/challenge', { method: 'webauthn' });
    expect(challenge.status).toBe(200);
    const stepped = await teacher.post('/auth/step-up', { method: 'webauthn', response: spare.authenticate(challenge.body) });
    expect(stepped.status).toBe(200);
    expect(stepped.body).toMatchObject({ status: 'STEPPED_UP', mfa: true });
    const gradeId = await newGrade();
    expect((await teacher.put(`/api/grades/${gradeId}`, { score: 71 })).status).toBe(200);
    expect((await teacher.post('/auth/step-up', { method: 'webauthn', response: spare.authenticate(challenge.body) })).status).toBe(400);
  });

  it('removes the key with its factor; what it confirmed stays verifiable', async () => {
    const gradeId = await newGrade();
    const asked = (await teacher.post(`/api/grades/${gradeId}/confirmation`, { score: 42 })).body;
    const signed = await teacher.put(`/api/grades/${gradeId}`, { score: 42, confirmation: { response: spare.authenticate(asked.options) } });
    expect(signed.status).toBe(200);
    const factors = (await teacher.get('/auth/mfa')).body.factors as Array<{ id: string }>;
    const spareRow = await gh.runtime.db.selectFrom('webauthn_credentials').select('factor_id').where('credential_id', '=', spare.id).executeTakeFirstOrThrow();
    expect(factors.map((f) => f.id)).toContain(spareRow.factor_id);
    expect((await teacher.request('DELETE', `/auth/mfa/${spareRow.factor_id}`)).status).toBe(204);
    expect(await gh.runtime.db.selectFrom('webauthn_credentials').select('id').where('credential_id', '=', spare.id).executeTakeFirst()).toBeUndefined();
    expect(await verifyConfirmation(gh.runtime, signed.body.confirmation.id)).toMatchObject({ valid: true, action: asked.action });
    // A key swapped in its place is caught by the audit event, which recorded the key's hash.
    const intruder = (await gh.runtime.db.selectFrom('webauthn_credentials').select('public_key').where('credential_id', '=', key.id).executeTakeFirstOrThrow()).public_key;
    await gh.runtime.db.updateTable('action_confirmations').set({ public_key: intruder }).where('id', '=', signed.body.confirmation.id).execute();
    expect((await verifyConfirmation(gh.runtime, signed.body.confirmation.id)).valid).toBe(false);
  });
});

describe('keys rotate', () => {
  it('re-wraps the sealed user handles, and every key keeps working', async () => {
    const oldKey = fs.readFileSync(masterKeyFile(gh.dataDir), 'utf8').trim();
    const rotated = createKeyring(loadMasterKeys(gh.dataDir, `${newMasterKeyText()},${oldKey}`));
    const report = await rewrapSealedValues(gh.runtime.db, rotated);
    expect(report.rewrapped).toBeGreaterThan(0);
    const handles = await gh.runtime.db.selectFrom('webauthn_credentials').select('user_handle').execute();
    expect(handles.every((row) => rotated.keyIdOf(row.user_handle) === rotated.currentKeyId)).toBe(true);
    gh.runtime.keyring = rotated;

    // The assertion carries the user handle, checked against the re-wrapped one.
    const gradeId = await newGrade();
    const { response } = await signedUpdate(gradeId, 66);
    expect(response.response.userHandle).toBeDefined();
    expect((await teacher.put(`/api/grades/${gradeId}`, { score: 66, confirmation: { response } })).status).toBe(200);
    // A new key gets the same user handle, opened from a re-wrapped row.
    const options = await teacher.post('/auth/mfa/webauthn/register/options');
    expect(options.body.user.id).toBe(key.userHandle);
  });
});
