// The Lambda handler, invoked with API Gateway's own event shapes (HTTP API payload 2.0 and
// REST API 1.0), on PostgreSQL as a deployed function runs.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createConfirmedUser } from '../../src/identity/admin/createConfirmedUser.js';
import { closeRuntime } from '../../src/runtime/closeRuntime.js';
import { createRuntime } from '../../src/runtime/createRuntime.js';
import type { Runtime } from '../../src/runtime/Runtime.js';
import { blockClient } from '../../src/shield/blocks/blockClient.js';
import { insertGrade } from '../../src/store/repositories/grades.js';
import { plainTransact } from '../../src/store/Transact.js';
import { freshPostgresSchema, skipPostgres, type PostgresSchema } from '../support/postgres.js';
import { tempDataDir } from '../support/testServer.js';

const password = 'correct horse battery staple';
const publicUrl = 'https://api.example.com';
let schema: PostgresSchema;
let dataDir: string;
let admin: Runtime;
let handler: typeof import('../../src/server/lambda.js').handler;
const ids: Record<string, string> = {};

interface LambdaAnswer {
  statusCode: number;
  body: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
}

function v2(method: string, path: string, options: { body?: unknown; cookie?: string; csrf?: string } = {}) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    cookies: options.cookie ? [options.cookie] : undefined,
    headers: { host: 'api.example.com', 'content-type': 'application/json', 'user-agent': 'lambda-test', ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}) },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.20', userAgent: 'lambda-test' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:12:00:00 +0000',
      timeEpoch: Date.now(),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    isBase64Encoded: false,
  };
}

function v1(method: string, path: string, options: { body?: unknown; cookie?: string; csrf?: string } = {}) {
  const headers: Record<string, string> = { Host: 'api.example.com', 'Content-Type': 'application/json', 'User-Agent': 'lambda-test' };
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.csrf) headers['X-CSRF-Token'] = options.csrf;
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      httpMethod: method,
      identity: { sourceIp: '198.51.100.10', userAgent: 'lambda-test' },
      path: `/prod${path}`,
      protocol: 'HTTP/1.1',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourcePath: '/{proxy+}',
      stage: 'prod',
    },
    body: options.body === undefined ? null : JSON.stringify(options.body),
    isBase64Encoded: false,
  };
}

async function invoke(event: unknown): Promise<LambdaAnswer> {
  return (await handler(event as never, {} as never)) as LambdaAnswer;
}

/** The session cookie the answer sets, whichever payload version carried it. */
function sessionCookieOf(answer: LambdaAnswer): string | undefined {
  const setCookies = answer.cookies ?? answer.multiValueHeaders?.['set-cookie'] ?? [];
  const cookie = setCookies.find((c) => c.startsWith('__Host-gatehouse='));
  return cookie ? cookie.split(';')[0] : undefined;
}

beforeAll(async () => {
  if (skipPostgres) return;
  schema = await freshPostgresSchema();
  dataDir = tempDataDir();
  const env = {
    GATEHOUSE_DATABASE_URL: schema.url,
    GATEHOUSE_DATABASE_POOL_MAX: '2',
    GATEHOUSE_PUBLIC_URL: publicUrl,
    GATEHOUSE_HMAC_KEY: randomBytes(32).toString('base64'),
    GATEHOUSE_MASTER_KEY: randomBytes(32).toString('base64'),
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_LOG_LEVEL: 'silent',
    // Short, so that the test below sees a due digest signed before the answer leaves.
    GATEHOUSE_AUDIT_DIGEST_SECONDS: '1',
  };
  Object.assign(process.env, env);
  // The operator's side: users and a grade, written to the same database as the function reads.
  admin = await createRuntime(loadConfig(env), { logger: pino({ level: 'silent' }) });
  const transact = plainTransact(admin.db);
  ids.teacher = (await createConfirmedUser(admin, { email: 'teacher@school.test', password, groups: ['teachers'] }, transact)).id;
  ids.sam = (await createConfirmedUser(admin, { email: 'sam@school.test', password, groups: ['students'] }, transact)).id;
  ids.kim = (await createConfirmedUser(admin, { email: 'kim@school.test', password, groups: ['students'] }, transact)).id;
  for (const [student, grade] of [['sam', 'grade-sam'], ['kim', 'grade-kim']] as const) {
    const at = new Date().toISOString();
    await insertGrade(admin.db, { id: grade, student_id: ids[student]!, course: 'Algebra', score: 90, created_by: ids.teacher!, created_at: at, updated_at: at });
  }
  ({ handler } = await import('../../src/server/lambda.js'));
});

