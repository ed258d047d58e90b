import type { Runtime } from '../runtime/Runtime.js';
import { listFactors as listFactorRows } from '../store/repositories/mfaFactors.js';
import { countUnusedRecoveryCodes } from '../store/repositories/recoveryCodes.js';

/** `GET /auth/mfa`: the user's factors and how many recovery codes are left, never a seed or a number. */
export async function listFactors(runtime: Pick<Runtime, 'db'>, userId: string) {
  const rows = await listFactorRows(runtime.db, userId);
  return {
    factors: rows.map((row) => ({
      id: row.id,
      type: row.type,
      label: row.label,
      enabled: row.enabled_at !== null,
      createdAt: row.created_at,
      enabledAt: row.enabled_at,
      lastUsedAt: row.last_used_at,
    })),
    recoveryCodesLeft: await countUnusedRecoveryCodes(runtime.db, userId),
  };
}
