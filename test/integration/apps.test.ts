import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTotp, stepUpTotp } from '../support/otpDevice.js';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let gh: TestServer;
let teacher: Client;
let alice: Client;
let bob: Client;
let aliceId: string;
let bobId: string;

beforeAll(async () => {
  gh = await startTestServer();
  await gh.addUser('teacher@school.test', password, ['teachers']);
  aliceId = (await gh.addUser('alice@school.test', password, ['students'])).id;
  bobId = (await gh.addUser('bob@school.test', password, ['students'])).id;
  teacher = gh.client();
  alice = gh.client();
  bob = gh.client();
  await teacher.signIn('teacher@school.test', password);
  // Grade updates need fresh MFA (grades.update-needs-fresh-mfa): the teacher enrols an app and steps up.
  const { device } = await enrolTotp(teacher);
  await stepUpTotp(teacher, device);
  await alice.signIn('alice@school.test', password);
  await bob.signIn('bob@school.test', password);
});
afterAll(() => gh.close());

describe('grades: teachers write, students read their own', () => {
  it('lets a teacher insert and update a grade', async () => {
    const created = await teacher.post('/api/grades', { studentId: aliceId, course: 'Algebra', score: 91 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ studentId: aliceId, course: 'Algebra', score: 91 });
    const updated = await teacher.put(`/api/grades/${created.body.id}`, { score: 95 });
    expect(updated.status).toBe(200);
    expect(updated.body.score).toBe(95);
    expect((await teacher.get(`/api/grades/${created.body.id}`)).body.score).toBe(95);
  });

  it('refuses a student who writes a grade (403)', async () => {
    const answer = await alice.post('/api/grades', { studentId: aliceId, course: 'Algebra', score: 100 });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('ACCESS_DENIED');
    const grade = await teacher.post('/api/grades', { studentId: aliceId, course: 'Physics', score: 70 });
    const update = await alice.put(`/api/grades/${grade.body.id}`, { score: 100 });
    expect(update.status).toBe(403);
    expect((await teacher.get(`/api/grades/${grade.body.id}`)).body.score).toBe(70);
  });

  it('lets a student read their own grade and list their grades', async () => {
    const grade = await teacher.post('/api/grades', { studentId: aliceId, course: 'Chemistry', score: 88 });
    const own = await alice.get(`/api/grades/${grade.body.id}`);
    expect(own.status).toBe(200);
    expect(own.body.score).toBe(88);
    const list = await alice.get(`/api/grades?studentId=${aliceId}`);
    expect(list.status).toBe(200);
    expect(list.body.grades.length).toBeGreaterThan(0);
    expect(list.body.grades.every((g: { studentId: string }) => g.studentId === aliceId)).toBe(true);
    const implicit = await alice.get('/api/grades');
    expect(implicit.body.grades).toEqual(list.body.grades);
  });

  it("refuses a student who reads another's grade (403)", async () => {
    const grade = await teacher.post('/api/grades', { studentId: aliceId, course: 'Biology', score: 77 });
    const answer = await bob.get(`/api/grades/${grade.body.id}`);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('ACCESS_DENIED');
    expect((await bob.get(`/api/grades?studentId=${aliceId}`)).status).toBe(403);
  });

  it("lets a teacher list any student's grades", async () => {
    await teacher.post('/api/grades', { studentId: bobId, course: 'History', score: 60 });
    const list = await teacher.get(`/api/grades?studentId=${bobId}`);
    expect(list.status).toBe(200);
    expect(list.body.grades.map((g: { course: string }) => g.course)).toContain('History');
  });

  it('answers 404 for a grade that does not exist and 400 for an unknown student', async () => {
    expect((await teacher.get('/api/grades/nope')).status).toBe(404);
    const answer = await teacher.post('/api/grades', { studentId: 'nope', course: 'Art', score: 1 });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('validates grade input: type, range, unknown fields', async () => {
    for (const body of [
      { studentId: aliceId, course: 'Art', score: 'A+' },
      { studentId: aliceId, course: 'Art', score: -1 },
      { studentId: aliceId, course: '', score: 1 },
      { studentId: aliceId, course: 'x'.repeat(201), score: 1 },
      { studentId: aliceId, course: 'Art', score: 1, teacher: true },
    ]) {
      const answer = await teacher.post('/api/grades', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('refuses the apps without a session (401)', async () => {
    expect((await gh.client().get('/api/grades')).status).toBe(401);
    expect((await gh.client().post('/api/orders', { items: [{ sku: 'a', qty: 1 }] })).status).toBe(401);
  });
});

describe('orders: only the owner reads and checks out', () => {
  it('creates an OPEN order owned by the caller', async () => {
    const answer = await alice.post('/api/orders', { items: [{ sku: 'book-1', qty: 2 }] });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ ownerId: aliceId, status: 'OPEN', items: [{ sku: 'book-1', qty: 2 }] });
    expect(typeof answer.body.id).toBe('string');
  });

  it('lets the owner read and check out, once', async () => {
    const order = await alice.post('/api/orders', { items: [{ sku: 'pen', qty: 1 }] });
    expect((await alice.get(`/api/orders/${order.body.id}`)).status).toBe(200);
    const checkout = await alice.post(`/api/orders/${order.body.id}/checkout`);
    expect(checkout.status).toBe(200);
    expect(checkout.body.status).toBe('CHECKED_OUT');
    const again = await alice.post(`/api/orders/${order.body.id}/checkout`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('lets only one of many concurrent checkouts win', async () => {
    const order = await alice.post('/api/orders', { items: [{ sku: 'race', qty: 1 }] });
    const answers = await Promise.all(Array.from({ length: 10 }, () => alice.post(`/api/orders/${order.body.id}/checkout`)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(9);
  });

  it('answers a non-owner 404, as if the order did not exist', async () => {
    const order = await alice.post('/api/orders', { items: [{ sku: 'lamp', qty: 1 }] });
    const read = await bob.get(`/api/orders/${order.body.id}`);
    const checkout = await bob.post(`/api/orders/${order.body.id}/checkout`);
    const missing = await bob.get('/api/orders/does-not-exist');
    expect(read.status).toBe(404);
    expect(checkout.status).toBe(404);
    expect(read.body).toEqual(missing.body);
    expect((await alice.get(`/api/orders/${order.body.id}`)).body.status).toBe('OPEN');
  });

  it('validates order items', async () => {
    for (const body of [{ items: [] }, { items: [{ sku: 'a', qty: 0 }] }, { items: [{ sku: 'a', qty: 1.5 }] }, { items: 'a' }, {}]) {
      const answer = await alice.post('/api/orders', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
  });
});
