import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditChainFailing } from '../../src/advisor/checks/auditChainFailing.js';
import { auditKeyAge } from '../../src/advisor/checks/auditKeyAge.js';
import { auditVerifiedRecently } from '../../src/advisor/checks/auditVerifiedRecently.js';
import { masterKeyBesideDatabase } from '../../src/advisor/checks/masterKeyBesideDatabase.js';
import { nodeEndOfLife } from '../../src/advisor/checks/nodeEndOfLife.js';
import { openListener } from '../../src/advisor/checks/openListener.js';
import { passwordPolicy } from '../../src/advisor/checks/passwordPolicy.js';
import { rateLimitsInMemory } from '../../src/advisor/checks/rateLimitsInMemory.js';
import { rateLimitsOff } from '../../src/advisor/checks/rateLimitsOff.js';
import { sessionLifetime } from '../../src/advisor/checks/sessionLifetime.js';
import { signingKeyAge } from '../../src/advisor/checks/signingKeyAge.js';
import { trustedProxiesAll } from '../../src/advisor/checks/trustedProxiesAll.js';
import { startInstanceHeartbeat } from '../../src/advisor/instanceHeartbeat.js';
import { recordAuditVerification } from '../../src/advisor/recordAuditVerification.js';
import { appendEvent } from '../../src/audit/appendEvent.js';
import { auditSigningKey } from '../../src/audit/auditSigningKey.js';
import { trailInStore } from '../../src/audit/trailInStore.js';
import { verifyTrail } from '../../src/audit/verifyTrail.js';
import { newMasterKeyText } from '../../src/crypto/keyring/masterKeys.js';
import { plainTransact } from '../../src/store/Transact.js';
import { rotateSigningKey } from '../../src/tokens/signingKeys.js';
import { advisorFixture, runCheck, type AdvisorFixture } from './support/advisorFixture.js';

const day = 86_400_000;
let fx: AdvisorFixture;

beforeAll(async () => {
  fx = await advisorFixture();
});
afterAll(() => fx.close());

describe('trusted-proxies', () => {
  it('fails when every address is a trusted proxy, and passes for a private subnet', async () => {
    const all = await runCheck(trustedProxiesAll, fx.context({ env: { GATEHOUSE_TRUSTED_PROXIES: '10.0.0.0/8,0.0.0.0/0' } }));
    expect(all).toMatchObject({ status: 'fail', severity: 'high' });
    expect(all.finding).toContain('0.0.0.0/0');
    expect((await runCheck(trustedProxiesAll, fx.context({ env: { GATEHOUSE_TRUSTED_PROXIES: '::/0' } }))).status).toBe('fail');
    // An IPv6 range holding the IPv4-mapped addresses trusts every IPv4 client.
    expect((await runCheck(trustedProxiesAll, fx.context({ env: { GATEHOUSE_TRUSTED_PROXIES: '::ffff:0:0/96' } }))).status).toBe('fail');
    expect((await runCheck(trustedProxiesAll, fx.context({ env: { GATEHOUSE_TRUSTED_PROXIES: '10.0.0.0/8' } }))).status).toBe('pass');
  });
});

describe('rate-limits-off', () => {
  it('fails for limits too high to bite, and passes at the defaults', async () => {
    const off = await runCheck(rateLimitsOff, fx.context({ env: { GATEHOUSE_LIMIT_AUTH_PER_MINUTE: '1000000' } }));
    expect(off).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(off.finding).toContain('GATEHOUSE_LIMIT_AUTH_PER_MINUTE=1000000');
    expect((await runCheck(rateLimitsOff, fx.context())).status).toBe('pass');
  });
});

