import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/loadConfig.js';
import type { Deliver } from './Deliver.js';
import { writeToOutbox } from './writeToOutbox.js';

/**
 * The provider of each channel: SMTP and SNS when configured, the outbox otherwise. The AWS SDK
 * and nodemailer are loaded only when configured: they are a second of start-up (every CLI
 * command, every Lambda cold start) that an instance using the outbox never needs.
 */
export async function chooseDelivery(config: Config, clock: Clock): Promise<Deliver> {
  const outbox = writeToOutbox(config.dataDir, clock);
  const email = config.smtpUrl ? (await import('./sendBySmtp.js')).sendBySmtp(config.smtpUrl, config.mailFrom) : outbox;
  const sms = config.smsProvider === 'sns' ? (await import('./sendBySns.js')).sendBySns(config.snsEndpoint ? { endpoint: config.snsEndpoint } : {}) : outbox;
  return (message) => (message.channel === 'email' ? email(message) : sms(message));
}
