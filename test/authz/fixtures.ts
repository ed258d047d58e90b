import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AuthorizationRequest, CedarEntity, EntityUid } from '../../src/authz/index.js';

/** The policies directory that ships with Gatehouse. */
export const shippedPolicies = fileURLToPath(new URL('../../policies', import.meta.url));

/** A user entity, member of the named groups. */
export function user(id: string, groups: string[] = []): CedarEntity {
  return { uid: { type: 'User', id }, attrs: { email: `${id}@school.test` }, parents: groups.map((group) => ({ type: 'Group', id: group })) };
}

/** A grade entity filed under `studentId`. */
export function grade(id: string, studentId: string): CedarEntity {
  return { uid: { type: 'Grade', id }, attrs: { student: ref('User', studentId), course: 'maths' }, parents: [] };
}

/** An order entity owned by `ownerId`. */
export function order(id: string, ownerId: string): CedarEntity {
  return { uid: { type: 'Order', id }, attrs: { owner: ref('User', ownerId), status: 'OPEN' }, parents: [] };
}

/** The store entity, the resource an order is created in. */
export const store: CedarEntity = { uid: { type: 'Store', id: 'main' }, attrs: {}, parents: [] };

/** The context of a session that proved a second factor just now. */
export const freshMfa = { mfa: true, authAge: 0 };

/** A request whose principal and resource are the first and last of `entities`, without MFA unless `context` says so. */
export function ask(action: string, entities: CedarEntity[], resource?: EntityUid, context: Record<string, unknown> = { mfa: false }): AuthorizationRequest {
  const principal = entities[0]?.uid;
  const target = resource ?? entities.at(-1)?.uid;
  if (!principal || !target) throw new Error('ask needs a principal and a resource');
  return { principal, action, resource: target, context, entities };
}

function ref(type: string, id: string): { __entity: EntityUid } {
  return { __entity: { type, id } };
}

/** A temporary policy directory with the shipped schema (unless replaced) and `files`. */
export async function policyDir(files: Record<string, string>, schema?: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-authz-'));
  const schemaText = schema ?? (await readFile(join(shippedPolicies, 'schema.cedarschema'), 'utf8'));
  await writeFile(join(dir, 'schema.cedarschema'), schemaText);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
