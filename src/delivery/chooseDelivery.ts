import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/loadConfig.js';
import type { Deliver } from './Deliver.js';
import { sendBySmtp } from './sendBySmtp.js';
import { sendBySns } from './sendBySns.js';
import { writeToOutbox } from './writeToOutbox.js';

/** The provider of each channel: SMTP and SNS when configured, the outbox otherwise. */
export function chooseDelivery(config: Config, clock: Clock): Deliver {
  const outbox = writeToOutbox(config.dataDir, clock);
  const email = config.smtpUrl ? sendBySmtp(config.smtpUrl, config.mailFrom) : outbox;
  const sms = config.smsProvider === 'sns' ? sendBySns(config.snsEndpoint ? { endpoint: config.snsEndpoint } : {}) : outbox;
  return (message) => (message.channel === 'email' ? email(message) : sms(message));
}
