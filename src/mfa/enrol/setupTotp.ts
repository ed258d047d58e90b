import QRCode from 'qrcode';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { deletePendingFactors, insertFactor } from '../../store/repositories/mfaFactors.js';
import { isUsableSeed, newOtpSecret, normalizeSeed, otpauthUri } from '../otp/otpCodes.js';
import { actingAs, type Enrollee } from './Enrollee.js';
import { newFactorRow } from './newFactorRow.js';

/** The issuer authenticator apps show next to the account. */
export const totpIssuer = 'Gatehouse';

/**
 * `POST /auth/mfa/totp/setup`: a new seed, sealed in a pending factor (replacing any earlier
 * pending one), handed out once as base32, `otpauth://` URI and QR code (SVG). A TOTP hardware
 * token brings its own seed (`secret`, from its card) and takes the same path.
 */
export async function setupTotp(runtime: Runtime, enrollee: Enrollee, input: { label?: string; secret?: string }, transact: Transact) {
  const secret = input.secret === undefined ? newOtpSecret() : normalizeSeed(input.secret);
  if (!isUsableSeed(secret)) throw new GatehouseError('VALIDATION_ERROR', 'secret: must be the base32 seed of the token (at least 80 bits)');
  const row = newFactorRow(runtime, { userId: enrollee.user.id, type: 'totp', label: input.label ?? 'Authenticator app', secret });
  const uri = otpauthUri(secret, totpIssuer, enrollee.user.email);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  await transact(async (trx) => {
    await deletePendingFactors(trx, enrollee.user.id, 'totp');
    await insertFactor(trx, row);
    // The seed, URI and QR code stay out of the audit trail: only the factor's id is recorded.
    return { ...actingAs(enrollee), factorId: row.id, mfa: { factorType: 'totp', outcome: 'SETUP' } };
  });
  return { factorId: row.id, secret, otpauthUri: uri, qrSvg };
}
