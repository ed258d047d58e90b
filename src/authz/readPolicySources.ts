import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPolicyFile, SCHEMA_FILE } from './loadPolicies.js';

/** The policies folder as text: what administrators read in the console. */
export interface PolicySources {
  schema: string;
  files: Array<{ name: string; text: string }>;
}

/** Reads the schema and every policy file of `dir`, as they are on disk now. */
export async function readPolicySources(dir: string): Promise<PolicySources> {
  const names = (await readdir(dir)).filter(isPolicyFile).sort();
  const files = await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
  return { schema: await readFile(join(dir, SCHEMA_FILE), 'utf8'), files };
}
