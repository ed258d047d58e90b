import nodemailer from 'nodemailer';
import type { Deliver } from './Deliver.js';

/**
 * E-mail through the SMTP server of `url`: `smtp://[user:pass@]host[:port]` upgrades with
 * STARTTLS whenever the server offers it, `smtps://` is TLS from the start. Certificates are
 * always verified: a private CA comes in through `ca` (or Node's NODE_EXTRA_CA_CERTS).
 */
export function sendBySmtp(url: string, from: string, ca?: string | Buffer): Deliver {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(ca ? { ca } : {}) },
  });
  return async (message) => {
    await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
  };
}
