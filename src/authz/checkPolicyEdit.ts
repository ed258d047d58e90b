import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GatehouseError, isGatehouseError } from '../errors/GatehouseError.js';
import { checkPolicyFile } from './checkPolicyFile.js';
import { isPolicyFile, loadPolicies, SCHEMA_FILE, type LoadedPolicies } from './loadPolicies.js';

/** A policy file's new text, judged before anything is saved. */
export interface PolicyEditCheck {
  valid: boolean;
  /** Every problem, located by line and column where Cedar says where; empty when valid. */
  errors: string[];
  /** The whole set with the edit in place, ready for Cedar; only when valid. */
  loaded?: LoadedPolicies;
}

/** A policy file's name as the folder holds it: `<name>.cedar`, no path, no dotfile. */
export const policyFileName = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.cedar$/;

/**
 * Checks `text` as the new content of the policy file `file` of `dir` WITHOUT saving it: the
 * file alone against the schema (strict mode), then the whole set with it in place, exactly as
 * the server loads it at start (so duplicate ids across files are found too).
 */
export async function checkPolicyEdit(dir: string, file: string, text: string): Promise<PolicyEditCheck> {
  if (!policyFileName.test(file) || !isPolicyFile(file)) throw new GatehouseError('VALIDATION_ERROR', 'file: must be a policy file name (name.cedar)');
  // Only files the folder holds: a new file would be a new policy set nobody reviewed at start.
  if (!(await readdir(dir)).includes(file)) throw new GatehouseError('NOT_FOUND', `No policy file ${file}`);
  const schema = await readFile(join(dir, SCHEMA_FILE), 'utf8');
  const own = checkPolicyFile(file, text, schema);
  if (own.problems.length > 0) return { valid: false, errors: own.problems };
  try {
    return { valid: true, errors: [], loaded: await loadPolicies(dir, { [file]: text }) };
  } catch (error) {
    if (!isGatehouseError(error, 'POLICY_INVALID')) throw error;
    // Named relative to the folder: the server's paths are nobody's business.
    return { valid: false, errors: [error.message.replaceAll(join(dir, '/'), '')] };
  }
}
