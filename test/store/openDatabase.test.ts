import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/openDatabase.js';
import { tempDataDir } from '../support/testServer.js';

const dir = tempDataDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const group = (name: string) => ({ name, description: name });

describe('the SQLite store', () => {
  it('is readable by its owner only, WAL files included', async () => {
    const file = path.join(dir, 'modes.db');
    const db = await openDatabase(`sqlite:${file}`);
    await db.insertInto('groups').values(group('mode-check')).execute();
    for (const name of ['modes.db', 'modes.db-wal', 'modes.db-shm']) {
      expect(fs.statSync(path.join(dir, name)).mode & 0o777, name).toBe(0o600);
    }
    await db.destroy();
  });

  it('lets a transaction that read first still write when another process wrote meanwhile', async () => {
    // A second process (the CLI) writes while the server's transaction is open. With a
    // deferred BEGIN the server's write would fail (SQLITE_BUSY_SNAPSHOT); BEGIN IMMEDIATE
    // makes the other writer wait for the commit instead.
    const file = path.join(dir, 'two-writers.db');
    const server = await openDatabase(`sqlite:${file}`);
    let cli: ChildProcess | undefined;
    await server.transaction().execute(async (trx) => {
      await trx.selectFrom('groups').selectAll().execute();
      cli = spawn(process.execPath, ['-e', cliWriter(file)], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve) => cli!.stdout!.once('data', resolve));
      await sleep(150);
      await trx.insertInto('groups').values(group('from-server')).execute();
    });
    const [code] = (await once(cli!, 'close')) as [number];
    expect(code).toBe(0);
    const names = (await server.selectFrom('groups').select('name').execute()).map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['from-cli', 'from-server']));
    await server.destroy();
  });

  it('migrates a database once and opens it again unchanged', async () => {
    const file = path.join(dir, 'again.db');
    const first = await openDatabase(`sqlite:${file}`);
    await first.insertInto('groups').values(group('kept')).execute();
    await first.destroy();
    const second = await openDatabase(`sqlite:${file}`);
    expect(await second.selectFrom('groups').select('name').where('name', '=', 'kept').execute()).toHaveLength(1);
    await second.destroy();
  });
});

/** A tiny writer in its own process: opens the file, says so, inserts a group. */
function cliWriter(file: string): string {
  return [
    `const Database = require('better-sqlite3');`,
    `const db = new Database(${JSON.stringify(file)});`,
    `db.pragma('busy_timeout = 5000');`,
    `process.stdout.write('opened\\n');`,
    `db.prepare("insert into groups (name, description) values ('from-cli', 'x')").run();`,
    `db.close();`,
  ].join('\n');
}
