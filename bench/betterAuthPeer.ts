import type { BenchResult } from './support/BenchResult.js';
import { callOnce, expectStatus, type Answer } from './support/callOnce.js';
import { compareRounds, type RoundPlan } from './support/compareRounds.js';
import { driveLoad, type LoadRequest, type Target } from './support/driveLoad.js';
import { startBenchServer, type BenchServer } from './support/startBenchServer.js';
import { startPeerServer, type PeerServer } from './support/startPeerServer.js';

// The same load on both sides: as signInRate.ts for the hashing routes (one in flight per
// libuv thread), as authorizedRequest.ts for the session read.
const hashing = { connections: 4, plan: { warmUpMs: 2_000, durationMs: 4_000, rounds: 3 } };
const reading = { connections: 10, plan: { warmUpMs: 2_000, durationMs: 3_000, rounds: 3 } };
const json = { 'content-type': 'application/json' };

/**
 * Gatehouse against Better Auth (bench/peers/better-auth/), each on its own HTTPS server on
 * loopback with the same certificate floor, load and concurrency: sign-up, sign-in and
 * get-session; and whether each refuses a revoked session at once.
 */
export async function betterAuthPeer(): Promise<BenchResult[]> {
  const gatehouse = await startBenchServer();
  let peer: PeerServer | undefined;
  try {
    peer = await startPeerServer('better-auth');
    const ours: Target = { origin: gatehouse.url, ca: gatehouse.certificate };
    // Better Auth checks the Origin of state-changing calls, as a browser would send it.
    const theirs: Target = { origin: peer.url, ca: peer.certificate };
    const theirHeaders = { ...json, origin: peer.url };
    const password = gatehouse.password;
    await callPeer(theirs, 'POST', '/api/auth/sign-up/email', theirHeaders, { email: 'student@bench.example', password, name: 'Student' }, 200);

    const revocation = { gatehouse: await gatehouseRevocation(ours, gatehouse), betterAuth: await peerRevocation(theirs, theirHeaders, password) };

    let sequence = 0;
    const address = (side: string) => `${side}-${process.pid}-${(sequence += 1)}@bench.example`;
    const targets = { gatehouse: ours, peer: theirs };
    const signUp = await compare('peerSignUp', targets, hashing, {
      value: { method: 'POST', path: '/auth/sign-up', headers: json, body: () => JSON.stringify({ email: address('g'), password }), expectStatus: 201 },
      baseline: { method: 'POST', path: '/api/auth/sign-up/email', headers: theirHeaders, body: () => JSON.stringify({ email: address('b'), password, name: 'Bench' }), expectStatus: 200 },
    });
    const signIn = await compare('peerSignIn', targets, hashing, {
      value: { method: 'POST', path: '/auth/sign-in', headers: json, body: JSON.stringify({ email: gatehouse.student.email, password }), expectStatus: 200 },
      baseline: { method: 'POST', path: '/api/auth/sign-in/email', headers: theirHeaders, body: JSON.stringify({ email: 'student@bench.example', password }), expectStatus: 200 },
    });
    const ourCookie = (await signInGatehouse(ours, gatehouse)).cookies.join('; ');
    const theirCookie = (await callPeer(theirs, 'POST', '/api/auth/sign-in/email', theirHeaders, { email: 'student@bench.example', password }, 200)).cookies.join('; ');
    const getSession = await compare('peerGetSession', targets, reading, {
      value: { method: 'GET', path: '/auth/session', headers: { cookie: ourCookie }, expectStatus: 200 },
      baseline: { method: 'GET', path: '/api/auth/get-session', headers: { cookie: theirCookie }, expectStatus: 200 },
    });

    const common = {
      baseline: 'Better Auth (bench/peers/better-auth), SQLite through better-sqlite3, cookie cache on (5 min)',
      passwordHash: { gatehouse: gatehouse.argon2, betterAuth: peer.passwordHash },
      revocation,
    };
    return [
      result('peerSignUp', signUp, hashing, { ...common, request: 'Gatehouse POST /auth/sign-up (hash, code, mail queued) vs Better Auth POST /api/auth/sign-up/email (hash, user, account, session)' }),
      result('peerSignIn', signIn, hashing, { ...common, request: 'POST sign-in with the right password', goal: 4 }),
      result('peerGetSession', getSession, reading, { ...common, request: 'GET the session behind the cookie', goal: 8 }),
    ];
  } finally {
    await peer?.close();
    await gatehouse.close();
  }
}

