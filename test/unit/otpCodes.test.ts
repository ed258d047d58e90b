import { describe, expect, it } from 'vitest';
import { hotpCode, matchHotp, matchTotp, totpCode, totpStepAt, type OtpParams } from '../../src/mfa/otp/otpCodes.js';
import { base32Encode, hotp } from '../support/otpDevice.js';

const sha1Seed = base32Encode(Buffer.from('12345678901234567890'));

describe('HOTP (RFC 4226)', () => {
  it('gives the Appendix D values for counters 0 to 9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotpCode(sha1Seed, counter))).toEqual(expected);
  });

  it('accepts a code up to ten counters ahead and names its counter, no further and never behind', () => {
    expect(matchHotp(sha1Seed, '755224', 0)).toBe(0);
    expect(matchHotp(sha1Seed, '520489', 0)).toBe(9);
    expect(matchHotp(sha1Seed, hotpCode(sha1Seed, 10), 0)).toBe(10);
    expect(matchHotp(sha1Seed, hotpCode(sha1Seed, 11), 0)).toBeUndefined();
    expect(matchHotp(sha1Seed, '755224', 1)).toBeUndefined();
  });
});

describe('TOTP (RFC 6238)', () => {
  // Appendix B: seeds of the hash's own length, 8 digits, 30-second steps.
  const seeds = {
    SHA1: base32Encode(Buffer.from('12345678901234567890')),
    SHA256: base32Encode(Buffer.from('12345678901234567890123456789012')),
    SHA512: base32Encode(Buffer.from('1234567890123456789012345678901234567890123456789012345678901234')),
  };
  const vectors: Array<[number, string, string, string]> = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];

  it('gives the Appendix B values for SHA-1, SHA-256 and SHA-512', () => {
    for (const [seconds, sha1, sha256, sha512] of vectors) {
      const step = totpStepAt(seconds * 1000);
      for (const [algorithm, code] of [['SHA1', sha1], ['SHA256', sha256], ['SHA512', sha512]] as const) {
        const params: OtpParams = { algorithm, digits: 8, period: 30 };
        expect(totpCode(seeds[algorithm], step, params)).toBe(code);
        expect(matchTotp(seeds[algorithm], code, seconds * 1000, params)).toBe(step);
      }
    }
  });

  it('accepts one step of drift each way and no more', () => {
    const now = 1_234_567_890_000;
    const step = totpStepAt(now);
    for (const drift of [-1, 0, 1]) expect(matchTotp(sha1Seed, hotp(Buffer.from('12345678901234567890'), step + drift), now)).toBe(step + drift);
    for (const drift of [-2, 2]) expect(matchTotp(sha1Seed, hotp(Buffer.from('12345678901234567890'), step + drift), now)).toBeUndefined();
  });
});
