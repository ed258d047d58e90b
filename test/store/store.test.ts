// One suite, every engine: the repositories must behave the same on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/audit/appendEvent.js';
import type { UnchainedEvent } from '../../src/audit/AuditEvent.js';
import { isoAt } from '../../src/clock/clock.js';
import type { Store } from '../../src/store/openDatabase.js';
import { claimCodeAttempt, findPendingCodes, saveCode } from '../../src/store/repositories/codes.js';
import { insertOrder, transitionOrder } from '../../src/store/repositories/orders.js';
import { findLiveSessionWithUser, hasSignedInFrom, insertSession, revokeUserSessions } from '../../src/store/repositories/sessions.js';
import { findUserByEmail, insertUserIfAbsent } from '../../src/store/repositories/users.js';
import { expectChainHolds } from '../support/auditChain.js';
import { openStore, storeEngines } from '../support/storeEngines.js';

const now = '2026-11-24T12:00:00.000Z';
const later = (minutes: number) => isoAt(Date.parse(now) + minutes * 60_000);

function user(email: string) {
  return { id: randomUUID(), email, password_hash: null, confirmed_at: now, disabled_at: null, created_at: now, updated_at: now };
}

function unchained(name: string): UnchainedEvent {
  return {
    eventId: randomUUID(),
    eventTime: now,
    eventSource: 'test.gatehouse',
    eventName: name,
    userIdentity: { type: 'Anonymous', principalId: null, sessionId: null, mfaAuthenticated: false },
    sourceIPAddress: null,
    userAgent: null,
    requestParameters: null,
    responseElements: null,
    errorCode: null,
    requestId: randomUUID(),
    readOnly: false,
    additionalEventData: {},
  };
}

