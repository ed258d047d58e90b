import type { Store } from '../openDatabase.js';
import type { MfaFactorRow } from '../schema.js';

/** Inserts a factor (pending while `enabled_at` is null). */
export async function insertFactor(db: Store, factor: MfaFactorRow): Promise<void> {
  await db.insertInto('mfa_factors').values(factor).execute();
}

/** The user's enabled factors, oldest first. */
export function listEnabledFactors(db: Store, userId: string): Promise<MfaFactorRow[]> {
  return db.selectFrom('mfa_factors').selectAll().where('user_id', '=', userId).where('enabled_at', 'is not', null).orderBy('created_at').orderBy('id').execute();
}

/** One factor of the user, enabled or pending. */
export function findUserFactor(db: Store, userId: string, factorId: string): Promise<MfaFactorRow | undefined> {
  return db.selectFrom('mfa_factors').selectAll().where('user_id', '=', userId).where('id', '=', factorId).executeTakeFirst();
}

/** True when the user has at least one enabled factor. */
export async function hasEnabledFactor(db: Store, userId: string): Promise<boolean> {
  return (await db.selectFrom('mfa_factors').select('id').where('user_id', '=', userId).where('enabled_at', 'is not', null).executeTakeFirst()) !== undefined;
}

/** Drops the user's pending enrolments of `type` (a new setup replaces them). */
export async function deletePendingFactors(db: Store, userId: string, type: string): Promise<void> {
  await db.deleteFrom('mfa_factors').where('user_id', '=', userId).where('type', '=', type).where('enabled_at', 'is', null).execute();
}

/** Enables a pending factor once: true only for the caller that flipped it. */
export async function enableFactor(db: Store, factorId: string, at: string, set: { counter?: number; last_step?: number } = {}): Promise<boolean> {
  const result = await db.updateTable('mfa_factors').set({ ...set, enabled_at: at, last_used_at: at }).where('id', '=', factorId).where('enabled_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records an accepted TOTP step, only if it is later than the last one: false when another
 * request accepted this step (or a later one) first, so a code is never accepted twice.
 */
export async function advanceTotpStep(db: Store, factorId: string, step: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('mfa_factors')
    .set({ last_step: step, last_used_at: at })
    .where('id', '=', factorId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves an HOTP counter from `from` to `to`, only if no one moved it first (RFC 4226 §7.2: a counter is used once). */
export async function advanceHotpCounter(db: Store, factorId: string, from: number, to: number, at: string): Promise<boolean> {
  const result = await db.updateTable('mfa_factors').set({ counter: to, last_used_at: at }).where('id', '=', factorId).where('counter', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes one factor of the user; true when it existed. */
export async function deleteFactor(db: Store, userId: string, factorId: string): Promise<boolean> {
  const result = await db.deleteFrom('mfa_factors').where('user_id', '=', userId).where('id', '=', factorId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Every factor of the user, enabled or pending (for the list). */
export function listFactors(db: Store, userId: string): Promise<MfaFactorRow[]> {
  return db.selectFrom('mfa_factors').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

/** Records that a factor was used. */
export async function touchFactor(db: Store, factorId: string, at: string): Promise<void> {
  await db.updateTable('mfa_factors').set({ last_used_at: at }).where('id', '=', factorId).execute();
}

/** The enabled factors' types of the given users, as (user, type) pairs. */
export function listEnabledFactorTypes(db: Store, userIds: string[]): Promise<Array<{ user_id: string; type: string }>> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('mfa_factors').select(['user_id', 'type']).where('user_id', 'in', userIds).where('enabled_at', 'is not', null).execute();
}
