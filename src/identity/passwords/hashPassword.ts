import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, 2 iterations, 1 lane. */
export const argon2Parameters = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password into a PHC string with Argon2id at the OWASP parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Parameters);
}

/** Checks a password against a PHC string (the library compares in constant time). */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** True when `phc` was made with other parameters than today's, so sign-in should re-hash. */
export function needsRehash(phc: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  if (!match) return true;
  const [, m, t, p] = match;
  return Number(m) !== argon2Parameters.memoryCost || Number(t) !== argon2Parameters.timeCost || Number(p) !== argon2Parameters.parallelism;
}
