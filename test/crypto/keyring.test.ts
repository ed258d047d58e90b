import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyring } from '../../src/crypto/keyring/createKeyring.js';
import { loadMasterKeys, masterKeyFile, masterKeyId } from '../../src/crypto/keyring/masterKeys.js';
import { rewrapSealedValues } from '../../src/crypto/keyring/rewrapSealedValues.js';
import { openDatabase } from '../../src/store/openDatabase.js';
import { tempDataDir } from '../support/testServer.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function dataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

const here = { table: 'mfa_factors', column: 'secret', rowId: 'f1' };
const key = () => randomBytes(32).toString('base64');

describe('keyring', () => {
  it('seals with a fresh data key each time and opens only at the same table, column and row', () => {
    const keyring = createKeyring(loadMasterKeys(dataDir(), key()));
    const a = keyring.seal('JBSWY3DPEHPK3PXP', here);
    const b = keyring.seal('JBSWY3DPEHPK3PXP', here);
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(keyring.openText(a, here)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => keyring.open(a, { ...here, rowId: 'f2' })).toThrow(/failed authentication/);
    expect(() => keyring.open(a, { ...here, column: 'phone' })).toThrow(/failed authentication/);
    expect(() => keyring.open(a, { ...here, table: 'users' })).toThrow(/failed authentication/);
  });

  it('refuses altered bytes and a value sealed under a key it does not hold', () => {
    const keyring = createKeyring(loadMasterKeys(dataDir(), key()));
    const parts = keyring.seal('+15555550100', here).split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => keyring.open(parts.join('.'), here)).toThrow(/failed authentication/);
    const other = createKeyring(loadMasterKeys(dataDir(), key()));
    expect(() => other.open(keyring.seal('x', here), here)).toThrow(/does not have/);
  });

  it('creates the key file owner-only on first use and reads the same key afterwards', () => {
    const dir = dataDir();
    const first = loadMasterKeys(dir, undefined);
    expect(fs.statSync(masterKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(loadMasterKeys(dir, undefined).current.id).toBe(first.current.id);
    fs.writeFileSync(masterKeyFile(dir), 'c2hvcnQ=\n');
    expect(() => loadMasterKeys(dir, undefined)).toThrow(/32 bytes/);
  });

  it('takes the first of several keys from the environment to wrap, and opens under any of them', () => {
    const [newKey, oldKey] = [key(), key()];
    const old = createKeyring(loadMasterKeys(dataDir(), oldKey));
    const sealedBefore = old.seal('seed', here);
    const both = createKeyring(loadMasterKeys(dataDir(), `${newKey},${oldKey}`));
    expect(both.currentKeyId).toBe(masterKeyId(Buffer.from(newKey, 'base64')));
    expect(both.openText(sealedBefore, here)).toBe('seed');
    const rewrapped = both.rewrap(sealedBefore, here);
    expect(both.keyIdOf(rewrapped)).toBe(both.currentKeyId);
    expect(createKeyring(loadMasterKeys(dataDir(), newKey)).openText(rewrapped, here)).toBe('seed');
  });

  it('reloads its keys when it meets a value wrapped under a key another process made current', () => {
    const dir = dataDir();
    const running = createKeyring(loadMasterKeys(dir, undefined), () => loadMasterKeys(dir, undefined));
    const oldId = running.currentKeyId;
    fs.mkdirSync(path.join(dir, 'keys', 'master-retired'));
    fs.copyFileSync(masterKeyFile(dir), path.join(dir, 'keys', 'master-retired', `${oldId}.key`));
    fs.writeFileSync(masterKeyFile(dir), key());
    const rotated = createKeyring(loadMasterKeys(dir, undefined));
    expect(rotated.currentKeyId).not.toBe(oldId);
    expect(running.openText(rotated.seal('after', here), here)).toBe('after');
  });
});

describe('re-wrapping sealed columns', () => {
  it('re-wraps every value of the registered columns under the current key, in batches, values unchanged', async () => {
    const dir = dataDir();
    const db = await openDatabase(`sqlite:${path.join(dir, 'gatehouse.db')}`);
    const any = db as unknown as Kysely<any>;
    await any.schema.createTable('secrets_test').addColumn('id', 'varchar(64)', (c) => c.primaryKey()).addColumn('secret', 'text').execute();
    const [oldKey, newKey] = [key(), key()];
    const old = createKeyring(loadMasterKeys(dir, oldKey));
    const where = (id: string) => ({ table: 'secrets_test', column: 'secret', rowId: id });
    const ids = Array.from({ length: 450 }, (_, i) => `row-${String(i).padStart(4, '0')}`);
    await any.insertInto('secrets_test').values(ids.map((id) => ({ id, secret: old.seal(`value of ${id}`, where(id)) }))).execute();
    await any.insertInto('secrets_test').values({ id: 'row-empty', secret: null }).execute();

    const keyring = createKeyring(loadMasterKeys(dir, `${newKey},${oldKey}`));
    const columns = [{ table: 'secrets_test', column: 'secret', idColumn: 'id' }];
    expect(await rewrapSealedValues(db, keyring, columns)).toEqual({ rewrapped: 450, current: 0 });
    expect(await rewrapSealedValues(db, keyring, columns)).toEqual({ rewrapped: 0, current: 450 });

    const onlyNew = createKeyring(loadMasterKeys(dir, newKey));
    const rows = (await any.selectFrom('secrets_test').selectAll().where('secret', 'is not', null).execute()) as Array<{ id: string; secret: string }>;
    for (const row of rows) expect(onlyNew.openText(row.secret, where(row.id))).toBe(`value of ${row.id}`);
    await db.destroy();
  });
});
