import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { chooseDelivery } from '../../src/delivery/chooseDelivery.js';
import { sendBySmtp } from '../../src/delivery/sendBySmtp.js';
import { sendBySns } from '../../src/delivery/sendBySns.js';
import { selfSignedCertificate } from '../../src/tls/ensureCertificate.js';
import { startTestServer, tempDataDir } from '../support/testServer.js';

interface Received {
  from: string;
  to: string[];
  user?: string;
  secure: boolean;
  data: string;
}

const closers: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const close of closers) await close();
});

/** A real SMTP server on a random loopback port, recording what it accepts. */
async function smtpServer(options: { tls?: { key: string; cert: string } } = {}): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { hideSTARTTLS: true }),
    authOptional: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 'p@ss word') callback(null, { user: auth.username });
      else callback(new Error('bad credentials'));
    },
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
          data,
        });
        callback();
      });
    },
    logger: false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, received };
}

/** A local HTTP endpoint standing in for SNS: records each signed request and answers as SNS does. */
async function snsEndpoint(): Promise<{ url: string; requests: Array<{ headers: http.IncomingHttpHeaders; body: string }> }> {
  const requests: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      if (String(req.headers['content-type']).includes('json')) {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify({ MessageId: 'm-1' }));
      } else {
        res
          .writeHead(200, { 'content-type': 'text/xml' })
          .end('<PublishResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const message = { channel: 'email' as const, to: 'ada@school.test', subject: 'Your Gatehouse code', text: 'Your code is 12345678', code: '12345678' };

describe('e-mail through SMTP', () => {
  it('upgrades to TLS, verifies the certificate, authenticates and delivers', async () => {
    const tls = await selfSignedCertificate(['localhost'], ['127.0.0.1']);
    const smtp = await smtpServer({ tls });
    await sendBySmtp(`smtp://mailer:${encodeURIComponent('p@ss word')}@127.0.0.1:${smtp.port}`, 'gatehouse@school.test', tls.cert)(message);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail).toMatchObject({ from: 'gatehouse@school.test', to: ['ada@school.test'], user: 'mailer', secure: true });
    expect(mail!.data).toContain('Subject: Your Gatehouse code');
    expect(mail!.data).toContain('Your code is 12345678');
  });

  it('refuses a server whose certificate it cannot verify, and sends nothing', async () => {
    const smtp = await smtpServer({ tls: await selfSignedCertificate(['localhost'], ['127.0.0.1']) });
    await expect(sendBySmtp(`smtp://127.0.0.1:${smtp.port}`, 'gatehouse@school.test')(message)).rejects.toThrow(/certificate/);
    expect(smtp.received).toHaveLength(0);
  });

  it('carries the sign-up code to the SMTP server, not the outbox, when GATEHOUSE_SMTP_URL is set', async () => {
    const smtp = await smtpServer();
    const server = await startTestServer({ GATEHOUSE_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, GATEHOUSE_MAIL_FROM: 'no-reply@school.test' }, { deliver: undefined });
    closers.push(() => server.close());
    const answer = await server.client().post('/auth/sign-up', { email: 'grace@school.test', password: 'plum tomato harbour 42' });
    expect(answer.status).toBe(201);
    for (let i = 0; i < 100 && smtp.received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: 'no-reply@school.test', to: ['grace@school.test'] });
    expect(smtp.received[0]!.data).toMatch(/\b\d{8}\b/);
    expect(await server.outbox()).toEqual([]);
  });
});

describe('SMS through Amazon SNS', () => {
  it('publishes to the phone number as a transactional SMS, in a SigV4-signed request', async () => {
    const sns = await snsEndpoint();
    const send = sendBySns({ endpoint: sns.url, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDGATEHOUSETEST', secretAccessKey: 'not-a-real-secret' } });
    await send({ channel: 'sms', to: '+15555550100', subject: 'Gatehouse code', text: 'Your code is 654321', code: '654321' });
    expect(sns.requests).toHaveLength(1);
    const [request] = sns.requests;
    expect(request!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDGATEHOUSETEST\/\d{8}\/eu-west-1\/sns\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(request!.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request!.headers.authorization).not.toContain('not-a-real-secret');
    const body = decodeURIComponent(request!.body.replace(/\+/g, ' '));
    expect(body).toContain('Publish');
    expect(body).toContain('+15555550100');
    expect(body).toContain('Your code is 654321');
    expect(body).toContain('Transactional');
  });

  it('sends SMS through SNS and e-mail to the outbox when only GATEHOUSE_SMS_PROVIDER=sns is set', async () => {
    const sns = await snsEndpoint();
    const dataDir = tempDataDir();
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDGATEHOUSETEST', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' });
    const config = loadConfig({ GATEHOUSE_SMS_PROVIDER: 'sns', GATEHOUSE_SNS_ENDPOINT: sns.url }, { dataDir });
    const deliver = await chooseDelivery(config, () => Date.now());
    await deliver({ channel: 'sms', to: '+447700900123', subject: 'Gatehouse code', text: 'Your code is 111222', code: '111222' });
    await deliver(message);
    expect(sns.requests).toHaveLength(1);
    expect(decodeURIComponent(sns.requests[0]!.body)).toContain('+447700900123');
    const { default: fs } = await import('node:fs');
    expect(fs.readdirSync(`${dataDir}/outbox`)).toEqual([expect.stringMatching(/-email-ada@school\.test\.json$/)]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
