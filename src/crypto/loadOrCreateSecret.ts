import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { GatehouseError } from '../errors/GatehouseError.js';

const secretBytes = 32;

/**
 * Reads the 32-byte secret `<dataDir>/keys/<name>.key`, creating it from the CSPRNG
 * (mode 0600, in a 0700 folder) on first use. A file of any other length stops the start.
 */
export function loadOrCreateSecret(dataDir: string, name: string): Buffer {
  const dir = path.join(dataDir, 'keys');
  const file = path.join(dir, `${name}.key`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    // Written aside, then linked into place: link fails if another process won the race,
    // and nobody ever reads a half-written key.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, randomBytes(secretBytes).toString('base64') + '\n', { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  const secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length !== secretBytes) {
    throw new GatehouseError('CONFIG_INVALID', `${file}: a key must be ${secretBytes} bytes in base64; restore it from a backup`);
  }
  return secret;
}
