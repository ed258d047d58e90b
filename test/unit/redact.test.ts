import { describe, expect, it } from 'vitest';
import { REDACTED, TRUNCATED, redact, redactWithin } from '../../src/audit/redact.js';

describe('redaction', () => {
  it('hides passwords, codes, tokens, secrets and cookies at any depth', () => {
    const out = redact({
      email: 'a@example.com',
      password: 'p',
      currentPassword: 'p',
      code: '123456',
      nested: { mfaToken: 't', refresh_token: 'r', client_secret: 's', cookie: 'c', list: [{ csrfToken: 'x', sku: 'k' }] },
    });
    expect(out).toEqual({
      email: 'a@example.com',
      password: REDACTED,
      currentPassword: REDACTED,
      code: REDACTED,
      nested: { mfaToken: REDACTED, refresh_token: REDACTED, client_secret: REDACTED, cookie: REDACTED, list: [{ csrfToken: REDACTED, sku: 'k' }] },
    });
  });

  it('cuts long strings and deep nesting', () => {
    expect((redact('x'.repeat(5000)) as string).length).toBeLessThan(1100);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(redact(deep))).toContain('[TRUNCATED]');
  });
});

describe('redaction of hostile keys', () => {
  it('keeps a "__proto__" key as plain data', () => {
    const out = redact(JSON.parse('{"__proto__":{"polluted":true},"password":"p"}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__', 'password']);
  });
});

describe('redaction keeps every event representable', () => {
  it('replaces lone surrogates, in keys and values', () => {
    const out = redact({ ['\ud800k']: '\udc00v' }) as Record<string, string>;
    expect(Object.keys(out)[0]!.isWellFormed()).toBe(true);
    expect(Object.values(out)[0]!.isWellFormed()).toBe(true);
  });

  it('turns numbers JSON cannot hold into text', () => {
    expect(redact({ a: Infinity, b: -Infinity, c: NaN, d: 1.5 })).toEqual({ a: 'Infinity', b: '-Infinity', c: 'NaN', d: 1.5 });
  });

  it('keeps at most 100 keys of 128 characters', () => {
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(redact(wide) as object)).toHaveLength(100);
    const long = redact({ ['x'.repeat(10_000)]: 1 }) as object;
    expect(Object.keys(long)[0]!.length).toBeLessThanOrEqual(129);
  });
});

describe('one redaction list for request and response', () => {
  it('hides a WebAuthn response, whole or sent in parts', () => {
    const out = redact({ response: { clientDataJSON: 'c', attestationObject: 'a' }, clientDataJSON: 'c', authenticatorData: 'd', userHandle: 'u', id: 'cred-id' });
    expect(out).toEqual({ response: REDACTED, clientDataJSON: REDACTED, authenticatorData: REDACTED, userHandle: REDACTED, id: 'cred-id' });
  });

  it('escapes control characters, line separators and bidi overrides in keys and values', () => {
    const out = redact({ ['a\nb']: 'x\u0000y\u2028z\u202e' }) as Record<string, string>;
    expect(out).toEqual({ 'a\\u000ab': 'x\\u0000y\\u2028z\\u202e' });
  });

  it('replaces a value over the byte limit by a marker and the start of its redacted JSON', () => {
    const out = redactWithin({ password: 'hunter2hunter2', notes: 'n'.repeat(2000) }, 300) as Record<string, string>;
    expect(out[TRUNCATED]).toMatch(/^\d+ bytes, over the 300-byte limit$/);
    expect(out.preview).toContain('"password":"[REDACTED]"');
    expect(JSON.stringify(out)).not.toContain('hunter2');
    expect(redactWithin({ small: 1 }, 300)).toEqual({ small: 1 });
  });
});
