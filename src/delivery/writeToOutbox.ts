import fs from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../clock/clock.js';
import { sha256Hex } from '../crypto/digest.js';
import type { Deliver, Message } from './Deliver.js';

/**
 * The provider used when none is configured: each message becomes
 * `<dataDir>/outbox/<timestamp>-<channel>-<recipient>.json` (DESIGN.md, Outbox).
 */
export function writeToOutbox(dataDir: string, clock: Clock): Deliver {
  const dir = path.join(dataDir, 'outbox');
  return async (message: Message) => {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const recipient = fileSafe(message.to);
    const body = JSON.stringify({ channel: message.channel, to: message.to, subject: message.subject, text: message.text, code: message.code ?? null }, null, 2);
    // Two messages in the same millisecond get the next free timestamp, so none is lost.
    for (let ms = clock(); ; ms++) {
      const file = path.join(dir, `${ms}-${message.channel}-${recipient}.json`);
      try {
        await fs.writeFile(file, body + '\n', { flag: 'wx', mode: 0o600 });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  };
}

// A file name holds 255 bytes: a long address keeps its start and a hash of the whole.
function fileSafe(address: string): string {
  const safe = address.replace(/[^A-Za-z0-9@.+_-]/g, '_');
  return safe.length <= 100 ? safe : `${safe.slice(0, 80)}~${sha256Hex(address).slice(0, 12)}`;
}
