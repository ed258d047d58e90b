import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminsWithoutMfa } from '../../src/advisor/checks/adminsWithoutMfa.js';
import { rootDailyUse } from '../../src/advisor/checks/rootDailyUse.js';
import { rootWithoutMfa } from '../../src/advisor/checks/rootWithoutMfa.js';
import { tooManyAdmins } from '../../src/advisor/checks/tooManyAdmins.js';
import { unconfirmedUsers } from '../../src/advisor/checks/unconfirmedUsers.js';
import { pentestAccountsLeft } from '../../src/advisor/checks/pentestAccountsLeft.js';
import { closePentestWindows } from '../../src/shield/pentest/closePentestWindows.js';
import { openPentestWindow } from '../../src/shield/pentest/openPentestWindow.js';
import { appendEvent } from '../../src/audit/appendEvent.js';
import { createConfirmedUser } from '../../src/identity/admin/createConfirmedUser.js';
import { initRoot } from '../../src/identity/admin/initRoot.js';
import { setUserDisabled } from '../../src/store/repositories/users.js';
import { plainTransact } from '../../src/store/Transact.js';
import { advisorFixture, runCheck, type AdvisorFixture } from './support/advisorFixture.js';

const day = 86_400_000;
let fx: AdvisorFixture;
let rootId: string;

beforeAll(async () => {
  fx = await advisorFixture();
});
afterAll(() => fx.close());

/** An enabled authenticator app for `userId`, as enrolment leaves it. */
async function enableFactor(userId: string): Promise<void> {
  const at = new Date().toISOString();
  await fx.runtime.db
    .insertInto('mfa_factors')
    .values({ id: randomUUID(), user_id: userId, type: 'totp', label: 'app', secret: null, counter: null, last_step: null, enabled_at: at, last_used_at: null, created_at: at })
    .execute();
}

/** A call by `principalId` recorded in the audit chain at `time`. */
async function recordCall(principalId: string, time: number, path: string, eventName: string): Promise<void> {
  await fx.runtime.db.transaction().execute((trx) =>
    appendEvent(trx, {
      eventId: randomUUID(),
      eventTime: new Date(time).toISOString(),
      eventSource: `${path.split('/')[1]}.gatehouse`,
      eventName,
      userIdentity: { type: 'User', principalId, sessionId: null, mfaAuthenticated: true },
      sourceIPAddress: '127.0.0.1',
      userAgent: 'test',
      requestParameters: null,
      responseElements: null,
      errorCode: null,
      requestId: randomUUID(),
      readOnly: true,
      additionalEventData: { httpMethod: 'GET', path, statusCode: 200 },
    }),
  );
}

describe('root-mfa (critical)', () => {
  it('passes while there is no root', async () => {
    expect(await runCheck(rootWithoutMfa, fx.context())).toMatchObject({ status: 'pass', severity: 'critical' });
  });

  it('fails for a root account without a second factor, and passes once it has one', async () => {
    rootId = (await initRoot(fx.runtime, {}, plainTransact(fx.runtime.db))).id;
    const bare = await runCheck(rootWithoutMfa, fx.context());
    expect(bare).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(bare.finding).toContain('root@gatehouse.local');
    await enableFactor(rootId);
    expect((await runCheck(rootWithoutMfa, fx.context())).status).toBe('pass');
  });
});

describe('root-daily-use', () => {
  it('passes when root only administers, and fails when it used the applications in the last 30 days', async () => {
    const now = Date.now();
    await recordCall(rootId, now - 2 * day, '/admin/users', 'AdminListUsers');
    await recordCall(rootId, now - 2 * day, '/audit/events', 'LookupAuditEvents');
    expect((await runCheck(rootDailyUse, fx.context({ facts: { now } }))).status).toBe('pass');
    await recordCall(rootId, now - day, '/api/grades', 'ListGrades');
    const used = await runCheck(rootDailyUse, fx.context({ facts: { now } }));
    expect(used).toMatchObject({ status: 'fail', severity: 'high' });
    expect(used.finding).toContain('ListGrades');
    // Thirty days later, the use has left the window.
    expect((await runCheck(rootDailyUse, fx.context({ facts: { now: now + 31 * day } }))).status).toBe('pass');
  });
});

