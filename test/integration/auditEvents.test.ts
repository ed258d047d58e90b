import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestBytes, type AuditDigest } from '../../src/audit/AuditDigest.js';
import { auditKeyFingerprint } from '../../src/audit/auditKeyFingerprint.js';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let gh: TestServer;
let auditor: Client;
let student: Client;
let teacher: Client;
let studentId: string;

async function newest() {
  const row = await gh.runtime.db.selectFrom('audit_events').select('body').orderBy('sequence', 'desc').limit(1).executeTakeFirstOrThrow();
  return JSON.parse(row.body);
}

beforeAll(async () => {
  gh = await startTestServer({ GATEHOUSE_AUDIT_DIGEST_EVENTS: '10', GATEHOUSE_AUDIT_BODY_LIMIT_BYTES: '256' });
  studentId = (await gh.addUser('student@school.test', password, ['students'])).id;
  await gh.addUser('teacher@school.test', password, ['teachers']);
  await gh.addUser('auditor@school.test', password, ['auditors']);
  [auditor, student, teacher] = [gh.client(), gh.client(), gh.client()];
  await auditor.signIn('auditor@school.test', password);
  await student.signIn('student@school.test', password);
  await teacher.signIn('teacher@school.test', password);
  for (let i = 0; i < 5; i++) await teacher.post('/api/grades', { studentId, course: `Course ${i}`, score: i });
  await student.post('/api/grades', { studentId, course: 'Forged', score: 100 });
});
afterAll(() => gh.close());

describe('GET /audit/events', () => {
  it('refuses a student with 403, and records the refusal', async () => {
    const answer = await student.get('/audit/events');
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('ACCESS_DENIED');
    expect(await newest()).toMatchObject({
      eventName: 'LookupAuditEvents',
      errorCode: 'ACCESS_DENIED',
      userIdentity: { principalId: studentId },
      additionalEventData: { statusCode: 403, authorization: { decision: 'DENY', action: 'LookupAuditEvents' } },
    });
  });

  it('refuses an anonymous caller with 401', async () => {
    expect((await gh.client().get('/audit/events')).status).toBe(401);
  });

  it('lets an auditor read events newest first, and records the read with its filters', async () => {
    const answer = await auditor.get('/audit/events?eventName=CreateGrade&limit=3');
    expect(answer.status).toBe(200);
    expect(answer.body.events).toHaveLength(3);
    const sequences = answer.body.events.map((e: { sequence: number }) => e.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
    expect(answer.body.events.every((e: { eventName: string; hash: string }) => e.eventName === 'CreateGrade' && /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    expect(await newest()).toMatchObject({ eventName: 'LookupAuditEvents', errorCode: null, readOnly: true, requestParameters: { eventName: 'CreateGrade', limit: 3 } });
  });

  it('pages with the cursor until every match was seen once', async () => {
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const answer = await auditor.get(`/audit/events?eventName=CreateGrade&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.body.events.map((e: { sequence: number }) => e.sequence));
      cursor = answer.body.nextCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('filters by principal, error code and time', async () => {
    const byStudent = await auditor.get(`/audit/events?principalId=${studentId}`);
    expect(byStudent.body.events.length).toBeGreaterThan(0);
    expect(byStudent.body.events.every((e: { userIdentity: { principalId: string } }) => e.userIdentity.principalId === studentId)).toBe(true);
    const denied = await auditor.get('/audit/events?errorCode=ACCESS_DENIED');
    expect(denied.body.events.map((e: { eventName: string }) => e.eventName).sort()).toEqual(['CreateGrade', 'LookupAuditEvents']);
    const future = await auditor.get(`/audit/events?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(future.body.events).toEqual([]);
    const past = await auditor.get(`/audit/events?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`);
    expect(past.body.events).toEqual([]);
  });

  it('answers bad filters with 400, never a 500', async () => {
    for (const query of ['from=yesterday', 'cursor=abc', 'limit=1000', 'eventName=a%20b', 'errorCode=lower', 'unknown=1']) {
      const answer = await auditor.get(`/audit/events?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    }
  });
});

describe('GET /audit/public-keys', () => {
  it('publishes the key that signs the digests, with its fingerprint, and nothing private', async () => {
    await gh.runtime.auditDigests.sealNow();
    const answer = await gh.client().get('/audit/public-keys');
    expect(answer.status).toBe(200);
    const [key] = answer.body.keys;
    expect(key).toMatchObject({ algorithm: 'Ed25519', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(answer.text).not.toMatch(/PRIVATE/);
    expect(auditKeyFingerprint(createPublicKey(key.publicKey))).toBe(key.fingerprint);
    const row = await gh.runtime.db.selectFrom('audit_digests').selectAll().orderBy('to_sequence', 'desc').limit(1).executeTakeFirstOrThrow();
    const digest = JSON.parse(row.body) as AuditDigest;
    expect(digest.keyFingerprint).toBe(key.fingerprint);
    expect(verify(null, Buffer.from(digestBytes(digest)), createPublicKey(key.publicKey), Buffer.from(row.signature, 'base64'))).toBe(true);
  });

  it('keeps the private key sealed by the keyring, never in clear', async () => {
    const row = await gh.runtime.db.selectFrom('audit_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.private_key).not.toMatch(/PRIVATE KEY/);
    expect(gh.runtime.keyring.openText(row.private_key!, { table: 'audit_keys', column: 'private_key', rowId: row.fingerprint })).toMatch(/BEGIN PRIVATE KEY/);
  });

  it('signs a digest every N events, each over the range after the last', async () => {
    const rows = await gh.runtime.db.selectFrom('audit_digests').select(['from_sequence', 'to_sequence']).orderBy('to_sequence').execute();
    expect(rows.length).toBeGreaterThan(1);
    rows.forEach((row, i) => {
      if (i > 0) expect(Number(row.from_sequence)).toBe(Number(rows[i - 1]!.to_sequence) + 1);
    });
  });
});

describe('what the trail keeps of a request', () => {
  it('escapes control characters in what it records', async () => {
    await teacher.post('/api/grades', { studentId, course: 'Math\u001b[2J\r\nforged line\u202e', score: 1 });
    const event = await newest();
    expect(event.requestParameters.course).toBe('Math\\u001b[2J\\u000d\\u000aforged line\\u202e');
    expect(event.responseElements.course).toBe(event.requestParameters.course);
  });

  it('cuts request parameters over the limit, with a marker', async () => {
    await teacher.post('/api/grades', { studentId, course: 'long course name '.repeat(20).slice(0, 200), score: 1 });
    const event = await newest();
    expect(event.eventName).toBe('CreateGrade');
    expect(event.requestParameters['[TRUNCATED]']).toMatch(/bytes, over the 256-byte limit/);
    expect(typeof event.requestParameters.preview).toBe('string');
  });
});
