import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToGroup } from '../../src/identity/admin/addToGroup.js';
import { initRoot } from '../../src/identity/admin/initRoot.js';
import { plainTransact } from '../../src/store/Transact.js';
import { signInEnrollingTotp } from '../support/otpDevice.js';
import { startTestServer, tempDataDir, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let gh: TestServer;
let policiesDir: string;
let admin: Client;
let adminId: string;
let auditor: Client;
let root: { id: string; email: string; setupCode: string };

async function newest() {
  const row = await gh.runtime.db.selectFrom('audit_events').select('body').orderBy('sequence', 'desc').limit(1).executeTakeFirstOrThrow();
  return JSON.parse(row.body);
}

beforeAll(async () => {
  // The editor writes policy files: a copy of the shipped folder, never the repository's own.
  policiesDir = path.join(tempDataDir(), 'policies');
  fs.cpSync(path.resolve('policies'), policiesDir, { recursive: true });
  gh = await startTestServer({ GATEHOUSE_POLICIES_DIR: policiesDir });
  adminId = (await gh.addUser('ada@admin.test', password, ['admins'])).id;
  admin = gh.client();
  await signInEnrollingTotp(admin, 'ada@admin.test', password);
  await gh.addUser('otto@audit.test', password, ['auditors']);
  auditor = gh.client();
  await auditor.signIn('otto@audit.test', password);
});
afterAll(async () => {
  await gh?.close();
  fs.rmSync(path.dirname(policiesDir), { recursive: true, force: true });
});

describe('accounts under /admin', () => {
  it('searches users by part of their e-mail, literally', async () => {
    await gh.addUser('sam_one@school.test', password, ['students']);
    await gh.addUser('samxone@school.test', password, ['students']);
    const found = await admin.get('/admin/users?query=SAM_');
    expect(found.status).toBe(200);
    expect(found.body.users.map((u: { email: string }) => u.email)).toEqual(['sam_one@school.test']);
    expect((await admin.get('/admin/users?query=')).status).toBe(400);
  });

  it('disables a user: every session ends, sign-in is refused, and enabling lets them in again', async () => {
    const { id } = await gh.addUser('dan@school.test', password, ['students']);
    const dan = gh.client();
    await dan.signIn('dan@school.test', password);
    expect((await dan.get('/auth/session')).status).toBe(200);
    const disabled = await admin.post(`/admin/users/${id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual({ id, disabled: true, sessionsEnded: 1 });
    expect(await newest()).toMatchObject({ eventName: 'DisableUser', errorCode: null, additionalEventData: { authorization: { decision: 'ALLOW', action: 'DisableUser' } } });
    expect((await dan.get('/auth/session')).status).toBe(401);
    expect((await gh.client().post('/auth/sign-in', { email: 'dan@school.test', password })).status).toBe(401);
    expect((await admin.get(`/admin/users/${id}`)).body).toMatchObject({ email: 'dan@school.test', disabled: true });
    expect((await admin.post(`/admin/users/${id}/enable`)).body).toEqual({ id, disabled: false });
    expect((await gh.client().post('/auth/sign-in', { email: 'dan@school.test', password })).status).toBe(200);
  });

  it('refuses to disable root or oneself', async () => {
    root = await initRoot(gh.runtime, {}, plainTransact(gh.runtime.db));
    const rootAnswer = await admin.post(`/admin/users/${root.id}/disable`);
    expect(rootAnswer.status).toBe(403);
    expect(rootAnswer.body.error.code).toBe('ACCESS_DENIED');
    const self = await admin.post(`/admin/users/${adminId}/disable`);
    expect(self.status).toBe(403);
    expect((await admin.get('/auth/session')).status).toBe(200);
    expect((await admin.post('/admin/users/no-such-user/disable')).status).toBe(404);
  });

  it('signs a user out everywhere', async () => {
    const { id } = await gh.addUser('eve@school.test', password);
    const [laptop, phone] = [gh.client(), gh.client()];
    await laptop.signIn('eve@school.test', password);
    await phone.signIn('eve@school.test', password);
    const answer = await admin.post(`/admin/users/${id}/sign-out`);
    expect(answer.body).toEqual({ id, sessionsEnded: 2 });
    expect((await laptop.get('/auth/session')).status).toBe(401);
    expect((await phone.get('/auth/session')).status).toBe(401);
    expect((await gh.client().post('/auth/sign-in', { email: 'eve@school.test', password })).status).toBe(200);
  });

  it('adds and removes group memberships, never root', async () => {
    const { id } = await gh.addUser('gus@school.test', password);
    expect((await admin.get('/admin/groups')).body.groups).toEqual(expect.arrayContaining(['admins', 'auditors', 'students', 'teachers']));
    expect((await admin.put(`/admin/users/${id}/groups/teachers`)).body).toEqual({ id, groups: ['teachers'] });
    const removed = await admin.request('DELETE', `/admin/users/${id}/groups/teachers`);
    expect(removed.body).toEqual({ id, groups: [] });
    const root = await admin.put(`/admin/users/${id}/groups/root`);
    expect(root.status).toBe(403);
    expect((await admin.put(`/admin/users/${id}/groups/wizards`)).status).toBe(404);
  });

  it('leaves root\'s account and the admin\'s own groups alone', async () => {
    root ??= await initRoot(gh.runtime, {}, plainTransact(gh.runtime.db));
    const rootOut = await admin.post(`/admin/users/${root.id}/sign-out`);
    expect(rootOut.status).toBe(403);
    expect((await newest()).additionalEventData.authorization.policies).toEqual(['console.root-account-untouchable']);
    expect((await admin.put(`/admin/users/${root.id}/groups/teachers`)).status).toBe(403);
    const selfAuditor = await admin.put(`/admin/users/${adminId}/groups/auditors`);
    expect(selfAuditor.status).toBe(403);
    expect((await admin.get('/auth/session')).body.user.groups).toEqual(['admins']);
  });

  it('asks for a second factor proven in the last 15 minutes before changing an account', async () => {
    const { id } = await gh.addUser('fay@school.test', password);
    const flo = await gh.addUser('flo@admin.test', password, ['admins']);
    const staleAdmin = gh.client();
    await signInEnrollingTotp(staleAdmin, 'flo@admin.test', password);
    // The session proved its factor 20 minutes ago.
    const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000).toISOString();
    await gh.runtime.db.updateTable('sessions').set({ authenticated_at: twentyMinutesAgo }).where('user_id', '=', flo.id).execute();
    const answer = await staleAdmin.post(`/admin/users/${id}/disable`);
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('STEP_UP_REQUIRED');
  });

  it('lets root administer accounts and verify the trail, though it uses no application', async () => {
    expect((await gh.client().post('/auth/password/reset', { email: root.email, code: root.setupCode, password })).status).toBe(200);
    const rootClient = gh.client();
    await signInEnrollingTotp(rootClient, root.email, password);
    const { id } = await gh.addUser('ivy@school.test', password);
    expect((await rootClient.post(`/admin/users/${id}/sign-out`)).status).toBe(200);
    expect((await rootClient.get('/admin/policies')).status).toBe(200);
    expect((await rootClient.get('/audit/integrity')).body.ok).toBe(true);
    expect((await rootClient.get('/api/grades')).status).toBe(403);
  });

  it('refuses all of it to someone who is not an administrator', async () => {
    const { id } = await gh.addUser('tess@school.test', password, ['teachers']);
    const teacher = gh.client();
    await teacher.signIn('tess@school.test', password);
    const answer = await teacher.post(`/admin/users/${id}/sign-out`);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('ACCESS_DENIED');
  });
});

describe('policies under /admin', () => {
  const auditFile = () => path.join(policiesDir, 'audit.cedar');

  it('shows the schema and every policy file', async () => {
    const answer = await admin.get('/admin/policies');
    expect(answer.status).toBe(200);
    expect(answer.body.schema).toContain('entity User');
    expect(answer.body.files.map((f: { name: string }) => f.name)).toContain('audit.cedar');
  });

  it('validates an edit without saving it, naming where it breaks', async () => {
    const before = fs.readFileSync(auditFile(), 'utf8');
    const broken = await admin.post('/admin/policies/validate', { file: 'audit.cedar', policies: 'permit (principal, action, resource' });
    expect(broken.status).toBe(200);
    expect(broken.body.valid).toBe(false);
    expect(broken.body.errors[0]).toMatch(/line 1, column \d+/);
    const unknownAction = await admin.post('/admin/policies/validate', { file: 'audit.cedar', policies: 'permit (principal, action == Action::"Fly", resource);' });
    expect(unknownAction.body.valid).toBe(false);
    const duplicate = await admin.post('/admin/policies/validate', { file: 'audit.cedar', policies: '@id("root.no-daily-use")\npermit (principal, action == Action::"LookupAuditEvents", resource);' });
    expect(duplicate.body).toEqual({ valid: false, errors: [expect.stringMatching(/duplicate policy id "root.no-daily-use"/)] });
    expect(duplicate.body.errors[0]).not.toContain(policiesDir);
    const fine = await admin.post('/admin/policies/validate', { file: 'audit.cedar', policies: before });
    expect(fine.body).toEqual({ valid: true, errors: [] });
    expect(fs.readFileSync(auditFile(), 'utf8')).toBe(before);
    expect((await admin.post('/admin/policies/validate', { file: '../x.cedar', policies: before })).status).toBe(400);
  });

  it('never saves an invalid set, nor one that locks the editor out', async () => {
    const before = fs.readFileSync(auditFile(), 'utf8');
    const broken = await admin.put('/admin/policies/audit.cedar', { policies: 'permit (' });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { issues: [{ field: 'policies' }] } });
    const consoleFile = path.join(policiesDir, 'console.cedar');
    const lockout = await admin.put('/admin/policies/console.cedar', { policies: '// nothing\n' });
    expect(lockout.status).toBe(400);
    expect(fs.readFileSync(auditFile(), 'utf8')).toBe(before);
    expect(fs.readFileSync(consoleFile, 'utf8')).toContain('console.admins-edit-policies');
    expect((await admin.put('/admin/policies/new.cedar', { policies: before })).status).toBe(404);
    // Root is the way back in: no edit may take the policies from it.
    const rootFile = path.join(policiesDir, 'root.cedar');
    const rootBefore = fs.readFileSync(rootFile, 'utf8');
    const rootLockout = await admin.put('/admin/policies/root.cedar', { policies: '@id("root.locked-out")\nforbid (principal in Group::"root", action, resource);\n' });
    expect(rootLockout.status).toBe(400);
    expect(fs.readFileSync(rootFile, 'utf8')).toBe(rootBefore);
  });

  it('saves a set that validates, and this instance enforces it at once', async () => {
    const before = fs.readFileSync(auditFile(), 'utf8');
    expect((await auditor.get('/audit/events?limit=1')).status).toBe(200);
    const withoutAuditors = before.replace(/@id\("audit.auditors-read"\)[\s\S]*?\);\n/, '');
    const saved = await admin.put('/admin/policies/audit.cedar', { policies: withoutAuditors });
    expect(saved.status).toBe(200);
    expect(saved.body.policyIds).not.toContain('audit.auditors-read');
    expect(fs.readFileSync(auditFile(), 'utf8')).toBe(withoutAuditors);
    expect((await auditor.get('/audit/events?limit=1')).status).toBe(403);
    expect((await admin.put('/admin/policies/audit.cedar', { policies: before })).status).toBe(200);
    expect((await auditor.get('/audit/events?limit=1')).status).toBe(200);
    expect(fs.readdirSync(policiesDir).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('GET /audit/integrity', () => {
  it('answers whether the chain holds, to auditors', async () => {
    const answer = await auditor.get('/audit/integrity');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, checkedEvents: expect.any(Number), verifiedAt: expect.any(String) });
    expect(answer.body.checkedEvents).toBeGreaterThan(10);
    expect(answer.body.firstBreak).toBeUndefined();
  });

  it('refuses an administrator who is not an auditor, and records the refusal', async () => {
    const answer = await admin.get('/audit/integrity');
    expect(answer.status).toBe(403);
    expect(await newest()).toMatchObject({ eventName: 'GetAuditIntegrity', errorCode: 'ACCESS_DENIED' });
  });

  it('names the first break when an event was changed', async () => {
    await addToGroup(gh.runtime, { group: 'auditors', email: 'ada@admin.test' }, plainTransact(gh.runtime.db));
    const row = await gh.runtime.db.selectFrom('audit_events').select(['sequence', 'body']).where('sequence', '=', 5).executeTakeFirstOrThrow();
    await gh.runtime.db.updateTable('audit_events').set({ body: row.body.replace('"readOnly":', '"readOnly" :') }).where('sequence', '=', 5).execute();
    const answer = await admin.get('/audit/integrity');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: false, firstBreak: { sequence: 5, reason: 'modified' } });
  });
});
