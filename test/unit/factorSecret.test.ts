import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openFactorSecret, sealFactorSecret } from '../../src/mfa/factorSecret.js';

const runtime = { hmacKey: randomBytes(32) };

describe('factor secrets at rest', () => {
  it('opens what it sealed for the same row, and hides the plaintext', () => {
    const sealed = sealFactorSecret(runtime, 'factor-1', 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openFactorSecret(runtime, 'factor-1', sealed)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a ciphertext moved to another row', () => {
    const sealed = sealFactorSecret(runtime, 'factor-1', '+14155550123');
    expect(() => openFactorSecret(runtime, 'factor-2', sealed)).toThrow();
  });
});
