import { createHmac } from 'node:crypto';
import type { Client } from './testServer.js';

// An authenticator written in the test from Node's HMAC (RFC 4226 §5.3), independent of the
// library the server uses, so that a shared mistake cannot hide.

/** RFC 4648 base32 decoding. */
export function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 4648 base32 encoding. */
export function base32Encode(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

/** HOTP(K, C) per RFC 4226 §5.3: HMAC, dynamic truncation, modulo 10^digits. */
export function hotp(key: Buffer, counter: number, digits = 6, algorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 10 ** digits).toString().padStart(digits, '0');
}

/** An authenticator app: a TOTP code of a step not used yet, within one step of now. */
export class TotpDevice {
  private lastStep = -1;
  constructor(
    readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh code (the next unused step within the drift window); throws when all three are used. */
  code(): string {
    const step = Math.floor(this.now() / 30_000);
    const next = Math.max(step - 1, this.lastStep + 1);
    if (next > step + 1) throw new Error('three codes used in one step: advance the clock');
    this.lastStep = next;
    return hotp(base32Decode(this.secret), next);
  }

  /** A code already used (for replay tests). */
  usedCode(): string {
    return hotp(base32Decode(this.secret), this.lastStep);
  }
}

/** Enrols an authenticator app for a signed-in client; returns the device and the recovery codes. */
export async function enrolTotp(client: Client, now?: () => number): Promise<{ device: TotpDevice; recoveryCodes: string[]; factorId: string }> {
  const setup = await client.post('/auth/mfa/totp/setup', {});
  if (setup.status !== 200) throw new Error(`totp setup: ${setup.status} ${setup.text}`);
  const device = new TotpDevice(setup.body.secret, now);
  const enabled = await client.post('/auth/mfa/totp/enable', { factorId: setup.body.factorId, code: device.code() });
  if (enabled.status !== 200) throw new Error(`totp enable: ${enabled.status} ${enabled.text}`);
  return { device, recoveryCodes: enabled.body.recoveryCodes, factorId: setup.body.factorId };
}

/** Steps a signed-in client up with its authenticator app. */
export async function stepUpTotp(client: Client, device: TotpDevice): Promise<void> {
  const answer = await client.post('/auth/step-up', { method: 'totp', code: device.code() });
  if (answer.status !== 200) throw new Error(`step-up: ${answer.status} ${answer.text}`);
}

/**
 * Signs in someone who must enrol a factor first (root, an admin): the answer is
 * MFA_SETUP_REQUIRED, an app is enrolled with its setupToken, and that signs the client in.
 */
export async function signInEnrollingTotp(client: Client, email: string, password: string): Promise<TotpDevice> {
  const first = await client.signIn(email, password);
  if (first.body?.status !== 'MFA_SETUP_REQUIRED') throw new Error(`sign-in: ${first.status} ${first.text}`);
  const headers = { 'x-setup-token': first.body.setupToken as string };
  const setup = await client.post('/auth/mfa/totp/setup', {}, { headers });
  if (setup.status !== 200) throw new Error(`totp setup: ${setup.status} ${setup.text}`);
  const device = new TotpDevice(setup.body.secret);
  const enabled = await client.post('/auth/mfa/totp/enable', { factorId: setup.body.factorId, code: device.code() }, { headers });
  if (enabled.status !== 200 || enabled.body.status !== 'SIGNED_IN') throw new Error(`totp enable: ${enabled.status} ${enabled.text}`);
  client.csrfToken = enabled.body.csrfToken;
  return device;
}
