import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Keyring, SealedField } from './Keyring.js';
import type { MasterKeys } from './masterKeys.js';

const version = 'gk1';
const ivBytes = 12;
const tagBytes = 16;

/**
 * The keyring over `keys`. A sealed value reads `gk1.<masterKeyId>.<wrapped data key>.<iv>.<ciphertext>.<tag>`
 * (base64url parts). `reload` is asked for fresh keys when a value names a master key this
 * instance does not know yet: another process rotated, and this one keeps serving.
 */
export function createKeyring(keys: MasterKeys, reload?: () => MasterKeys): Keyring {
  let current = keys;

  const masterKey = (id: string) => {
    let found = current.all.get(id);
    if (!found && reload) {
      current = reload();
      found = current.all.get(id);
    }
    if (!found) throw new GatehouseError('INTERNAL_ERROR', `A sealed value names master key ${id}, which this instance does not have`);
    return found.key;
  };

  const unwrapDataKey = (parts: string[], where: SealedField) => decrypt(masterKey(parts[1]!), fromB64(parts[2]!), context('data-key', where));

  return {
    get currentKeyId() {
      return current.current.id;
    },
    seal(plaintext, where) {
      const dataKey = randomBytes(32);
      const wrapped = encrypt(current.current.key, dataKey, context('data-key', where));
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', dataKey, iv).setAAD(context('value', where));
      const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
      return [version, current.current.id, b64(wrapped), b64(iv), b64(body), b64(cipher.getAuthTag())].join('.');
    },
    open(sealed, where) {
      const parts = split(sealed);
      const dataKey = unwrapDataKey(parts, where);
      try {
        const decipher = createDecipheriv('aes-256-gcm', dataKey, fromB64(parts[3]!)).setAAD(context('value', where));
        decipher.setAuthTag(fromB64(parts[5]!));
        return Buffer.concat([decipher.update(fromB64(parts[4]!)), decipher.final()]);
      } catch (error) {
        throw cannotOpen(where, error);
      }
    },
    openText(sealed, where) {
      return this.open(sealed, where).toString('utf8');
    },
    rewrap(sealed, where) {
      const parts = split(sealed);
      if (parts[1] === current.current.id) return sealed;
      const dataKey = unwrapDataKey(parts, where);
      return [version, current.current.id, b64(encrypt(current.current.key, dataKey, context('data-key', where))), parts[3], parts[4], parts[5]].join('.');
    },
    keyIdOf(sealed) {
      return split(sealed)[1]!;
    },
  };
}

/** Associated data: the purpose and the value's place, unambiguous (JSON array) so no two places collide. */
function context(purpose: 'data-key' | 'value', where: SealedField): Buffer {
  return Buffer.from(JSON.stringify(['gatehouse', purpose, where.table, where.column, where.rowId]), 'utf8');
}

/** AES-256-GCM: iv ‖ ciphertext ‖ tag. */
function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, packed: Buffer, aad: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, ivBytes)).setAAD(aad);
    decipher.setAuthTag(packed.subarray(packed.length - tagBytes));
    return Buffer.concat([decipher.update(packed.subarray(ivBytes, packed.length - tagBytes)), decipher.final()]);
  } catch (error) {
    throw cannotOpen(undefined, error);
  }
}

function split(sealed: string): string[] {
  const parts = sealed.split('.');
  if (parts.length !== 6 || parts[0] !== version) throw new GatehouseError('INTERNAL_ERROR', 'Not a sealed value');
  return parts;
}

function cannotOpen(where: SealedField | undefined, cause: unknown): GatehouseError {
  // Wrong place, wrong key or altered bytes look the same from here: GCM only says "not authentic".
  const place = where ? ` (${where.table}.${where.column})` : '';
  return new GatehouseError('INTERNAL_ERROR', `A sealed value failed authentication${place}: moved, altered or under another key`, { cause });
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function fromB64(text: string): Buffer {
  return Buffer.from(text, 'base64url');
}
