import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let gh: TestServer;
let teacher: Client;
let student: Client;
let studentId: string;

async function events() {
  const rows = await gh.runtime.db.selectFrom('audit_events').selectAll().orderBy('sequence').execute();
  return rows.map((row) => ({ row, event: JSON.parse(row.body) }));
}

beforeAll(async () => {
  gh = await startTestServer();
  await gh.addUser('teacher@school.test', password, ['teachers']);
  studentId = (await gh.addUser('student@school.test', password, ['students'])).id;
  teacher = gh.client();
  student = gh.client();
  await teacher.signIn('teacher@school.test', password);
  await student.signIn('student@school.test', password);
});
afterAll(() => gh.close());

describe('audit trail', () => {
  it('records one event per request to /auth and /api, none for other paths', async () => {
    const before = (await events()).length;
    await student.get('/auth/session');
    await student.get('/api/grades');
    await gh.client().get('/auth/unknown');
    await gh.client().get('/');
    await gh.client().get('/healthz');
    expect((await events()).length - before).toBe(3);
  });

  it('records who, when, from where, what was asked and answered', async () => {
    const created = await teacher.post('/api/grades', { studentId, course: 'Latin', score: 80 }, { headers: { 'user-agent': 'audit-test/1.0' } });
    const { event } = (await events()).at(-1)!;
    expect(event).toMatchObject({
      eventSource: 'api.gatehouse',
      eventName: 'CreateGrade',
      userIdentity: { type: 'User', principalId: expect.any(String), sessionId: expect.any(String), mfaAuthenticated: false },
      sourceIPAddress: '127.0.0.1',
      userAgent: 'audit-test/1.0',
      requestParameters: { studentId, course: 'Latin', score: 80 },
      responseElements: { id: created.body.id, studentId, course: 'Latin', score: 80 },
      errorCode: null,
      readOnly: false,
      additionalEventData: { statusCode: 201, authorization: { decision: 'ALLOW', action: 'CreateGrade', policies: ['grades.teachers-write'] } },
    });
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.eventTime)).toBeGreaterThan(Date.now() - 60_000);
    expect(created.headers.get('x-request-id')).toBe(event.requestId);
  });

  it('records refusals with their error code and the deny decision', async () => {
    await student.post('/api/grades', { studentId, course: 'Latin', score: 100 });
    const { event } = (await events()).at(-1)!;
    expect(event.errorCode).toBe('ACCESS_DENIED');
    expect(event.responseElements).toBeNull();
    expect(event.additionalEventData.authorization).toMatchObject({ decision: 'DENY', policies: [] });
    await gh.client().post('/auth/sign-in', { email: 'student@school.test', password: 'wrong password here' });
    const failed = (await events()).at(-1)!.event;
    expect(failed).toMatchObject({ eventName: 'SignIn', errorCode: 'INVALID_CREDENTIALS', userIdentity: { type: 'Anonymous' } });
  });

  it('names the operation a refused request aimed at', async () => {
    await student.post('/api/orders', { items: [{ sku: 'x', qty: 1 }] }, { csrf: false });
    expect((await events()).at(-1)!.event).toMatchObject({ eventName: 'CreateOrder', errorCode: 'CSRF' });
    await gh.client().get('/api/grades');
    expect((await events()).at(-1)!.event).toMatchObject({ eventName: 'ListGrades', errorCode: 'UNAUTHENTICATED' });
  });

  it('records only validated input: a secret under an unknown name never reaches the trail', async () => {
    await gh.client().post('/auth/sign-in', { email: 'student@school.test', pwd: 'S3cret-in-audit' });
    const { row, event } = (await events()).at(-1)!;
    expect(event.errorCode).toBe('VALIDATION_ERROR');
    expect(event.requestParameters).toEqual({ invalidBodyFields: ['email', 'pwd'] });
    expect(row.body).not.toContain('S3cret-in-audit');
  });

  it('records a successful sign-in as the user who signed in', async () => {
    const c = gh.client();
    const answer = await c.signIn('student@school.test', password);
    const { event } = (await events()).at(-1)!;
    expect(event).toMatchObject({ eventName: 'SignIn', errorCode: null, userIdentity: { type: 'User', principalId: answer.body.user.id } });
  });

  it('keeps reads read-only, with no response elements', async () => {
    await student.get('/auth/session');
    const { event } = (await events()).at(-1)!;
    expect(event).toMatchObject({ eventName: 'GetSession', readOnly: true, responseElements: null });
  });

  it('chains events: gap-free sequence, each hash over the previous hash and the canonical body', async () => {
    const all = await events();
    all.forEach(({ row, event }, index) => {
      expect(Number(row.sequence)).toBe(index + 1);
      expect(event.sequence).toBe(index + 1);
      expect(row.previous_hash).toBe(index === 0 ? '0'.repeat(64) : all[index - 1]!.row.hash);
      expect(row.hash).toBe(createHash('sha256').update(row.previous_hash + row.body).digest('hex'));
    });
  });

  it('keeps one gap-free chain when many requests write at once', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? student.get('/api/grades') : student.post('/api/orders', { items: [{ sku: `s${i}`, qty: 1 }] }))));
    expect(answers.every((a) => a.status < 300)).toBe(true);
    const all = await events();
    all.forEach(({ row }, index) => {
      expect(Number(row.sequence)).toBe(index + 1);
      if (index > 0) expect(row.previous_hash).toBe(all[index - 1]!.row.hash);
    });
  });

  it('gives every grade its event, and a rolled-back write none', async () => {
    await teacher.post('/api/grades', { studentId, course: 'Greek', score: 60 });
    const grades = await gh.runtime.db.selectFrom('grades').select('id').execute();
    const created = new Set((await events()).filter(({ event }) => event.eventName === 'CreateGrade' && !event.errorCode).map(({ event }) => event.responseElements.id));
    for (const grade of grades) expect(created.has(grade.id)).toBe(true);

    // Make the event append fail inside the transaction: the grade must roll back with it.
    await sql`CREATE TRIGGER refuse_grade_event BEFORE INSERT ON audit_events WHEN NEW.event_name = 'CreateGrade' BEGIN SELECT RAISE(ABORT, 'audit store refused'); END`.execute(gh.runtime.db);
    try {
      const before = (await gh.runtime.db.selectFrom('grades').select('id').execute()).length;
      const answer = await teacher.post('/api/grades', { studentId, course: 'Sanskrit', score: 50 });
      expect(answer.status).toBe(500);
      expect(answer.body.error.code).toBe('INTERNAL_ERROR');
      expect(answer.text).not.toMatch(/audit store refused|sqlite/i);
      expect((await gh.runtime.db.selectFrom('grades').select('id').execute()).length).toBe(before);
    } finally {
      await sql`DROP TRIGGER refuse_grade_event`.execute(gh.runtime.db);
    }
  });

  it('records a failed checkout once, and the order stays as it was', async () => {
    const order = await student.post('/api/orders', { items: [{ sku: 'x', qty: 1 }] });
    await student.post(`/api/orders/${order.body.id}/checkout`);
    await student.post(`/api/orders/${order.body.id}/checkout`);
    const checkouts = (await events()).filter(({ event }) => event.eventName === 'CheckoutOrder' && event.requestParameters.id === order.body.id);
    expect(checkouts.map(({ event }) => event.errorCode)).toEqual([null, 'CONFLICT']);
  });

  it('never stores a password, code, cookie or CSRF token in the database files', async () => {
    const c = gh.client();
    const secretPassword = 'unique-Passphrase-4-grep';
    await c.post('/auth/sign-up', { email: 'grep@example.com', password: secretPassword });
    const confirmCode = await gh.lastCode('grep@example.com');
    await c.post('/auth/confirm', { email: 'grep@example.com', code: confirmCode });
    await c.signIn('grep@example.com', secretPassword);
    const cookie = c.cookie!;
    const csrf = c.csrfToken!;
    await c.post('/auth/password/change', { currentPassword: secretPassword, password: 'second-Passphrase-4-grep' });
    await c.post('/auth/password/forgot', { email: 'grep@example.com' });
    const resetCode = await gh.lastCode('grep@example.com');
    await c.post('/auth/password/reset', { email: 'grep@example.com', code: resetCode, password: 'third-Passphrase-4-grep' });
    await gh.client().post('/auth/sign-in', { email: 'grep@example.com', password: 'wrong-Passphrase-4-grep' });

    const auditText = (await events()).map(({ row }) => row.body).join('\n');
    expect(auditText).toContain('[REDACTED]');
    const files = fs.readdirSync(gh.dataDir).filter((f) => f.startsWith('gatehouse.db'));
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(gh.dataDir, f))));
    for (const secret of [secretPassword, 'second-Passphrase-4-grep', 'third-Passphrase-4-grep', 'wrong-Passphrase-4-grep', cookie, csrf]) {
      expect(bytes.includes(secret), secret).toBe(false);
      expect(auditText.includes(secret)).toBe(false);
    }
    for (const code of [confirmCode, resetCode]) {
      expect(auditText.includes(`"${code}"`)).toBe(false);
      expect(bytes.includes(`"code":"${code}"`)).toBe(false);
    }
  });
});
