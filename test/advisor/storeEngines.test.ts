import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminsWithoutMfa } from '../../src/advisor/checks/adminsWithoutMfa.js';
import { auditVerifiedRecently } from '../../src/advisor/checks/auditVerifiedRecently.js';
import { pentestAccountsLeft } from '../../src/advisor/checks/pentestAccountsLeft.js';
import { rateLimitsInMemory } from '../../src/advisor/checks/rateLimitsInMemory.js';
import { rootDailyUse } from '../../src/advisor/checks/rootDailyUse.js';
import { rootWithoutMfa } from '../../src/advisor/checks/rootWithoutMfa.js';
import { unconfirmedUsers } from '../../src/advisor/checks/unconfirmedUsers.js';
import { HEARTBEAT_MS, startInstanceHeartbeat, STALE_INSTANCE_MS } from '../../src/advisor/instanceHeartbeat.js';
import { isoAt } from '../../src/clock/clock.js';
import { recordAuditVerification } from '../../src/advisor/recordAuditVerification.js';
import { appendEvent } from '../../src/audit/appendEvent.js';
import { createConfirmedUser } from '../../src/identity/admin/createConfirmedUser.js';
import { initRoot } from '../../src/identity/admin/initRoot.js';
import { openPentestWindow } from '../../src/shield/pentest/openPentestWindow.js';
import { setUserDisabled } from '../../src/store/repositories/users.js';
import { plainTransact } from '../../src/store/Transact.js';
import { storeEngines } from '../support/storeEngines.js';
import { advisorFixture, runCheck, type AdvisorFixture } from './support/advisorFixture.js';

// The checks that read the store, on each engine: one code path, the same answers.
describe.each(storeEngines())('the store checks on $name', (engine) => {
  let fx: AdvisorFixture;
  beforeAll(async () => {
    if (engine.skip) return;
    fx = await advisorFixture(await engine.create());
  });
  afterAll(async () => {
    if (engine.skip) return;
    await fx.close();
    await engine.remove();
  });

  it.skipIf(engine.skip)('read members and their factors, audit events, heartbeats and verifications', async () => {
    const root = await initRoot(fx.runtime, {}, plainTransact(fx.runtime.db));
    const admin = await createConfirmedUser(fx.runtime, { email: 'ann@admin.test', groups: ['admins'] }, plainTransact(fx.runtime.db));
    const at = new Date().toISOString();
    await fx.runtime.db
      .insertInto('mfa_factors')
      .values({ id: randomUUID(), user_id: admin.id, type: 'totp', label: 'app', secret: null, counter: null, last_step: null, enabled_at: at, last_used_at: null, created_at: at })
      .execute();
    expect((await runCheck(rootWithoutMfa, fx.context())).status).toBe('fail');
    expect((await runCheck(adminsWithoutMfa, fx.context())).status).toBe('pass');
    expect((await runCheck(rootDailyUse, fx.context())).status).toBe('pass');
    await fx.runtime.db.transaction().execute((trx) =>
      appendEvent(trx, {
        eventId: randomUUID(),
        eventTime: at,
        eventSource: 'api.gatehouse',
        eventName: 'CreateOrder',
        userIdentity: { type: 'User', principalId: root.id, sessionId: null, mfaAuthenticated: false },
        sourceIPAddress: null,
        userAgent: null,
        requestParameters: null,
        responseElements: null,
        errorCode: 'ACCESS_DENIED',
        requestId: randomUUID(),
        readOnly: false,
        additionalEventData: { httpMethod: 'POST', path: '/api/orders', statusCode: 403 },
      }),
    );
    expect((await runCheck(rootDailyUse, fx.context())).status).toBe('fail');
    expect((await runCheck(unconfirmedUsers, fx.context())).status).toBe('pass');

    const stops = [await startInstanceHeartbeat(fx.runtime), await startInstanceHeartbeat(fx.runtime)];
    expect((await runCheck(rateLimitsInMemory, fx.context())).status).toBe('fail');
    for (const stop of stops) await stop();
    // Both stopped: no heartbeat and no Redis, so it cannot tell.
    expect((await runCheck(rateLimitsInMemory, fx.context())).status).toBe('unknown');

    await recordAuditVerification(fx.runtime.db, Date.now, { breaks: [], events: { checked: 0, valid: 0 } });
    expect((await runCheck(auditVerifiedRecently, fx.context())).status).toBe('pass');
  });

  it.skipIf(engine.skip)('purge the heartbeats of crashed instances past the bound when an instance writes its own, and ignore stale ones', async () => {
    await fx.runtime.db.deleteFrom('instances').execute();
    const now = Date.parse('2026-11-25T04:00:00Z');
    const frozen = { ...fx.runtime, clock: () => now };
    const crashed = (id: string, ago: number) => ({ id, host: 'gone', pid: 1, limiter_store: 'memory', started_at: isoAt(now - ago - HEARTBEAT_MS), last_seen_at: isoAt(now - ago) });
    await fx.runtime.db
      .insertInto('instances')
      .values([crashed('long-gone', STALE_INSTANCE_MS + 1), crashed('just-gone', 5 * HEARTBEAT_MS)])
      .execute();
    const stop = await startInstanceHeartbeat(frozen);
    const left = await fx.runtime.db.selectFrom('instances').select(['id', 'last_seen_at']).orderBy('last_seen_at').execute();
    expect(left.map((row) => row.id).slice(0, 1)).toEqual(['just-gone']);
    expect(left).toHaveLength(2);
    expect(left[1]!.last_seen_at).toBe(isoAt(now));
    // The one gone five minutes ago is kept a while, but no check counts it: one instance, pass.
    expect(await runCheck(rateLimitsInMemory, fx.context({ facts: { now } }))).toMatchObject({ status: 'pass', finding: expect.stringMatching(/^1 instance/) });
    await stop();
  });

  it.skipIf(engine.skip)('count as enabled the users whose disable time is still to come', async () => {
    const opened = Date.now();
    const window = await openPentestWindow(fx.runtime, { minutes: 30, openedBy: 'operator', accounts: true }, plainTransact(fx.runtime.db));
    const at = (ms: number) => new Date(ms).toISOString();
    const after = fx.context({ facts: { now: opened + 31 * 60_000 } });
    expect((await runCheck(pentestAccountsLeft, after)).status).toBe('pass');
    // Expiring a minute after the advisor's now: still enabled then.
    await setUserDisabled(fx.runtime.db, window.accounts!.teacher.id, at(opened + 32 * 60_000), at(opened));
    const left = await runCheck(pentestAccountsLeft, after);
    expect(left.status).toBe('fail');
    expect(left.finding).toContain(window.accounts!.teacher.email);
    expect((await runCheck(pentestAccountsLeft, fx.context({ facts: { now: opened + 32 * 60_000 } }))).status).toBe('pass');

    const { id } = await createConfirmedUser(fx.runtime, { email: 'eve@admin.test', groups: ['admins'] }, plainTransact(fx.runtime.db));
    await setUserDisabled(fx.runtime.db, id, at(opened + 60_000), at(opened));
    expect((await runCheck(adminsWithoutMfa, fx.context({ facts: { now: opened } }))).finding).toContain('eve@admin.test');
    expect((await runCheck(adminsWithoutMfa, fx.context({ facts: { now: opened + 60_000 } }))).finding).not.toContain('eve@admin.test');
  });
});