describe('rate-limits-shared', () => {
  it('fails when two instances heartbeat on one database with limits in memory, and passes for one', async () => {
    const first = await startInstanceHeartbeat(fx.runtime);
    expect((await runCheck(rateLimitsInMemory, fx.context())).status).toBe('pass');
    const second = await startInstanceHeartbeat(fx.runtime);
    const shared = await runCheck(rateLimitsInMemory, fx.context());
    expect(shared).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(shared.finding).toMatch(/^2 instances/);
    // A stopped instance removes its heartbeat…
    await second();
    expect((await runCheck(rateLimitsInMemory, fx.context())).status).toBe('pass');
    // …and one that stopped beating (a crash) ages out after three missed beats.
    const third = await startInstanceHeartbeat(fx.runtime);
    expect((await runCheck(rateLimitsInMemory, fx.context())).status).toBe('fail');
    // With no heartbeat at all (Lambda writes none) it cannot tell, unless the limits are in Redis.
    const later = { now: Date.now() + 4 * 60_000 };
    expect((await runCheck(rateLimitsInMemory, fx.context({ facts: later }))).status).toBe('unknown');
    expect((await runCheck(rateLimitsInMemory, fx.context({ env: { GATEHOUSE_REDIS_URL: 'redis://127.0.0.1:6379' }, facts: later }))).status).toBe('pass');
    await Promise.all([first(), third()]);
  });
});

describe('key age', () => {
  it('signing-key-age fails for a signing key older than 90 days, and passes after a rotation', async () => {
    const made = Date.now();
    await rotateSigningKey(fx.runtime.keyring, () => made, plainTransact(fx.runtime.db));
    const old = await runCheck(signingKeyAge, fx.context({ facts: { now: made + 91 * day } }));
    expect(old).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(old.finding).toMatch(/is 91 days old/);
    await rotateSigningKey(fx.runtime.keyring, () => made + 91 * day, plainTransact(fx.runtime.db));
    expect((await runCheck(signingKeyAge, fx.context({ facts: { now: made + 91 * day } }))).status).toBe('pass');
  });

  it('audit-key-age fails for an audit key older than 90 days', async () => {
    const made = Date.now();
    await auditSigningKey(fx.runtime.db, fx.runtime.keyring, () => made);
    expect((await runCheck(auditKeyAge, fx.context({ facts: { now: made + 30 * day } }))).status).toBe('pass');
    expect(await runCheck(auditKeyAge, fx.context({ facts: { now: made + 91 * day } }))).toMatchObject({ status: 'fail', severity: 'medium' });
  });
});

describe('master-key-location', () => {
  it('fails when the master key file sits in the data folder with the SQLite database, and passes with GATEHOUSE_MASTER_KEY', async () => {
    const beside = await runCheck(masterKeyBesideDatabase, fx.context());
    expect(beside).toMatchObject({ status: 'fail', severity: 'high' });
    expect(beside.finding).toContain('master.key');
    expect((await runCheck(masterKeyBesideDatabase, fx.context({ env: { GATEHOUSE_MASTER_KEY: newMasterKeyText().trim() } }))).status).toBe('pass');
  });
});

