import fs from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../clock/clock.js';
import type { Deliver, Message } from './Deliver.js';

/**
 * The provider used when none is configured: each message becomes
 * `<dataDir>/outbox/<timestamp>-<channel>-<recipient>.json` (DESIGN.md, Outbox).
 */
export function writeToOutbox(dataDir: string, clock: Clock): Deliver {
  const dir = path.join(dataDir, 'outbox');
  return async (message: Message) => {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const recipient = message.to.replace(/[^A-Za-z0-9@.+_-]/g, '_');
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
