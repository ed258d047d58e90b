import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestBytes, digestHash, type AuditDigest } from '../../src/audit/AuditDigest.js';
import { auditKeyFingerprint } from '../../src/audit/auditKeyFingerprint.js';
import { gatehouse } from '../support/gatehouse.js';
import { startTestServer, tempDataDir } from '../support/testServer.js';

const password = 'correct horse battery staple';
const dirs: string[] = [];
let pristine: string;
let head: number;
let digestCount: number;

/** A copy of the pristine data folder, to tamper with. */
function copy(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  fs.cpSync(pristine, dir, { recursive: true });
  return dir;
}

function open(dir: string) {
  return new SQLite(path.join(dir, 'gatehouse.db'));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function verify(dir: string, ...extra: string[]) {
  return gatehouse(['audit', 'verify', '--data', dir, ...extra]);
}

function firstBreak(stdout: string) {
  return /First break: sequence (\d+) \(([a-z ]+)\)/.exec(stdout)?.slice(1, 3);
}

beforeAll(async () => {
  // Small digests, so that the trail under test has several.
  const gh = await startTestServer({ GATEHOUSE_AUDIT_DIGEST_EVENTS: '7' });
  const studentId = (await gh.addUser('student@school.test', password, ['students'])).id;
  await gh.addUser('teacher@school.test', password, ['teachers']);
  const teacher = gh.client();
  await teacher.signIn('teacher@school.test', password);
  for (let i = 0; i < 30; i++) {
    const answer = await teacher.post('/api/grades', { studentId, course: `Course ${i}`, score: i });
    expect(answer.status).toBe(201);
  }
  await gh.runtime.auditDigests.sealNow();
  pristine = tempDataDir();
  dirs.push(pristine);
  // Closing signs the tail and checkpoints the WAL, so the copy is one self-contained file.
  const dataDir = gh.dataDir;
  await gh.server.close();
  fs.cpSync(dataDir, pristine, { recursive: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
  const db = open(pristine);
  head = (db.prepare('select max(sequence) as s from audit_events').get() as { s: number }).s;
  digestCount = (db.prepare('select count(*) as n from audit_digests').get() as { n: number }).n;
  db.close();
});
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('gatehouse audit verify', () => {
  it('passes an untouched trail and exits 0, in the validate-logs style', async () => {
    const run = await verify(copy());
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`${digestCount}/${digestCount} digests valid`);
    expect(run.stdout).toContain(`${head}/${head} events valid`);
    expect(digestCount).toBeGreaterThan(3);
  });

  it('names a changed field as modified', async () => {
    const dir = copy();
    const db = open(dir);
    db.prepare(`update audit_events set body = replace(body, '"score":12', '"score":99') where sequence = (select min(sequence) from audit_events where body like '%"Course 12"%"score":12%')`).run();
    const changed = (db.prepare(`select sequence from audit_events where body like '%"score":99%'`).get() as { sequence: number }).sequence;
    db.close();
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(firstBreak(run.stdout)).toEqual([String(changed), 'modified']);
  });

  it('names a changed field as modified even when its hash was recomputed', async () => {
    const dir = copy();
    const db = open(dir);
    const row = db.prepare('select previous_hash, body from audit_events where sequence = 15').get() as { previous_hash: string; body: string };
    const body = row.body.replace('"statusCode":201', '"statusCode":200');
    db.prepare('update audit_events set body = ?, hash = ? where sequence = 15').run(body, sha256(row.previous_hash + body));
    db.close();
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(firstBreak(run.stdout)).toEqual(['15', 'modified']);
  });

  it('names an event deleted in the middle as missing', async () => {
    const dir = copy();
    const db = open(dir);
    db.prepare('delete from audit_events where sequence = 12').run();
    db.close();
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(firstBreak(run.stdout)).toEqual(['12', 'missing']);
  });

  it('names the newest events deleted as missing: the newest digest signs the newest hash', async () => {
    const dir = copy();
    const db = open(dir);
    db.prepare('delete from audit_events where sequence > ?').run(head - 3);
    db.close();
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(firstBreak(run.stdout)).toEqual([String(head - 2), 'missing']);
  });

  it('names an event inserted into the chain as inserted', async () => {
    const dir = copy();
    const db = open(dir);
    const before = db.prepare('select hash, body from audit_events where sequence = 9').get() as { hash: string; body: string };
    // Make room at 10, then add a well-formed event that links to 9 and hashes right.
    db.prepare('update audit_events set sequence = -sequence - 1 where sequence >= 10').run();
    db.prepare('update audit_events set sequence = -sequence where sequence < 0').run();
    const forged = { ...JSON.parse(before.body), eventId: '00000000-0000-4000-8000-000000000000', sequence: 10, previousHash: before.hash };
    const body = canonicalize(forged)!;
    db.prepare(`insert into audit_events (sequence, event_id, event_time, event_name, principal_id, body, previous_hash, hash, error_code) values (10, ?, ?, ?, ?, ?, ?, ?, null)`).run(
      forged.eventId,
      forged.eventTime,
      forged.eventName,
      forged.userIdentity.principalId,
      body,
      before.hash,
      sha256(before.hash + body),
    );
    db.close();
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(firstBreak(run.stdout)).toEqual(['10', 'inserted']);
  });

  it('names two swapped events as reordered', async () => {
    const dir = copy();
    const db = open(dir);
    db.prepare('update audit_events set sequence = -1 where sequence = 8').run();
    db.prepare('update audit_events set sequence = 8 where sequence = 16').run();
    db.prepare('update audit_events set sequence = 16 where sequence = -1').run();
    db.close();
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(firstBreak(run.stdout)).toEqual(['8', 'reordered']);
  });

  it('names a forged digest: a bad signature, or a key nobody trusts', async () => {
    const dir = copy();
    const db = open(dir);
    const digest = db.prepare('select to_sequence, body from audit_digests order by to_sequence limit 1 offset 1').get() as { to_sequence: number; body: string };
    const parsed = JSON.parse(digest.body) as AuditDigest;
    db.prepare('update audit_digests set body = ? where to_sequence = ?').run(canonicalize({ ...parsed, createdAt: '2020-01-01T00:00:00.000Z' }), digest.to_sequence);
    db.close();
    const bad = await verify(dir);
    expect(bad.code).toBe(1);
    expect(firstBreak(bad.stdout)).toEqual([String(parsed.fromSequence), 'bad signature']);

    const other = copy();
    const forger = open(other);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signed = { ...parsed, keyFingerprint: auditKeyFingerprint(publicKey) };
    forger.prepare('update audit_digests set body = ?, signature = ?, key_fingerprint = ? where to_sequence = ?').run(
      digestBytes(signed),
      sign(null, Buffer.from(digestBytes(signed)), privateKey).toString('base64'),
      signed.keyFingerprint,
      digest.to_sequence,
    );
    forger.close();
    const unknown = await verify(other);
    expect(unknown.code).toBe(1);
    expect(firstBreak(unknown.stdout)).toEqual([String(parsed.fromSequence), 'unknown key']);
  });

  it('refuses a trail rewritten and re-signed with a planted key once the real key is pinned', async () => {
    const dir = copy();
    const realKey = path.join(dir, 'audit-public.pem');
    const db = open(dir);
    fs.writeFileSync(realKey, (db.prepare('select public_key from audit_keys').get() as { public_key: string }).public_key);
    // Rewrite event 5, re-chain everything after it, re-sign every digest with the attacker's key.
    const rows = db.prepare('select sequence, body from audit_events order by sequence').all() as Array<{ sequence: number; body: string }>;
    let previous = '0'.repeat(64);
    const hashes = new Map<number, string>();
    for (const row of rows) {
      const event = { ...JSON.parse(row.body), previousHash: previous };
      if (row.sequence === 5) event.sourceIPAddress = '203.0.113.9';
      const body = canonicalize(event)!;
      const hash = sha256(previous + body);
      db.prepare('update audit_events set body = ?, previous_hash = ?, hash = ? where sequence = ?').run(body, previous, hash, row.sequence);
      hashes.set(row.sequence, hash);
      previous = hash;
    }
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const fingerprint = auditKeyFingerprint(publicKey);
    db.prepare(`insert into audit_keys (fingerprint, public_key, private_key, created_at) values (?, ?, null, '2020-01-01T00:00:00.000Z')`).run(fingerprint, publicKey.export({ type: 'spki', format: 'pem' }));
    const digests = db.prepare('select to_sequence, body from audit_digests order by to_sequence').all() as Array<{ to_sequence: number; body: string }>;
    let last: (AuditDigest & { signature: string }) | undefined;
    for (const row of digests) {
      const d: AuditDigest = { ...(JSON.parse(row.body) as AuditDigest), lastHash: hashes.get(row.to_sequence)!, keyFingerprint: fingerprint, previousDigestHash: last ? digestHash(last) : '0'.repeat(64), previousDigestSignature: last?.signature ?? null };
      const signature = sign(null, Buffer.from(digestBytes(d)), privateKey).toString('base64');
      db.prepare('update audit_digests set body = ?, signature = ?, hash = ?, key_fingerprint = ? where to_sequence = ?').run(digestBytes(d), signature, digestHash(d), fingerprint, row.to_sequence);
      last = { ...d, signature };
    }
    db.close();
    const pinned = await verify(dir, '--public-key', realKey);
    expect(pinned.code).toBe(1);
    expect(firstBreak(pinned.stdout)?.[1]).toBe('unknown key');
  });
});

describe('gatehouse audit export and archive', () => {
  it('exports files that verify offline with only the public key, and names a changed line', async () => {
    const dir = copy();
    const out = path.join(dir, 'export');
    const exported = await gatehouse(['audit', 'export', '--data', dir, '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const keyFile = path.join(dir, 'key.pem');
    fs.writeFileSync(keyFile, JSON.parse(fs.readFileSync(path.join(out, 'public-keys.json'), 'utf8')).keys[0].publicKey);
    // Offline: no data folder at all, only the files and the key.
    fs.rmSync(path.join(dir, 'gatehouse.db'));
    const offline = await gatehouse(['audit', 'verify', '--dir', out, '--public-key', keyFile]);
    expect(offline.code, offline.stdout).toBe(0);
    expect(offline.stdout).toContain(`${head}/${head} events valid`);

    const file = path.join(out, fs.readdirSync(out).find((f) => f.startsWith('events-'))!);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[19] = lines[19]!.replace('"readOnly":false', '"readOnly":true');
    fs.writeFileSync(file, lines.join('\n'));
    const changed = await gatehouse(['audit', 'verify', '--dir', out, '--public-key', keyFile]);
    expect(changed.code).toBe(1);
    expect(firstBreak(changed.stdout)).toEqual(['20', 'modified']);
  });

  it('archives old events so that the store and the archive each still verify', async () => {
    const dir = copy();
    const out = path.join(dir, 'archive');
    const archived = await gatehouse(['audit', 'archive', '--data', dir, '--before', '2999-01-01', '--out', out]);
    expect(archived.code, archived.stderr).toBe(0);
    expect(archived.stdout).toMatch(/archived events through \d+/);
    const store = await verify(dir);
    expect(store.code, store.stdout).toBe(0);
    expect(store.stdout).toMatch(/archived: verify them with --dir/);
    const files = await gatehouse(['audit', 'verify', '--dir', out]);
    expect(files.code, files.stdout).toBe(0);
    const through = Number(/archived events through (\d+)/.exec(archived.stdout)![1]);
    expect(through).toBeGreaterThan(head / 2);
    expect(files.stdout).toContain(`${through}/${through} events valid`);
  });

  it('does not take the oldest events deleted for an archive', async () => {
    const dir = copy();
    const db = open(dir);
    const boundary = (db.prepare('select min(to_sequence) as s from audit_digests').get() as { s: number }).s;
    db.prepare('delete from audit_events where sequence <= ?').run(boundary);
    db.close();
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(firstBreak(run.stdout)).toEqual(['1', 'missing']);
  });

  it('follows the trail with tail, one JSON line per event with its hash, and records the read', async () => {
    const dir = copy();
    const run = await gatehouse(['audit', 'tail', '--data', dir, '--from', '1', '--interval', '100'], { untilOutput: /"sequence":3,/ });
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.slice(0, 3).map((event) => event.sequence)).toEqual([1, 2, 3]);
    expect(lines[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const db = open(dir);
    const read = db.prepare(`select body from audit_events where event_name = 'TailAuditEvents'`).get() as { body: string } | undefined;
    db.close();
    expect(JSON.parse(read!.body)).toMatchObject({ userIdentity: { type: 'Operator' }, requestParameters: { from: 1 } });
  });
});
