import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyring } from '../../src/crypto/keyring/createKeyring.js';
import { loadMasterKeys } from '../../src/crypto/keyring/masterKeys.js';
import { openFactorSecret, sealFactorSecret } from '../../src/mfa/factorSecret.js';
import { tempDataDir } from '../support/testServer.js';

const dataDir = tempDataDir();
const runtime = { keyring: createKeyring(loadMasterKeys(dataDir, undefined)) };
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

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
