import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { checkParseSchema } from './cedar.js';
import { checkPolicyFile } from './checkPolicyFile.js';
import { formatCedarError } from './formatCedarError.js';
import { policyInvalid } from './policyInvalid.js';
import type { SourcePolicy } from './splitPolicySet.js';

/** A schema and the policies validated against it, ready to hand to Cedar. */
export interface LoadedPolicies {
  /** The schema in Cedar's schema syntax. */
  schema: string;
  /** Each policy's text by its id, in file then source order. */
  policies: Record<string, string>;
}

/** The schema's file name in the policies folder. */
export const SCHEMA_FILE = 'schema.cedarschema';

/**
 * Reads `<dir>/schema.cedarschema` and every `<dir>/*.cedar`, and throws POLICY_INVALID naming
 * the file when the schema is missing, a policy does not parse or fails strict validation, or
 * two policies share an id. `edited` stands in for the text of the files it names (a policy edit
 * checked before it is saved).
 */
export async function loadPolicies(dir: string, edited: Readonly<Record<string, string>> = {}): Promise<LoadedPolicies> {
  const schema = await readSchema(join(dir, SCHEMA_FILE));
  const files = (await listDir(dir)).filter(isPolicyFile).sort();
  // An empty directory is almost surely the wrong one; serving from it would deny every request.
  if (files.length === 0) throw policyInvalid(dir, ['no .cedar policy files']);

  // No prototype: an `@id("__proto__")` must be a policy, not vanish into Object.prototype.
  const policies = Object.create(null) as Record<string, string>;
  const fileOf = new Map<string, string>();
  for (const name of files) {
    const file = join(dir, name);
    for (const policy of await readPolicyFile(file, schema, Object.hasOwn(edited, name) ? edited[name] : undefined)) {
      const other = fileOf.get(policy.id);
      if (other !== undefined) {
        throw policyInvalid(file, [`duplicate policy id "${policy.id}" (also in ${other})`]);
      }
      fileOf.set(policy.id, file);
      policies[policy.id] = policy.text;
    }
  }
  return { schema, policies };
}

/** A policy file of the folder: `*.cedar`, skipping dotfiles: editors leave lock files such as `.#grades.cedar` beside the real ones. */
export function isPolicyFile(name: string): boolean {
  return name.endsWith('.cedar') && !name.startsWith('.');
}

async function readSchema(file: string): Promise<string> {
  const schema = await readText(file);
  // Without a schema nothing can be validated, and an unvalidated policy may silently never apply.
  if (schema === undefined) throw policyInvalid(file, ['missing; policies are validated against it']);
  const parsed = checkParseSchema(schema);
  if (parsed.type === 'failure') {
    throw policyInvalid(file, parsed.errors.map((error) => formatCedarError(schema, error)));
  }
  return schema;
}

/** Splits one file into its policies and validates them in Cedar's strict mode. */
async function readPolicyFile(file: string, schema: string, editedText: string | undefined): Promise<SourcePolicy[]> {
  const text = editedText ?? (await readText(file));
  if (text === undefined) throw policyInvalid(file, ['missing']);
  const { policies, problems } = checkPolicyFile(file, text, schema);
  if (problems.length > 0) throw policyInvalid(file, problems);
  return policies;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    throw policyInvalid(dir, [`cannot be listed (${(error as Error).message})`]);
  }
}

/** The file's text, or undefined when it does not exist. */
async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw policyInvalid(file, [`cannot be read (${(error as Error).message})`]);
  }
}
