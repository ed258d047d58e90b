import type { Runtime } from '../runtime/Runtime.js';
import type { Message } from './Deliver.js';

/**
 * Hands a message to the provider without waiting for it, as a mail queue would: the answer
 * then takes the same time whether or not a message went out, so it cannot tell which
 * addresses are registered. A failure is logged without the message's text or code.
 */
export function sendInBackground(runtime: Pick<Runtime, 'deliver' | 'logger'>, message: Message): void {
  runtime.deliver(message).catch((error: unknown) => {
    runtime.logger.error({ channel: message.channel, reason: (error as NodeJS.ErrnoException)?.code ?? 'unknown' }, 'message not delivered');
  });
}
