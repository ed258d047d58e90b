import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';

describe('configuration', () => {
  it('gives a working local instance by default', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8443);
    expect(config.publicUrl).toBe('https://localhost:8443');
    expect(config.databaseUrl).toMatch(/^sqlite:.*data\/gatehouse\.db$/);
    expect(config.sessionIdleMs).toBe(3_600_000);
    expect(config.sessionMaxMs).toBe(86_400_000);
    expect(config.bodyLimitBytes).toBe(1_048_576);
  });

  it.each([
    ['GATEHOUSE_PORT', 'eighty'],
    ['GATEHOUSE_PORT', '70000'],
    ['GATEHOUSE_PORT', ' '],
    ['GATEHOUSE_PORT', '0x1F90'],
    ['GATEHOUSE_PUBLIC_URL', 'https://auth.example.com/app'],
    ['GATEHOUSE_PUBLIC_ULR', 'https://auth.example.com'],
    ['GATEHOUSE_PUBLIC_URL', 'http://example.com'],
    ['GATEHOUSE_REDIS_URL', 'localhost:6379'],
    ['GATEHOUSE_DATABASE_URL', 'mysql://x'],
    ['GATEHOUSE_SESSION_IDLE_MINUTES', '-5'],
    ['GATEHOUSE_LOG_LEVEL', 'loud'],
    ['GATEHOUSE_SESSION_MAX_HOURS', '10000'],
    ['GATEHOUSE_REDIS_PREFIX', 'has space'],
    ['GATEHOUSE_DATABASE_POOL_MAX', '0'],
    ['GATEHOUSE_HMAC_KEY', 'c2hvcnQ='],
    ['GATEHOUSE_IPV6_PREFIX', '31'],
    ['GATEHOUSE_IPV6_PREFIX', '129'],
    ['GATEHOUSE_IPV6_PREFIX', '/64'],
  ])('stops on a bad %s with a one-line message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(`^${name}: [^\\n]+$`));
  });

  it('keys IPv6 clients by their /64 unless told another prefix', () => {
    expect(loadConfig({}).shield.ipv6Prefix).toBe(64);
    expect(loadConfig({ GATEHOUSE_IPV6_PREFIX: '56' }).shield.ipv6Prefix).toBe(56);
    expect(loadConfig({ GATEHOUSE_IPV6_PREFIX: '32' }).shield.ipv6Prefix).toBe(32);
    expect(loadConfig({ GATEHOUSE_IPV6_PREFIX: '128' }).shield.ipv6Prefix).toBe(128);
  });

  it('takes PostgreSQL and Redis with pool limits and a shared HMAC key', () => {
    const key = Buffer.alloc(32, 7);
    const config = loadConfig({
      GATEHOUSE_DATABASE_URL: 'postgres://gatehouse@db.internal:5432/gatehouse',
      GATEHOUSE_REDIS_URL: 'rediss://cache.internal:6379',
      GATEHOUSE_DATABASE_POOL_MAX: '2',
      GATEHOUSE_HMAC_KEY: key.toString('base64'),
    });
    expect(config).toMatchObject({ databaseUrl: 'postgres://gatehouse@db.internal:5432/gatehouse', redisUrl: 'rediss://cache.internal:6379', databasePoolMax: 2, statementTimeoutMs: 10_000, redisPrefix: 'gatehouse:' });
    expect(config.hmacKey).toEqual(key);
  });

  it('keeps the public URL as the origin browsers send', () => {
    expect(loadConfig({ GATEHOUSE_PUBLIC_URL: 'https://auth.example.com/' }).publicUrl).toBe('https://auth.example.com');
    expect(loadConfig({ GATEHOUSE_PUBLIC_URL: 'https://Auth.Example.com:443' }).publicUrl).toBe('https://auth.example.com');
    expect(loadConfig({ GATEHOUSE_PUBLIC_URL: 'https://auth.example.com:9443' }).publicUrl).toBe('https://auth.example.com:9443');
  });

  it('resolves the data folder given on the command line', () => {
    expect(loadConfig({}, { dataDir: 'rel/dir' }).dataDir).toBe(path.resolve('rel/dir'));
  });

  it('wants the TLS certificate and key together', () => {
    expect(() => loadConfig({ GATEHOUSE_TLS_CERT: '/x/cert.pem' })).toThrowError(/GATEHOUSE_TLS_CERT and GATEHOUSE_TLS_KEY/);
  });

  it('takes master keys from the environment as base64 separated by commas', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(loadConfig({ GATEHOUSE_MASTER_KEY: `${key},${key}` }).masterKey).toBe(`${key},${key}`);
    expect(() => loadConfig({ GATEHOUSE_MASTER_KEY: 'not a key!' })).toThrowError(/^GATEHOUSE_MASTER_KEY: must be base64 keys/);
  });
});
