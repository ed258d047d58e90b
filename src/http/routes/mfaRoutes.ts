import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { enableHotp } from '../../mfa/enrol/enableHotp.js';
import { enableSms } from '../../mfa/enrol/enableSms.js';
import { enableTotp } from '../../mfa/enrol/enableTotp.js';
import type { Enrolled } from '../../mfa/enrol/completeEnrolment.js';
import { sessionEnrollee, setupEnrollee, type Enrollee } from '../../mfa/enrol/Enrollee.js';
import { regenerateRecoveryCodes } from '../../mfa/enrol/regenerateRecoveryCodes.js';
import { removeFactor } from '../../mfa/enrol/removeFactor.js';
import { e164, setupSms } from '../../mfa/enrol/setupSms.js';
import { setupTotp } from '../../mfa/enrol/setupTotp.js';
import { finishRegistration } from '../../mfa/webauthn/finishRegistration.js';
import { registrationResponse } from '../../mfa/webauthn/responseSchemas.js';
import { startRegistration } from '../../mfa/webauthn/startRegistration.js';
import { listFactors } from '../../mfa/listFactors.js';
import { maskPhone } from '../../mfa/sms/sendSmsCode.js';
import { mfaMethodNames } from '../../mfa/methods/mfaMethods.js';
import { challengeSignIn, completeSignIn } from '../../mfa/signIn/completeSignIn.js';
import { challengeStepUp, stepUp } from '../../mfa/stepUp.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';
import { readJson, readParams } from '../readInput.js';
import { signedInAnswer } from './signedInAnswer.js';

const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the token Gatehouse gave');
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const otp = z.string().trim().regex(/^\d{6,8}$/, 'must be the code shown (digits)');
// Digits of an OTP or SMS, or a recovery code such as `abcde-fghjk`.
const anyCode = z.string().trim().min(6).max(32);
const method = z.enum(mfaMethodNames);
const label = z.string().trim().min(1).max(100);

const secondStep = z.strictObject({ mfaToken: token, method, code: anyCode.optional(), response: z.unknown().optional() });
const challenge = z.strictObject({ mfaToken: token, method });
const stepUpInput = z.strictObject({ method, code: anyCode.optional(), response: z.unknown().optional() });
const stepUpChallenge = z.strictObject({ method });
const seed = z.string().trim().min(16).max(128);
// `secret` only for a TOTP hardware token, whose seed is printed on its card.
const totpSetup = z.strictObject({ label: label.optional(), secret: seed.optional() });
const factorCode = z.strictObject({ factorId: id, code: otp });
const hotpEnable = z.strictObject({ secret: seed, code: otp, label });
const smsSetup = z.strictObject({ phone: z.string().trim().regex(e164, 'must be an E.164 number such as +14155550123') });
const factorParam = z.object({ id });
const webauthnRegistration = z.strictObject({ response: registrationResponse, label: label.optional() });

/**
 * The MFA routes of the contract: the second step of sign-in, step-up, and enrolment. Enrolment
 * is open to a session signed in within ten minutes, or to root/an admin whose sign-in answered
 * MFA_SETUP_REQUIRED, with its `setupToken` in the `X-Setup-Token` header.
 */
