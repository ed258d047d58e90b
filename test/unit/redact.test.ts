import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from '../../src/audit/redact.js';

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
