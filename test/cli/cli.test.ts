import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gatehouse } from '../support/gatehouse.js';
import { startTestServer, tempDataDir } from '../support/testServer.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function dataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

describe('gatehouse command line', () => {
  it('explains itself with --help, for every command', async () => {
    const top = await gatehouse(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'user', 'group']) expect(top.stdout).toContain(command);
    const userAdd = await gatehouse(['user', 'add', '--help']);
    expect(userAdd.stdout).toMatch(/--group/);
    expect(userAdd.stdout).toMatch(/--password-stdin/);
    expect(userAdd.stdout).toMatch(/--data/);
    expect((await gatehouse(['group', 'add', '--help'])).stdout).toMatch(/<group> <email>/);
    expect((await gatehouse(['serve', '--help'])).stdout).toMatch(/--data/);
  });

  it('adds a confirmed user with groups and a password from stdin, who can then sign in', async () => {
    const dir = dataDir();
    const added = await gatehouse(['user', 'add', 'Teacher@School.test', '--group', 'teachers', '--group', 'students', '--password-stdin', '--data', dir], {
      stdin: 'correct horse battery staple\n',
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/created user teacher@school\.test .* in students, teachers/);
    expect(added.stdout).not.toContain('correct horse');
    const grouped = await gatehouse(['group', 'add', 'auditors', 'teacher@school.test', '--data', dir]);
    expect(grouped.code, grouped.stderr).toBe(0);
    expect(grouped.stdout).toContain('auditors, students, teachers');

    // A server on the data the command line wrote.
    const server = await startTestServer({}, { configure: (config) => Object.assign(config, { dataDir: dir, databaseUrl: `sqlite:${path.join(dir, 'gatehouse.db')}` }) });
    try {
      const c = server.client();
      const answer = await c.signIn('teacher@school.test', 'correct horse battery staple');
      expect(answer.status).toBe(200);
      expect(answer.body.user.groups).toEqual(['auditors', 'students', 'teachers']);
      const operatorEvents = await server.runtime.db.selectFrom('audit_events').select('body').where('event_name', 'in', ['AdminCreateUser', 'AdminAddUserToGroup']).execute();
      expect(operatorEvents).toHaveLength(2);
      expect(JSON.parse(operatorEvents[0]!.body)).toMatchObject({ eventSource: 'cli.gatehouse', userIdentity: { type: 'Operator' } });
    } finally {
      await server.close();
    }
  });

  it('refuses a duplicate user, an unknown group and a common password in one line, exit 1', async () => {
    const dir = dataDir();
    await gatehouse(['user', 'add', 'a@example.com', '--data', dir]);
    for (const args of [
      ['user', 'add', 'a@example.com', '--data', dir],
      ['user', 'add', 'b@example.com', '--group', 'wizards', '--data', dir],
      ['group', 'add', 'wizards', 'a@example.com', '--data', dir],
      ['group', 'add', 'teachers', 'nobody@example.com', '--data', dir],
    ]) {
      const result = await gatehouse(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^gatehouse: /);
    }
    const weak = await gatehouse(['user', 'add', 'c@example.com', '--password-stdin', '--data', dir], { stdin: 'password123\n' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/too common/);
  });

  it('stops serve on a bad variable with a one-line message naming it', async () => {
    const result = await gatehouse(['serve', '--data', dataDir()], { env: { GATEHOUSE_PORT: 'eighty' } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^gatehouse: GATEHOUSE_PORT: [^\n]+$/);
  });

  it('stops serve on a port in use, or a damaged key, in one line', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const busy = await gatehouse(['serve', '--data', dataDir()], { env: { GATEHOUSE_PORT: String(port) } });
      expect(busy.code).toBe(1);
      expect(busy.stderr.trim()).toBe(`gatehouse: GATEHOUSE_PORT: port ${port} is in use`);
      // The HTTPS port opens, the redirect port does not: the process must still stop.
      const redirect = await gatehouse(['serve', '--data', dataDir()], { env: { GATEHOUSE_PORT: '0', GATEHOUSE_HTTP_PORT: String(port) } });
      expect(redirect.code).toBe(1);
      expect(redirect.stderr.trim()).toBe(`gatehouse: GATEHOUSE_HTTP_PORT: port ${port} is in use`);
    } finally {
      blocker.close();
    }
    const dir = dataDir();
    fs.mkdirSync(path.join(dir, 'keys'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'keys', 'hmac.key'), '\n');
    const damaged = await gatehouse(['serve', '--data', dir], { env: { GATEHOUSE_PORT: '0' } });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr.trim()).toMatch(/^gatehouse: .*hmac\.key: a key must be 32 bytes/);
  });

  it('stops serve on an invalid policy, naming the file', async () => {
    const policies = dataDir();
    fs.copyFileSync('policies/schema.cedarschema', path.join(policies, 'schema.cedarschema'));
    fs.writeFileSync(path.join(policies, 'broken.cedar'), '@id("broken") permit (principal, action, resource) when { resource.nonsense == 1 };');
    const result = await gatehouse(['serve', '--data', dataDir()], { env: { GATEHOUSE_POLICIES_DIR: policies, GATEHOUSE_PORT: '0' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.cedar/);
  });

  it('serves HTTPS and writes a self-signed certificate to data/tls', async () => {
    const dir = path.join(dataDir(), 'made-by-serve');
    const result = await gatehouse(['serve', '--data', dir], { env: { GATEHOUSE_PORT: '0' }, untilOutput: /serving/ });
    expect(result.stdout).toMatch(/Gatehouse is serving https:\/\/localhost:\d+/);
    expect(fs.existsSync(path.join(dir, 'tls', 'cert.pem'))).toBe(true);
    expect(fs.statSync(path.join(dir, 'tls', 'key.pem')).mode & 0o077).toBe(0);
    // Keys, certificate key and database: nobody but the owner reads them.
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'keys', 'hmac.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'gatehouse.db')).mode & 0o777).toBe(0o600);
  });

  it('rotates the master key: the old one retires, the new one wraps, the rotation is an Operator event', async () => {
    const dir = dataDir();
    expect((await gatehouse(['user', 'add', 'a@school.test', '--data', dir])).code).toBe(0);
    const oldText = fs.readFileSync(path.join(dir, 'keys', 'master.key'), 'utf8');
    const rotated = await gatehouse(['keys', 'rotate', '--data', dir]);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/master key [0-9a-f]{16} now wraps every data key/);
    const newText = fs.readFileSync(path.join(dir, 'keys', 'master.key'), 'utf8');
    expect(newText).not.toBe(oldText);
    expect(fs.statSync(path.join(dir, 'keys', 'master.key')).mode & 0o777).toBe(0o600);
    const retired = fs.readdirSync(path.join(dir, 'keys', 'master-retired'));
    expect(retired).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'keys', 'master-retired', retired[0]!), 'utf8')).toBe(oldText);
    const server = await startTestServer({}, { configure: (config) => Object.assign(config, { dataDir: dir, databaseUrl: `sqlite:${path.join(dir, 'gatehouse.db')}` }) });
    try {
      const events = await server.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', 'RotateMasterKey').execute();
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]!.body).responseElements.newKeyId).toBe(server.runtime.keyring.currentKeyId);
    } finally {
      await server.close();
    }
  });

  it('refuses to rotate a single master key given in the environment, in one line', async () => {
    const result = await gatehouse(['keys', 'rotate', '--data', dataDir()], { env: { GATEHOUSE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^gatehouse: GATEHOUSE_MASTER_KEY holds one key/);
  });
});
