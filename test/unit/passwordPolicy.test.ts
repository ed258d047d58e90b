import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../src/identity/passwords/checkPasswordPolicy.js';
import { hashPassword, needsRehash, verifyPassword } from '../../src/identity/passwords/hashPassword.js';

describe('password policy (NIST SP 800-63B)', () => {
  it('accepts 8 characters and more, with no composition rules', () => {
    expect(() => checkPasswordPolicy('tangerine lamp', 'a@example.com')).not.toThrow();
    expect(() => checkPasswordPolicy('ü'.repeat(64), 'a@example.com')).not.toThrow();
  });

  it.each(['123456789', 'password', 'Password1', 'qwertyuiop', 'iloveyou', 'trustno1'])('refuses the common password %s', (password) => {
    expect(() => checkPasswordPolicy(password, 'a@example.com')).toThrowError(/too common/);
  });

  it('refuses the e-mail name and short passwords', () => {
    expect(() => checkPasswordPolicy('marguerite77', 'Marguerite77@example.com')).toThrowError(/e-mail/);
    expect(() => checkPasswordPolicy('7chars!', 'a@example.com')).toThrowError(/at least 8/);
  });

  it('hashes with Argon2id at the OWASP parameters in a PHC string', async () => {
    const phc = await hashPassword('tangerine lamp');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(phc)).toBe(false);
    expect(await verifyPassword(phc, 'tangerine lamp')).toBe(true);
    expect(await verifyPassword(phc, 'tangerine lamp ')).toBe(false);
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$abc$def')).toBe(true);
    expect(await verifyPassword('not a phc string', 'x')).toBe(false);
  });
});