type Load = { connections: number; plan: RoundPlan };

/** Gatehouse's request against the peer's, in paired rounds; the ratio is Gatehouse ÷ peer. */
function compare(name: string, targets: { gatehouse: Target; peer: Target }, load: Load, requests: { value: LoadRequest; baseline: LoadRequest }) {
  const settings = (durationMs: number) => ({ connections: load.connections, durationMs });
  return compareRounds(
    name,
    {
      value: (durationMs) => driveLoad(targets.gatehouse, requests.value, settings(durationMs)),
      baseline: (durationMs) => driveLoad(targets.peer, requests.baseline, settings(durationMs)),
    },
    load.plan,
  );
}

async function signInGatehouse(target: Target, server: BenchServer): Promise<Answer & { csrfToken: string }> {
  const body = JSON.stringify({ email: server.student.email, password: server.password });
  const answer = expectStatus(await callOnce(target, 'POST', '/auth/sign-in', json, body), 200, 'Gatehouse sign-in');
  return { ...answer, csrfToken: JSON.parse(answer.text).csrfToken as string };
}

async function callPeer(target: Target, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: unknown, status: number): Promise<Answer> {
  return expectStatus(await callOnce(target, method, path, headers, body === undefined ? undefined : JSON.stringify(body)), status, `Better Auth ${method} ${path}`);
}

/** What a revoked session's cookie gets, replayed right after another device revoked it. */
interface Revocation {
  refusedAtOnce: boolean;
  detail: string;
}

// Device A and device B are signed in as the same user; B signs every session out; A, which
// still holds its cookies (a stolen copy, a tab left open), asks for its session at once.
async function gatehouseRevocation(target: Target, server: BenchServer): Promise<Revocation> {
  const deviceA = (await signInGatehouse(target, server)).cookies.join('; ');
  const deviceB = await signInGatehouse(target, server);
  expectStatus(await callOnce(target, 'GET', '/auth/session', { cookie: deviceA }), 200, 'Gatehouse session before revocation');
  const signOut = { cookie: deviceB.cookies.join('; '), 'x-csrf-token': deviceB.csrfToken };
  expectStatus(await callOnce(target, 'POST', '/auth/sign-out/all', signOut), 204, 'Gatehouse sign-out everywhere');
  const after = await callOnce(target, 'GET', '/auth/session', { cookie: deviceA });
  return { refusedAtOnce: after.status === 401, detail: `GET /auth/session right after POST /auth/sign-out/all from another session: ${after.status}` };
}

async function peerRevocation(target: Target, headers: Record<string, string>, password: string): Promise<Revocation> {
  const signIn = () => callPeer(target, 'POST', '/api/auth/sign-in/email', headers, { email: 'student@bench.example', password }, 200);
  const deviceA = (await signIn()).cookies.join('; ');
  const deviceB = (await signIn()).cookies.join('; ');
  const before = await callPeer(target, 'GET', '/api/auth/get-session', { cookie: deviceA }, undefined, 200);
  if (JSON.parse(before.text) === null) throw new Error('Better Auth has no session for a fresh sign-in');
  await callPeer(target, 'POST', '/api/auth/revoke-other-sessions', { ...headers, cookie: deviceB }, {}, 200);
  const after = await callPeer(target, 'GET', '/api/auth/get-session', { cookie: deviceA }, undefined, 200);
  const served = JSON.parse(after.text) !== null;
  return {
    refusedAtOnce: !served,
    detail: served
      ? 'GET /api/auth/get-session right after POST /api/auth/revoke-other-sessions from another session still answers the session: the signed session_data cookie vouches for it until its 5-minute maxAge runs out'
      : 'GET /api/auth/get-session right after POST /api/auth/revoke-other-sessions from another session answers null',
  };
}

function result(name: string, outcome: Awaited<ReturnType<typeof compareRounds>>, load: Load, params: Record<string, unknown>): BenchResult {
  return {
    name,
    value: outcome.value,
    baseline: outcome.baseline,
    ratio: outcome.ratio,
    unit: 'req/s, Gatehouse vs Better Auth',
    params: { connections: load.connections, ...load.plan, ...params, samples: outcome.samples },
  };
}
