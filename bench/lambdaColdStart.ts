import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshPostgresSchema } from '../test/support/postgres.js';
import type { BenchResult } from './support/BenchResult.js';
import { compareRounds } from './support/compareRounds.js';

// A cold start takes about a second here: rounds of a few seconds count a few each.
const plan = { warmUpMs: 1_000, durationMs: 5_000, rounds: 3 };

const handlerFile = fileURLToPath(new URL('../dist/server/lambda.js', import.meta.url));

/** One API Gateway HTTP API (2.0) event: an anonymous `GET /auth/session`, answered 401 and audited. */
const event = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/auth/session',
  rawQueryString: '',
  headers: { host: 'api.example.com', 'user-agent': 'bench' },
  requestContext: { domainName: 'api.example.com', http: { method: 'GET', path: '/auth/session', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'bench' }, requestId: 'bench', routeKey: '$default', stage: '$default', timeEpoch: 0 },
  isBase64Encoded: false,
};

// What a fresh Lambda instance does: load the module, build the app, answer the first event.
const coldStart = `
const { handler } = await import(${JSON.stringify(new URL(`file://${handlerFile}`).href)});
const answer = await handler(${JSON.stringify(event)}, {});
process.exit(answer.statusCode === 401 ? 0 : 3);
`;

/** Runs `args` in a fresh Node process; resolves when it exited 0. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`node ${args[0]} exited ${code}`))));
  });
}

/** Fresh processes per second, one after the other, for `durationMs`. */
async function startsPerSecond(args: string[], env: NodeJS.ProcessEnv, durationMs: number): Promise<number> {
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < durationMs) {
    await run(args, env);
    count += 1;
  }
  return (count * 1000) / (performance.now() - started);
}

/**
 * Lambda cold start: a fresh Node process importing the built handler and answering one
 * event on PostgreSQL, against a fresh `node -e 0`. Both as starts per second, so the ratio
 * reads like the others (higher is better; 1 would be a free start).
 */
export async function lambdaColdStart(): Promise<BenchResult> {
  if (!fs.existsSync(handlerFile)) throw new Error(`${handlerFile} is missing: npm run build first (npm run bench does)`);
  const schema = await freshPostgresSchema();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-cold-'));
  try {
    const env = {
      ...process.env,
      GATEHOUSE_DATABASE_URL: schema.url,
      GATEHOUSE_DATABASE_POOL_MAX: '2',
      GATEHOUSE_PUBLIC_URL: 'https://api.example.com',
      GATEHOUSE_HMAC_KEY: randomBytes(32).toString('base64'),
      GATEHOUSE_MASTER_KEY: randomBytes(32).toString('base64'),
      GATEHOUSE_DATA_DIR: dataDir,
      GATEHOUSE_LOG_LEVEL: 'silent',
    };
    // The first start migrates the empty schema; every later one finds it migrated, as on Lambda.
    await run(['--input-type=module', '-e', coldStart], env);
    const outcome = await compareRounds(
      'lambdaColdStart',
      {
        value: (durationMs) => startsPerSecond(['--input-type=module', '-e', coldStart], env, durationMs),
        baseline: (durationMs) => startsPerSecond(['-e', '0'], env, durationMs),
      },
      plan,
    );
    const { value, baseline, ratio, samples } = outcome;
    return {
      name: 'lambdaColdStart',
      value,
      baseline,
      ratio,
      unit: 'starts/s',
      params: {
        ...plan,
        event: 'API Gateway v2 GET /auth/session, anonymous: 401, one audit event appended',
        store: 'PostgreSQL, fresh schema, migrated by the first start',
        baseline: 'node -e 0',
        coldStartMs: 1000 / value,
        bareNodeMs: 1000 / baseline,
        samples,
      },
    };
  } finally {
    await schema.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