describe('audit verification', () => {
  it('audit-verified fails when never verified or not in the last 24 h, and passes after a verification', async () => {
    expect(await runCheck(auditVerifiedRecently, fx.context())).toMatchObject({ status: 'fail', severity: 'medium' });
    expect((await runCheck(auditChainFailing, fx.context())).status).toBe('unknown');
    const ran = Date.now();
    await recordAuditVerification(fx.runtime.db, () => ran, await verifyTrail(await trailInStore(fx.runtime.db)));
    expect((await runCheck(auditVerifiedRecently, fx.context({ facts: { now: ran + 3_600_000 } }))).status).toBe('pass');
    expect((await runCheck(auditVerifiedRecently, fx.context({ facts: { now: ran + 25 * 3_600_000 } }))).status).toBe('fail');
    expect((await runCheck(auditChainFailing, fx.context())).status).toBe('pass');
  });

  it('audit-chain fails when the last verification found the chain broken', async () => {
    for (const name of ['First', 'Second', 'Third']) {
      await fx.runtime.db.transaction().execute((trx) =>
        appendEvent(trx, {
          eventId: randomUUID(),
          eventTime: new Date().toISOString(),
          eventSource: 'api.gatehouse',
          eventName: name,
          userIdentity: { type: 'Anonymous', principalId: null, sessionId: null, mfaAuthenticated: false },
          sourceIPAddress: null,
          userAgent: null,
          requestParameters: null,
          responseElements: null,
          errorCode: null,
          requestId: randomUUID(),
          readOnly: true,
          additionalEventData: {},
        }),
      );
    }
    // Someone with write access to the database rewrites what the second event says.
    const second = await fx.runtime.db.selectFrom('audit_events').select(['sequence', 'body']).where('event_name', '=', 'Second').executeTakeFirstOrThrow();
    await fx.runtime.db.updateTable('audit_events').set({ body: second.body.replace('"Second"', '"Nothing"') }).where('sequence', '=', second.sequence).execute();
    const report = await verifyTrail(await trailInStore(fx.runtime.db));
    expect(report.breaks.length).toBeGreaterThan(0);
    await recordAuditVerification(fx.runtime.db, Date.now, report);
    const broken = await runCheck(auditChainFailing, fx.context());
    expect(broken).toMatchObject({ status: 'fail', severity: 'high' });
    expect(broken.finding).toContain(`sequence ${second.sequence} modified`);
  });
});

describe('node-eol', () => {
  const now = Date.parse('2026-11-25T00:00:00Z');
  it('fails for Node.js 20 after 2026-04-30, passes for Node.js 24, and cannot tell for a release it does not know', async () => {
    const node20 = await runCheck(nodeEndOfLife, fx.context({ facts: { now, nodeVersion: 'v20.20.2' } }));
    expect(node20).toMatchObject({ status: 'fail', severity: 'high' });
    expect(node20.finding).toContain('2026-04-30');
    expect((await runCheck(nodeEndOfLife, fx.context({ facts: { now: Date.parse('2026-04-29T00:00:00Z'), nodeVersion: 'v20.20.2' } }))).status).toBe('pass');
    expect((await runCheck(nodeEndOfLife, fx.context({ facts: { now, nodeVersion: 'v24.11.1' } }))).status).toBe('pass');
    expect((await runCheck(nodeEndOfLife, fx.context({ facts: { now, nodeVersion: 'v99.0.0' } }))).status).toBe('unknown');
  });
});

describe('open-listener', () => {
  it('fails when listening on every interface, and passes on loopback', async () => {
    expect(await runCheck(openListener, fx.context({ env: { GATEHOUSE_HOST: '0.0.0.0' } }))).toMatchObject({ status: 'fail', severity: 'high' });
    expect((await runCheck(openListener, fx.context({ env: { GATEHOUSE_HOST: '::' } }))).status).toBe('fail');
    expect((await runCheck(openListener, fx.context())).status).toBe('pass');
  });
});

describe('password-policy', () => {
  it('passes for the policy the code enforces, and fails for a weaker one', async () => {
    expect((await runCheck(passwordPolicy, fx.context())).status).toBe('pass');
    const weak = await runCheck(passwordPolicy, fx.context({ facts: { passwordPolicy: { minLength: 6, maxLength: 32, blocklistSize: 0 } } }));
    expect(weak).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(weak.finding).toContain('a minimum of 6 characters');
    expect(weak.finding).toContain('no list of common passwords');
  });
});

describe('session-lifetime', () => {
  it('fails beyond 24 h or 1 h idle, and passes at the defaults', async () => {
    expect(await runCheck(sessionLifetime, fx.context({ env: { GATEHOUSE_SESSION_MAX_HOURS: '48' } }))).toMatchObject({ status: 'fail', severity: 'medium' });
    expect((await runCheck(sessionLifetime, fx.context({ env: { GATEHOUSE_SESSION_IDLE_MINUTES: '120' } }))).status).toBe('fail');
    expect((await runCheck(sessionLifetime, fx.context())).status).toBe('pass');
  });
});