afterAll(async () => {
  if (skipPostgres) return;
  if (admin) await closeRuntime(admin);
  await schema?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(skipPostgres).each([
  { name: 'HTTP API (payload 2.0)', event: v2 },
  { name: 'REST API (payload 1.0)', event: v1 },
])('the Lambda handler, $name', ({ event }) => {
  it('signs in and sets the session cookie', async () => {
    const answer = await invoke(event('POST', '/auth/sign-in', { body: { email: 'sam@school.test', password } }));
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body).status).toBe('SIGNED_IN');
    const setCookies = answer.cookies ?? answer.multiValueHeaders?.['set-cookie'];
    expect(setCookies?.find((c) => c.startsWith('__Host-gatehouse='))).toMatch(/HttpOnly.*Secure|Secure.*HttpOnly/);
  });

  it('lets a student read their own grade and refuses another student\'s', async () => {
    const signIn = await invoke(event('POST', '/auth/sign-in', { body: { email: 'sam@school.test', password } }));
    const cookie = sessionCookieOf(signIn)!;
    const own = await invoke(event('GET', '/api/grades/grade-sam', { cookie }));
    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ id: 'grade-sam', studentId: ids.sam, score: 90 });
    const other = await invoke(event('GET', '/api/grades/grade-kim', { cookie }));
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body).error.code).toBe('ACCESS_DENIED');
    expect((await invoke(event('GET', '/api/grades/grade-sam'))).statusCode).toBe(401);
  });

  it('takes unsafe requests with the cookie and the CSRF token, and refuses them without the token', async () => {
    const signIn = await invoke(event('POST', '/auth/sign-in', { body: { email: 'teacher@school.test', password } }));
    const cookie = sessionCookieOf(signIn)!;
    const csrf = JSON.parse(signIn.body).csrfToken as string;
    const body = { studentId: ids.kim, course: 'Physics', score: 77 };
    expect((await invoke(event('POST', '/api/grades', { cookie, body }))).statusCode).toBe(403);
    expect((await invoke(event('POST', '/api/grades', { cookie, csrf, body }))).statusCode).toBe(201);
  });

  it('records the client address API Gateway saw, not a header', async () => {
    const expected = event === v2 ? '203.0.113.20' : '198.51.100.10';
    const rows = await admin.db.selectFrom('audit_events').select('body').orderBy('sequence', 'desc').limit(1).execute();
    expect(JSON.parse(rows[0]!.body).sourceIPAddress).toBe(expected);
  });
});

describe.skipIf(skipPostgres)('the Lambda handler between invocations', () => {
  it('enforces a block made elsewhere once its copy is stale, and signs due digests before answering', async () => {
    const from = (ip: string) => {
      const request = v2('GET', '/auth/session');
      request.requestContext.http.sourceIp = ip;
      return handler(request as never, {} as never) as Promise<LambdaAnswer>;
    };
    expect((await from('198.51.100.66')).statusCode).toBe(401);
    expect((await from('198.51.100.67')).statusCode).toBe(401);
    // Another instance (here the operator's runtime) blocks the address in the shared database.
    await blockClient(admin, '198.51.100.66', 'blocked by another instance');
    // No timer runs in a frozen function: the copy is re-read on the first invocation after it went stale.
    await new Promise((resolve) => setTimeout(resolve, admin.config.shield.blockRefreshMs + 200));
    expect((await from('198.51.100.66')).statusCode).toBe(429);
    // That answer came more than the digest interval after the last digest: its event is signed already.
    const newest = await admin.db.selectFrom('audit_events').select((eb) => eb.fn.max('sequence').as('s')).executeTakeFirstOrThrow();
    const signed = await admin.db.selectFrom('audit_digests').select((eb) => eb.fn.max('to_sequence').as('s')).executeTakeFirstOrThrow();
    expect(Number(signed.s)).toBe(Number(newest.s));
  });
});