export function mfaRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const signedIn = requireCaller(runtime.hmacKey);
  const origin = (c: Context<HttpEnv>) => ({ sourceIp: c.var.sourceIp, userAgent: c.req.header('user-agent') ?? null });

  async function enrolleeOf(c: Context<HttpEnv>): Promise<Enrollee> {
    const setupToken = c.req.header('x-setup-token');
    if (setupToken !== undefined) {
      if (!token.safeParse(setupToken).success) throw new GatehouseError('UNAUTHENTICATED', 'The setup token is unknown, used or expired; sign in again');
      return setupEnrollee(runtime, setupToken);
    }
    // The same checks as every signed-in route: a session, and its CSRF token on unsafe requests.
    await signedIn(c, async () => {});
    return await sessionEnrollee(runtime, c.var.caller!);
  }

  // Enabling with a setupToken is also the way in: it answers SIGNED_IN with the cookie.
  const enrolledAnswer = (c: Context<HttpEnv>, enrolled: Enrolled) => {
    const extra = enrolled.recoveryCodes ? { recoveryCodes: enrolled.recoveryCodes } : {};
    return enrolled.signedIn ? signedInAnswer(c, runtime, enrolled.signedIn, extra) : c.json({ status: 'ENABLED', ...extra });
  };

  app.post('/sign-in/mfa/challenge', event('SignInMfaChallenge'), async (c) => {
    return c.json(await challengeSignIn(runtime, await readJson(c, challenge)));
  });

  app.post('/sign-in/mfa', event('SignInMfa'), async (c) => {
    const { mfaToken, method, code, response } = await readJson(c, secondStep);
    const result = await completeSignIn(runtime, { mfaToken, method, proof: { code, response }, origin: origin(c) }, c.var.transact);
    return signedInAnswer(c, runtime, result);
  });

  app.post('/step-up/challenge', event('StepUpChallenge'), signedIn, async (c) => {
    const input = await readJson(c, stepUpChallenge);
    return c.json(await challengeStepUp(runtime, c.var.caller!, input.method));
  });

  app.post('/step-up', event('StepUp'), signedIn, async (c) => {
    const { method, code, response } = await readJson(c, stepUpInput);
    const { authenticatedAt } = await stepUp(runtime, c.var.caller!, { method, proof: { code, response } }, c.var.transact);
    return c.json({ status: 'STEPPED_UP', mfa: true, authenticatedAt });
  });

  app.get('/mfa', event('ListMfaFactors'), signedIn, async (c) => c.json(await listFactors(runtime, c.var.caller!.user.id)));

  app.delete('/mfa/:id', event('DeleteMfaFactor', 204), async (c) => {
    const enrollee = await enrolleeOf(c);
    await removeFactor(runtime, enrollee, readParams(c, factorParam).id, c.var.transact);
    return c.body(null, 204);
  });

  app.post('/mfa/totp/setup', event('SetupTotp'), async (c) => {
    const enrollee = await enrolleeOf(c);
    return c.json(await setupTotp(runtime, enrollee, await readJson(c, totpSetup), c.var.transact));
  });

  app.post('/mfa/totp/enable', event('EnableTotp'), async (c) => {
    const enrollee = await enrolleeOf(c);
    const input = await readJson(c, factorCode);
    return enrolledAnswer(c, await enableTotp(runtime, enrollee, { ...input, origin: origin(c) }, c.var.transact));
  });

  app.post('/mfa/hotp/enable', event('EnableHotp'), async (c) => {
    const enrollee = await enrolleeOf(c);
    const input = await readJson(c, hotpEnable);
    return enrolledAnswer(c, await enableHotp(runtime, enrollee, { ...input, origin: origin(c) }, c.var.transact));
  });

  app.post('/mfa/sms/setup', event('SetupSms'), async (c) => {
    const enrollee = await enrolleeOf(c);
    const input = await readJson(c, smsSetup);
    // The number is sealed at rest, so the audit trail keeps only its masked form.
    c.set('requestParameters', { phone: maskPhone(input.phone) });
    return c.json(await setupSms(runtime, enrollee, input, c.var.transact));
  });

  app.post('/mfa/sms/enable', event('EnableSms'), async (c) => {
    const enrollee = await enrolleeOf(c);
    const input = await readJson(c, factorCode);
    return enrolledAnswer(c, await enableSms(runtime, enrollee, { ...input, origin: origin(c) }, c.var.transact));
  });

  app.post('/mfa/webauthn/register/options', event('SetupWebAuthn'), async (c) => {
    const enrollee = await enrolleeOf(c);
    return c.json(await startRegistration(runtime, enrollee, c.var.transact));
  });

  app.post('/mfa/webauthn/register/verify', event('EnableWebAuthn'), async (c) => {
    const enrollee = await enrolleeOf(c);
    const input = await readJson(c, webauthnRegistration);
    return enrolledAnswer(c, await finishRegistration(runtime, enrollee, { ...input, origin: origin(c) }, c.var.transact));
  });

  app.post('/mfa/recovery/regenerate', event('RegenerateRecoveryCodes'), async (c) => {
    const enrollee = await enrolleeOf(c);
    return c.json({ recoveryCodes: await regenerateRecoveryCodes(runtime, enrollee, c.var.transact) });
  });

  return app;
}
