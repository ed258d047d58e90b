import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GatehouseError } from '../errors/GatehouseError.js';
import { checkPolicyEdit } from './checkPolicyEdit.js';
import { createAuthorizer } from './createAuthorizer.js';
import type { Authorizer } from './types.js';

/**
 * Saves `text` as the policy file `file` of `dir`, only when the whole set validates with it,
 * and returns the authorizer built from it. An invalid set is never written (VALIDATION_ERROR
 * naming the `policies` field, with each problem); nor is one under which `keepsAccess` (the
 * editor, and root, still allowed to edit policies) fails, so nobody is locked out of the console.
 * The file is replaced atomically (write beside it, then rename), so a crash leaves the old
 * file or the new one, never half of one.
 */
export async function savePolicyFile(dir: string, file: string, text: string, keepsAccess: (authorizer: Authorizer) => boolean): Promise<{ authorizer: Authorizer; policyIds: string[] }> {
  const check = await checkPolicyEdit(dir, file, text);
  if (!check.valid || !check.loaded) throw invalidSet(check.errors);
  const authorizer = createAuthorizer(check.loaded);
  if (!keepsAccess(authorizer)) throw invalidSet(['with this edit you, or root, could no longer edit the policies; keep the policies that let you both']);
  // A dotfile is never read as a policy file, should the rename not happen.
  const temporary = join(dir, `.${file}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, join(dir, file));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { authorizer, policyIds: authorizer.policyIds };
}

function invalidSet(errors: string[]): GatehouseError {
  return new GatehouseError('VALIDATION_ERROR', `policies: ${errors[0]}`, { details: { issues: errors.map((message) => ({ field: 'policies', message })) } });
}
