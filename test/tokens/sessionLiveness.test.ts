import fs from 'node:fs';
import path from 'node:path';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock/clock.js';
import { localSessionRevocations } from '../../src/identity/sessions/SessionRevocations.js';
import { openDatabase, type Store } from '../../src/store/openDatabase.js';
import { revokeSession } from '../../src/store/repositories/sessions.js';
import { sessionLiveness } from '../../src/tokens/sessionLiveness.js';
import { tempDataDir } from '../support/testServer.js';

/** Counts the SELECTs a store runs: the reads that the cache is there to save. */
class CountReads implements KyselyPlugin {
  reads = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind === 'SelectQueryNode') this.reads += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const stores: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((db) => db.destroy()));
  dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

async function scene(setup: { clock?: Clock; disabledAt?: string } = {}) {
  const dir = tempDataDir();
  dirs.push(dir);
  const url = `sqlite:${path.join(dir, 'gatehouse.db')}`;
  const db = await openDatabase(url);
  stores.push(db);
  const at = new Date().toISOString();
  await db.insertInto('users').values({ id: 'u1', email: 'u1@school.test', password_hash: null, confirmed_at: at, disabled_at: setup.disabledAt ?? null, created_at: at, updated_at: at }).execute();
  for (const id of ['s1', 's2']) {
    await db
      .insertInto('sessions')
      .values({ id, token_hash: `hash-${id}`, user_id: 'u1', mfa: 0, created_at: at, last_seen_at: at, expires_at: '2999-01-01T00:00:00.000Z', revoked_at: null, source_ip: null, user_agent: null })
      .execute();
  }
  const counter = new CountReads();
  const revocations = localSessionRevocations();
  const liveness = sessionLiveness(db.withPlugin(counter), setup.clock ?? (() => Date.now()), revocations, { sqlite: true });
  return { url, db, counter, revocations, liveness };
}

describe('session liveness for bearer tokens', () => {
  it('reads a session once, then answers from memory', async () => {
    const { counter, liveness } = await scene();
    expect((await liveness.check('s1'))?.user.id).toBe('u1');
    expect(counter.reads).toBe(1);
    for (let i = 0; i < 5; i += 1) expect(await liveness.check('s1')).toBeDefined();
    expect(counter.reads).toBe(1);
    expect(await liveness.check('nope')).toBeUndefined();
    expect(await liveness.check('nope')).toBeUndefined();
    expect(counter.reads).toBe(2);
  });

  it('ends a session the moment it is announced, without a read', async () => {
    const { db, counter, revocations, liveness } = await scene();
    await liveness.check('s1');
    await revokeSession(db, 's1', new Date().toISOString());
    revocations.announce(['s1']);
    expect(await liveness.check('s1')).toBeUndefined();
    expect(counter.reads).toBe(1);
  });

  it('re-reads when another process wrote the same SQLite file, and only then', async () => {
    const { url, counter, liveness } = await scene();
    await liveness.check('s1');
    await liveness.check('s2');
    expect(counter.reads).toBe(2);
    const elsewhere = await openDatabase(url);
    stores.push(elsewhere);
    await revokeSession(elsewhere, 's1', new Date().toISOString());
    expect(await liveness.check('s1')).toBeUndefined();
    expect(await liveness.check('s2')).toBeDefined();
    expect(counter.reads).toBe(4);
    expect(await liveness.check('s2')).toBeDefined();
    expect(counter.reads).toBe(4);
  });

  it('answers live from memory until the account expires, and not from that instant on', async () => {
    let now = Date.parse('2026-11-25T08:00:00Z');
    const expiry = now + 30_000;
    const { counter, liveness } = await scene({ clock: () => now, disabledAt: new Date(expiry).toISOString() });
    expect(await liveness.check('s1')).toBeDefined();
    now = expiry - 1;
    expect(await liveness.check('s1')).toBeDefined();
    expect(counter.reads).toBe(1);
    now = expiry;
    expect(await liveness.check('s1')).toBeUndefined();
  });
});
