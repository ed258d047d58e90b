// The command line on a scaled-out deployment: PostgreSQL and Redis from the environment.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresSchema, skipPostgres, type PostgresSchema } from '../support/postgres.js';
import { freshRedisPrefix, redisUrl, skipRedis } from '../support/redis.js';
import { tempDataDir } from '../support/testServer.js';

const bin = path.resolve('bin/gatehouse.js');
const skip = skipPostgres || skipRedis;
let schema: PostgresSchema;
let dataDir: string;

beforeAll(async () => {
  if (skip) return;
  schema = await freshPostgresSchema();
  dataDir = tempDataDir();
});
afterAll(async () => {
  if (skip) return;
  await schema?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(skip)('gatehouse on PostgreSQL and Redis', () => {
  it('adds a user and ends, letting go of the pool and the Redis connections', async () => {
    const env = {
      ...process.env,
      GATEHOUSE_LOG_LEVEL: 'silent',
      GATEHOUSE_DATA_DIR: dataDir,
      GATEHOUSE_DATABASE_URL: schema.url,
      GATEHOUSE_REDIS_URL: redisUrl,
      GATEHOUSE_REDIS_PREFIX: freshRedisPrefix(),
      GATEHOUSE_HMAC_KEY: randomBytes(32).toString('base64'),
    };
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'user', 'add', 'pat@example.com', '--group', 'students'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      // A process held open by a connection never exits: the test's timeout would report it.
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode, stdout: out }));
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/created user pat@example.com/);
  });
});
