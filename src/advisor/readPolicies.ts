import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { policyToJson } from '../authz/cedar.js';
import { splitPolicySet } from '../authz/splitPolicySet.js';

/** A scope of Cedar's JSON policy format: `All`, or `==`/`in` an entity (or a list of actions). */
export interface CedarScope {
  op: string;
  entity?: { type: string; id: string };
  entities?: Array<{ type: string; id: string }>;
}

/** One policy read from the policies folder, with Cedar's JSON form of it. */
export interface ReadPolicy {
  file: string;
  id: string;
  effect: 'permit' | 'forbid';
  principal: CedarScope;
  action: CedarScope;
  resource: CedarScope;
  conditions: Array<{ kind: 'when' | 'unless'; body: unknown }>;
}

/** Every policy of every `*.cedar` file in `dir`, as the server would load it at its next start; throws POLICY_INVALID when one does not parse. */
export async function readPolicies(dir: string): Promise<ReadPolicy[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.cedar') && !name.startsWith('.')).sort();
  const policies: ReadPolicy[] = [];
  for (const name of files) {
    const file = join(dir, name);
    for (const policy of splitPolicySet(file, await readFile(file, 'utf8'))) {
      const parsed = policyToJson(policy.text);
      // splitPolicySet has parsed each part already: a failure here would be Cedar disagreeing with itself.
      if (parsed.type === 'failure') throw new Error(`${file}: policy "${policy.id}" does not convert to JSON`);
      const json = parsed.json as unknown as Omit<ReadPolicy, 'file' | 'id'>;
      policies.push({ file, id: policy.id, effect: json.effect, principal: json.principal, action: json.action, resource: json.resource, conditions: json.conditions ?? [] });
    }
  }
  return policies;
}
