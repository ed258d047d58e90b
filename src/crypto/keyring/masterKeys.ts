import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GatehouseError } from '../../errors/GatehouseError.js';

/** A 32-byte master key and its fingerprint. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The master keys of an instance: `current` wraps new data keys, every key in `all` can unwrap. */
export interface MasterKeys {
  current: MasterKey;
  all: Map<string, MasterKey>;
  /** Where they came from: rotation works differently for each. */
  source: 'env' | 'file';
}

const keyBytes = 32;

/** Fingerprint of a master key: short, stable, reveals nothing usable. */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update('gatehouse-master-key-id').update(key).digest('hex').slice(0, 16);
}

export function masterKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'master.key');
}

/** Folder of master keys replaced by a rotation, kept so values a running instance wrapped under them still open. */
export function retiredKeysDir(dataDir: string): string {
  return path.join(dataDir, 'keys', 'master-retired');
}

/**
 * Loads the master keys: from `GATEHOUSE_MASTER_KEY` (base64 keys separated by commas, the
 * first wraps) when given, otherwise `<data>/keys/master.key` (created at first start, 0600)
 * plus the retired keys of earlier rotations.
 */
export function loadMasterKeys(dataDir: string, fromEnv: string | undefined): MasterKeys {
  if (fromEnv) {
    const keys = fromEnv.split(',').map((text, index) => toKey(text, `GATEHOUSE_MASTER_KEY (key ${index + 1})`));
    return { current: keys[0]!, all: new Map(keys.map((k) => [k.id, k])), source: 'env' };
  }
  const file = masterKeyFile(dataDir);
  createKeyFileIfMissing(file);
  const current = toKey(fs.readFileSync(file, 'utf8'), file);
  const all = new Map([[current.id, current]]);
  const retired = retiredKeysDir(dataDir);
  if (fs.existsSync(retired)) {
    for (const name of fs.readdirSync(retired).filter((n) => n.endsWith('.key'))) {
      const key = toKey(fs.readFileSync(path.join(retired, name), 'utf8'), path.join(retired, name));
      all.set(key.id, key);
    }
  }
  return { current, all, source: 'file' };
}

/** A fresh master key in the text form its file and the environment variable hold. */
export function newMasterKeyText(): string {
  return randomBytes(keyBytes).toString('base64');
}

/** Writes `text` to `file` (0600) so that no reader ever sees half a key: a draft renamed into place. */
export function writeKeyFile(file: string, text: string, replace: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(draft, text.trim() + '\n', { mode: 0o600 });
  try {
    if (replace) fs.renameSync(draft, file);
    else fs.linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    if (fs.existsSync(draft)) fs.unlinkSync(draft);
  }
}

function createKeyFileIfMissing(file: string): void {
  // link() fails if another process created it first: both then read the winner's key.
  if (!fs.existsSync(file)) writeKeyFile(file, newMasterKeyText(), false);
}

function toKey(text: string, origin: string): MasterKey {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== keyBytes) {
    throw new GatehouseError('CONFIG_INVALID', `${origin}: a master key must be ${keyBytes} bytes in base64`);
  }
  return { id: masterKeyId(key), key };
}
