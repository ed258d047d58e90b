import { sendInBackground } from '../../delivery/sendInBackground.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { issueCode, type CodePurpose } from '../../identity/codes/issueCode.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { claimTry, type TryLimit } from '../claimTry.js';
import { saveCode } from '../../store/repositories/codes.js';

// SMS costs money and can annoy a victim: three per ten minutes and ten a day per user.
const sendLimit: TryLimit = { short: { max: 3, windowMs: 10 * 60_000 }, day: { max: 10, windowMs: 24 * 3_600_000 } };

/**
 * Sends a one-time code by SMS (ten minutes, single use, 8 digits). Its tries are counted per
 * user, not per code (checkCode), so asking for another code does not reset the failures.
 */
export async function sendSmsCode(runtime: Runtime, userId: string, phone: string, purpose: Extract<CodePurpose, 'mfa-sms' | 'mfa-sms-enrol'>): Promise<void> {
  if (!(await claimTry(runtime, userId, 'sms-send', sendLimit))) throw new GatehouseError('RATE_LIMITED', 'Too many text messages asked for; try again later', { headers: { 'Retry-After': String(sendLimit.short.windowMs / 1000) } });
  const { row, code } = issueCode(runtime, userId, purpose);
  await saveCode(runtime.db, row);
  sendInBackground(runtime, { channel: 'sms', to: phone, subject: 'Gatehouse code', text: `Your Gatehouse code is ${code}. It expires in 10 minutes.`, code });
}

/** A phone number shown to its owner without giving it away: `+•••••••67`. */
export function maskPhone(phone: string): string {
  return `+${'•'.repeat(Math.max(phone.length - 3, 0))}${phone.slice(-2)}`;
}
