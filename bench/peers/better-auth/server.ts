// The peer under load, started by startPeerServer.ts with `node --import tsx`: Better Auth
// (latest from npm, installed apart in this folder) with e-mail and password on SQLite through
// better-sqlite3, served by the same HTTPS listener, certificate floor and timeouts as
// Gatehouse, so that the only difference on the wire is the code behind the route.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { Hono } from 'hono';
import { listenHttps } from '../../../src/server/listenHttps.js';
import { ensureCertificate } from '../../../src/tls/ensureCertificate.js';

/** How long Better Auth's signed cookie vouches for a session without a database read. */
export const COOKIE_CACHE_SECONDS = 5 * 60;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bench-peer-'));
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
const tls = await ensureCertificate(dataDir);

let origin = '';
const app = new Hono();
const server = await listenHttps({ fetch: (request) => app.fetch(request), cert: tls.cert, key: tls.key, port: 0, host: '127.0.0.1', portVariable: 'peer port' });
origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

const database = new Database(path.join(dataDir, 'better-auth.sqlite'));
// As Gatehouse opens its SQLite file: write-ahead log, so reads do not wait on writes.
database.pragma('journal_mode = WAL');
const auth = betterAuth({
  baseURL: origin,
  secret: randomBytes(32).toString('base64url'),
  database,
  emailAndPassword: { enabled: true },
  session: {
    // As its documentation recommends deploying it: a signed cookie answers get-session
    // for `maxAge` seconds without reading the session table.
    cookieCache: { enabled: true, maxAge: COOKIE_CACHE_SECONDS },
  },
  // Gatehouse has no rate limit on these routes yet either; both are measured unthrottled.
  rateLimit: { enabled: false },
  advanced: { useSecureCookies: true },
  telemetry: { enabled: false },
  logger: { disabled: true },
});
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));

process.send!({ type: 'ready', url: origin, certificate: tls.cert, passwordHash: describePasswordHash() });
process.on('message', (command: { type: string }) => {
  if (command.type !== 'stop') return;
  server.close();
  server.closeAllConnections();
  database.close();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));

/** Better Auth's scrypt parameters, read from the code that runs rather than from memory. */
function describePasswordHash(): string {
  const require = createRequire(import.meta.url);
  // Not through `require.resolve`: better-auth's exports map does not list its package.json.
  const version = (JSON.parse(fs.readFileSync(new URL('./node_modules/better-auth/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const source = fs.readFileSync(require.resolve('@better-auth/utils/password'), 'utf8');
  const found = /N:\s*(\d+),\s*r:\s*(\d+),\s*p:\s*(\d+),\s*dkLen:\s*(\d+)/.exec(source);
  const parameters = found ? `scrypt N=${found[1]} r=${found[2]} p=${found[3]} dkLen=${found[4]}` : 'scrypt, parameters not found in @better-auth/utils';
  return `${parameters} (node:crypto on the libuv pool), better-auth ${version}`;
}
