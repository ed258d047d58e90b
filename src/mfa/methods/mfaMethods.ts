import { GatehouseError } from '../../errors/GatehouseError.js';
import { hotpMethod } from './hotpMethod.js';
import type { MfaAttempt, MfaMethod, MfaMethodName } from './MfaMethod.js';
import { recoveryMethod } from './recoveryMethod.js';
import { smsMethod } from './smsMethod.js';
import { totpMethod } from './totpMethod.js';
import { webauthnMethod } from './webauthnMethod.js';

/** Every second-step method, in the order `methods` lists them: add a method here (one line). */
export const mfaMethods: readonly MfaMethod[] = [totpMethod, hotpMethod, smsMethod, webauthnMethod, recoveryMethod];

/** The names a request may ask for, for zod at the edge. */
export const mfaMethodNames = ['totp', 'hotp', 'sms', 'webauthn', 'recovery'] as const satisfies readonly MfaMethodName[];

/** The methods this user can use, in order. */
export async function offeredMethods(attempt: MfaAttempt): Promise<MfaMethodName[]> {
  const offered: MfaMethodName[] = [];
  for (const method of mfaMethods) if (await method.offered(attempt)) offered.push(method.method);
  return offered;
}

/** The method named `name`, if this user can use it; otherwise a 400 naming what they can use. */
export async function offeredMethod(attempt: MfaAttempt, name: string): Promise<MfaMethod> {
  const method = mfaMethods.find((m) => m.method === name);
  if (!method || !(await method.offered(attempt))) {
    throw new GatehouseError('VALIDATION_ERROR', `method: not one of this account's methods (${(await offeredMethods(attempt)).join(', ')})`);
  }
  return method;
}