describe.each(storeEngines())('the $name store', (engine) => {
  let url: string;
  let db: Store;
  // A second handle on the same database, as a second instance would have. On SQLite a
  // second handle in one process would block the thread on the first's write lock (better-sqlite3
  // waits synchronously), so there the one handle plays both; separate processes are covered
  // by openDatabase.test.ts.
  let other: Store;

  beforeAll(async () => {
    if (engine.skip) return;
    url = await engine.create();
    db = await openStore(url);
    other = engine.name === 'sqlite' ? db : await openStore(url);
  });
  afterAll(async () => {
    if (engine.skip) return;
    await db?.destroy();
    if (other !== db) await other?.destroy();
    await engine.remove();
  });

  it.skipIf(engine.skip)('migrates once and opens again unchanged', async () => {
    const again = await openStore(url);
    const groups = await again.selectFrom('groups').select('name').orderBy('name').execute();
    expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(['admins', 'auditors', 'students', 'teachers']));
    await again.destroy();
  });

  it.skipIf(engine.skip)('keeps one user per e-mail when two inserts race', async () => {
    await Promise.all([insertUserIfAbsent(db, user('race@example.com')), insertUserIfAbsent(other, user('race@example.com'))]);
    const rows = await db.selectFrom('users').select('id').where('email', '=', 'race@example.com').execute();
    expect(rows).toHaveLength(1);
  });

  it.skipIf(engine.skip)('finds live sessions with their user, and revokes them all, naming them', async () => {
    const owner = user('sessions@example.com');
    await insertUserIfAbsent(db, owner);
    const session = (id: string) => ({ id, token_hash: randomUUID(), user_id: owner.id, mfa: 1, created_at: now, last_seen_at: now, expires_at: later(60), revoked_at: null, source_ip: '127.0.0.1', source_key: '127.0.0.1', user_agent: null, authenticated_at: now });
    const first = session(randomUUID());
    const second = session(randomUUID());
    await insertSession(db, first);
    await insertSession(db, second);
    const found = await findLiveSessionWithUser(other, first.token_hash);
    expect(found?.session).toEqual(first);
    expect(found?.user.email).toBe('sessions@example.com');
    expect((await revokeUserSessions(db, owner.id, later(1))).sort()).toEqual([first.id, second.id].sort());
    expect(await findLiveSessionWithUser(other, first.token_hash)).toBeUndefined();
  });

  it.skipIf(engine.skip)('knows the places an account signed in from by their key, and older sessions by their address', async () => {
    const owner = user('places@example.com');
    const stranger = user('stranger@example.com');
    await Promise.all([insertUserIfAbsent(db, owner), insertUserIfAbsent(db, stranger)]);
    const session = (source_ip: string, source_key: string | null) => ({ id: randomUUID(), token_hash: randomUUID(), user_id: owner.id, mfa: 0, created_at: now, last_seen_at: now, expires_at: later(60), revoked_at: null, source_ip, source_key, user_agent: null, authenticated_at: now });
    await insertSession(db, session('2001:db8:1:2::a', '2001:db8:1:2::/64'));
    // From before migration 0009: no key, its address only.
    await insertSession(db, session('198.51.100.7', null));
    expect(await hasSignedInFrom(other, owner.id, '2001:db8:1:2::/64', '2001:db8:1:2::b')).toBe(true);
    expect(await hasSignedInFrom(other, owner.id, '2001:db8:1:3::/64', '2001:db8:1:3::a')).toBe(false);
    expect(await hasSignedInFrom(other, owner.id, '198.51.100.7', '198.51.100.7')).toBe(true);
    expect(await hasSignedInFrom(other, owner.id, '198.51.100.8', '198.51.100.8')).toBe(false);
    expect(await hasSignedInFrom(other, stranger.id, '2001:db8:1:2::/64', '2001:db8:1:2::a')).toBe(false);
  });

  it.skipIf(engine.skip)('gives exactly the allowed tries to parallel guesses from two instances', async () => {
    const owner = user('guesser@example.com');
    await insertUserIfAbsent(db, owner);
    const claim = (store: Store) =>
      claimCodeAttempt(store, { userId: owner.id, purpose: 'confirm', now, short: { max: 5, endsAt: later(10) }, day: { max: 20, endsAt: later(1440) } });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(i % 2 ? db : other)));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it.skipIf(engine.skip)('keeps the newest three pending codes', async () => {
    const owner = user('codes@example.com');
    await insertUserIfAbsent(db, owner);
    for (let i = 0; i < 5; i++) {
      await saveCode(db, { id: `code-${i}`, user_id: owner.id, purpose: 'reset', code_hash: 'h', password_hash: null, expires_at: later(10), consumed_at: null, created_at: later(i) });
    }
    expect((await findPendingCodes(db, owner.id, 'reset', now)).map((c) => c.id)).toEqual(['code-4', 'code-3', 'code-2']);
  });

  it.skipIf(engine.skip)('lets one of two concurrent checkouts win', async () => {
    const owner = user('shopper@example.com');
    await insertUserIfAbsent(db, owner);
    const order = { id: randomUUID(), owner_id: owner.id, status: 'OPEN', items: '[]', created_at: now, updated_at: now };
    await insertOrder(db, order);
    const wins = await Promise.all([
      db.transaction().execute((trx) => transitionOrder(trx, order.id, 'OPEN', 'CHECKED_OUT', now)),
      other.transaction().execute((trx) => transitionOrder(trx, order.id, 'OPEN', 'CHECKED_OUT', now)),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it.skipIf(engine.skip)('keeps one gap-free audit chain when two instances append at once', async () => {
    const append = (store: Store, i: number) =>
      store.transaction().execute(async (trx) => {
        // Work before the append, as a request's writes come first.
        await trx.selectFrom('groups').select('name').execute();
        return appendEvent(trx, unchained(`Event${i}`));
      });
    const appended = await Promise.all(Array.from({ length: 30 }, (_, i) => append(i % 2 ? db : other, i)));
    expect(new Set(appended.map((e) => e.sequence)).size).toBe(30);
    expect(await expectChainHolds(other)).toBe(30);
    // int8 comes back from PostgreSQL as a string unless the store turns it into a number.
    const last = await db.selectFrom('audit_events').select('sequence').orderBy('sequence', 'desc').executeTakeFirstOrThrow();
    expect(typeof last.sequence).toBe('number');
  });

  it.skipIf(engine.skip)('counts as a number on every engine', async () => {
    const { count } = await db.selectFrom('groups').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(count).toBe((await db.selectFrom('groups').select('name').execute()).length);
  });

  it.skipIf(engine.skip)('finds a user by e-mail from the other instance', async () => {
    const alice = user('alice@example.com');
    await insertUserIfAbsent(db, alice);
    expect(await findUserByEmail(other, 'alice@example.com')).toEqual(alice);
  });
});