describe('admins', () => {
  it('admins-mfa fails for an administrator without a second factor, and passes once each has one', async () => {
    const ann = await createConfirmedUser(fx.runtime, { email: 'ann@admin.test', groups: ['admins'] }, plainTransact(fx.runtime.db));
    const bare = await runCheck(adminsWithoutMfa, fx.context());
    expect(bare).toMatchObject({ status: 'fail', severity: 'high' });
    expect(bare.finding).toContain('ann@admin.test');
    await enableFactor(ann.id);
    expect((await runCheck(adminsWithoutMfa, fx.context())).status).toBe('pass');
  });

  it('admins-count fails past GATEHOUSE_ADVISOR_MAX_ADMINS', async () => {
    await createConfirmedUser(fx.runtime, { email: 'abe@admin.test', groups: ['admins'] }, plainTransact(fx.runtime.db));
    expect((await runCheck(tooManyAdmins, fx.context())).status).toBe('pass');
    const many = await runCheck(tooManyAdmins, fx.context({ env: { GATEHOUSE_ADVISOR_MAX_ADMINS: '1' } }));
    expect(many).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(many.finding).toMatch(/2 administrators, more than 1/);
  });
});

describe('unconfirmed-users', () => {
  it('fails for a sign-up never confirmed and older than GATEHOUSE_ADVISOR_UNCONFIRMED_DAYS', async () => {
    const created = Date.now();
    await fx.runtime.db
      .insertInto('users')
      .values({ id: randomUUID(), email: 'sam@example.com', password_hash: null, confirmed_at: null, disabled_at: null, created_at: new Date(created).toISOString(), updated_at: new Date(created).toISOString() })
      .execute();
    expect((await runCheck(unconfirmedUsers, fx.context({ facts: { now: created + 6 * day } }))).status).toBe('pass');
    const stale = await runCheck(unconfirmedUsers, fx.context({ facts: { now: created + 8 * day } }));
    expect(stale).toMatchObject({ status: 'fail', severity: 'low' });
    expect(stale.finding).toContain('sam@example.com');
    expect((await runCheck(unconfirmedUsers, fx.context({ env: { GATEHOUSE_ADVISOR_UNCONFIRMED_DAYS: '30' }, facts: { now: created + 8 * day } }))).status).toBe('pass');
  });
});

describe('pentest-accounts-left', () => {
  it('passes when an ended window\'s accounts expired with it, fails for one enabled again by hand, and passes once the window is closed', async () => {
    const opened = Date.now();
    const window = await openPentestWindow(fx.runtime, { minutes: 30, openedBy: 'operator', accounts: true }, plainTransact(fx.runtime.db));
    const after = fx.context({ facts: { now: opened + 31 * 60_000 } });
    // While the window is open, its accounts are in use; after its end they are disabled by themselves.
    expect((await runCheck(pentestAccountsLeft, fx.context({ facts: { now: opened + 10 * 60_000 } }))).status).toBe('pass');
    expect((await runCheck(pentestAccountsLeft, after)).status).toBe('pass');
    const teacher = window.accounts!.teacher;
    await setUserDisabled(fx.runtime.db, teacher.id, null, new Date().toISOString());
    const left = await runCheck(pentestAccountsLeft, after);
    expect(left).toMatchObject({ status: 'fail', severity: 'high' });
    expect(left.finding).toMatch(/^1 throwaway account\(s\) /);
    expect(left.finding).toContain(teacher.email);
    await closePentestWindows(fx.runtime, { windowId: window.id }, plainTransact(fx.runtime.db));
    expect((await runCheck(pentestAccountsLeft, after)).status).toBe('pass');
  });
});
