import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { MfaFactorRow } from '../../store/schema.js';
import { sealFactorSecret } from '../factorSecret.js';

/** A new, still pending factor row of the enrollee, its seed or number sealed to the row. */
export function newFactorRow(runtime: Pick<Runtime, 'keyring' | 'clock'>, input: { userId: string; type: string; label: string; secret: string }): MfaFactorRow {
  const id = randomUUID();
  return {
    id,
    user_id: input.userId,
    type: input.type,
    label: input.label,
    secret: sealFactorSecret(runtime, id, input.secret),
    counter: null,
    last_step: null,
    enabled_at: null,
    last_used_at: null,
    created_at: isoAt(runtime.clock()),
  };
}
