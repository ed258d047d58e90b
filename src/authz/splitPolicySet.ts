import { basename } from 'node:path';

import { policySetTextToParts, policyToJson } from './cedar.js';
import { formatCedarError } from './formatCedarError.js';
import { policyInvalid } from './policyInvalid.js';

/** One policy cut out of a `.cedar` file. */
export interface SourcePolicy {
  /** Its `@id("…")` annotation, or `<file name>#<index from 0>` when it has none. */
  id: string;
  /** The id Cedar gives it when the whole file is parsed as one set (`policy0`, `policy1`, …). */
  cedarId: string;
  /** Its source text, annotations included. */
  text: string;
}

/**
 * Splits one `.cedar` file into its policies, each named by its `@id` annotation, and throws
 * POLICY_INVALID naming `file` when the text does not parse.
 */
export function splitPolicySet(file: string, text: string): SourcePolicy[] {
  const parts = policySetTextToParts(text);
  if (parts.type === 'failure') {
    throw policyInvalid(file, parts.errors.map((error) => formatCedarError(text, error)));
  }
  // Templates need links (a policy store) that Gatehouse does not keep; only static policies ship.
  if (parts.policy_templates.length > 0) {
    throw policyInvalid(file, ['policy templates (?principal, ?resource) are not supported; write static policies']);
  }
  // Cedar names the file's policies policy0, policy1, … in source order, but hands the parts
  // back sorted by that name as a string (policy0, policy1, policy10, policy2, …). Sorting the
  // names the same way recovers each part's source index and its name in Cedar's diagnostics.
  const cedarIds = parts.policies.map((_, index) => `policy${index}`).sort();
  return parts.policies
    .map((policyText, sorted) => {
      const cedarId = cedarIds[sorted] ?? '';
      const index = Number(cedarId.slice('policy'.length));
      return { id: readId(file, policyText, index), cedarId, text: policyText, index };
    })
    .sort((a, b) => a.index - b.index)
    .map(({ id, cedarId, text: policyText }) => ({ id, cedarId, text: policyText }));
}

/** A policy's id is its `@id` annotation, the convention of AWS Verified Permissions and Cedar's tooling. */
function readId(file: string, policyText: string, index: number): string {
  const json = policyToJson(policyText);
  if (json.type === 'failure') {
    throw policyInvalid(file, json.errors.map((error) => formatCedarError(policyText, error)));
  }
  const id = json.json.annotations?.['id'];
  if (id === undefined) return `${basename(file)}#${index}`;
  // An empty id would make decisions and audit events name no policy at all.
  if (id.trim() === '') throw policyInvalid(file, [`policy #${index} has an empty @id`]);
  return id;
}
