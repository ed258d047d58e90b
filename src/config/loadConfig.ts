import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { GatehouseError } from '../errors/GatehouseError.js';
import { shieldConfigFrom, shieldEnvironment, type ShieldConfig } from '../shield/shieldConfig.js';

const digits = z.string().regex(/^\d{1,9}$/, 'must be a whole number');
const port = digits.transform(Number).pipe(z.number().max(65535, 'must be a port number (0 to 65535)'));
const positiveInt = digits.transform(Number).pipe(z.number().min(1, 'must be at least 1'));
/** An https origin: scheme, host and port only, normalised the way browsers send `Origin`. */
const origin = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .refine((value) => {
    const url = new URL(value);
    return (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password;
  }, 'must be an origin (https://host[:port]) without path, query or credentials')
  .transform((value) => new URL(value).origin);

/** The environment variables Gatehouse reads, their rules and their defaults. */
const environmentSchema = z.object({
  GATEHOUSE_PORT: port.default(8443),
  GATEHOUSE_HOST: z.string().min(1).default('127.0.0.1'),
  GATEHOUSE_HTTP_PORT: port.optional(),
  GATEHOUSE_DATA_DIR: z.string().min(1).default('./data'),
  GATEHOUSE_TLS_CERT: z.string().min(1).optional(),
  GATEHOUSE_TLS_KEY: z.string().min(1).optional(),
  GATEHOUSE_DATABASE_URL: z
    .string()
    .refine((value) => /^(sqlite:|postgres(ql)?:\/\/)/.test(value), 'must start with sqlite: or postgres://')
    .optional(),
  GATEHOUSE_REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  GATEHOUSE_REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'must be 1 to 64 letters, digits, _ : . or -').default('gatehouse:'),
  GATEHOUSE_DATABASE_POOL_MAX: positiveInt.pipe(z.number().max(100, 'must be at most 100')).default(10),
  GATEHOUSE_DATABASE_STATEMENT_TIMEOUT_MS: positiveInt.default(10_000),
  // Base64 of 32 bytes: instances that share a database (Lambda, several servers) must share it.
  GATEHOUSE_HMAC_KEY: z.base64('must be base64').refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64').optional(),
  GATEHOUSE_CHANNEL_HEARTBEAT_SECONDS: positiveInt.pipe(z.number().max(3600, 'must be at most 3600')).default(15),
  GATEHOUSE_PUBLIC_URL: origin.optional(),
  GATEHOUSE_POLICIES_DIR: z.string().min(1).optional(),
  // Browsers cap cookie lifetimes at 400 days; a month is already far beyond NIST AAL1.
  GATEHOUSE_SESSION_IDLE_MINUTES: positiveInt.pipe(z.number().max(43_200, 'must be at most 43200 (30 days)')).default(60),
  GATEHOUSE_SESSION_MAX_HOURS: positiveInt.pipe(z.number().max(720, 'must be at most 720 (30 days)')).default(24),
  GATEHOUSE_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  // Base64 32-byte keys separated by commas; the first wraps new data keys (see src/crypto/keyring).
  GATEHOUSE_MASTER_KEY: z.string().regex(/^[A-Za-z0-9+/=]+(,[A-Za-z0-9+/=]+)*$/, 'must be base64 keys separated by commas').optional(),
  GATEHOUSE_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://[user:pass@]host[:port] or smtps://…').optional(),
  GATEHOUSE_MAIL_FROM: z.email('must be an e-mail address').optional(),
  GATEHOUSE_SMS_PROVIDER: z.enum(['outbox', 'sns']).default('outbox'),
  GATEHOUSE_SNS_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  GATEHOUSE_AUDIT_DIGEST_EVENTS: positiveInt.default(1000),
  GATEHOUSE_AUDIT_DIGEST_SECONDS: positiveInt.pipe(z.number().max(86_400, 'must be at most 86400 (a day)')).default(60),
  GATEHOUSE_AUDIT_BODY_LIMIT_BYTES: positiveInt.pipe(z.number().min(256, 'must be at least 256')).default(8192),
  // Security advisor: how many administrators are too many, and when an unconfirmed sign-up is stale.
  GATEHOUSE_ADVISOR_MAX_ADMINS: positiveInt.default(3),
  GATEHOUSE_ADVISOR_UNCONFIRMED_DAYS: positiveInt.default(7),
  GATEHOUSE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...shieldEnvironment,
}).strict();

/** Validated configuration of one Gatehouse instance. */
export interface Config {
  port: number;
  host: string;
  httpPort?: number;
  dataDir: string;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  databaseUrl: string;
  redisUrl?: string;
  /** Prefix of every Redis key and pub/sub channel, so deployments can share one Redis. */
  redisPrefix: string;
  /** PostgreSQL only: most connections the pool opens, and the longest a statement may run. */
  databasePoolMax: number;
  statementTimeoutMs: number;
  /** The HMAC secret from the environment; without it, `<data>/keys/hmac.key`. */
  hmacKey?: Buffer;
  /** Milliseconds between heartbeats on a channel's event stream. */
  channelHeartbeatMs: number;
  /** Origin users see (`https://host[:port]`), as browsers send it in `Origin`. */
  publicUrl: string;
  /** True when `publicUrl` was not given and follows the port the server binds. */
  publicUrlDerived: boolean;
  policiesDir: string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  bodyLimitBytes: number;
  logLevel: string;
  /** A signed audit digest every this many events… */
  auditDigestEvents: number;
  /** …or this often, whichever comes first. */
  auditDigestMs: number;
  /** Request parameters and response elements larger than this are cut in the audit trail, with a marker. */
  auditBodyLimitBytes: number;
  shield: ShieldConfig;
  /** SMTP server for e-mail; the outbox when absent. */
  smtpUrl?: string;
  mailFrom: string;
  smsProvider: 'outbox' | 'sns';
  /** Another SNS-compatible endpoint than AWS's (tests, LocalStack). */
  snsEndpoint?: string;
  /** Master keys given in the environment (instead of `<data>/keys/master.key`). */
  masterKey?: string;
  /** The security advisor flags more members of `admins` than this. */
  advisorMaxAdmins: number;
  /** The security advisor flags sign-ups left unconfirmed longer than this many days. */
  advisorUnconfirmedDays: number;
}

/** The repository's root, where `policies/` ships. */
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Reads and validates configuration from `env`; throws CONFIG_INVALID with a one-line
 * message naming the first variable that is wrong.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('GATEHOUSE_') && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A misspelt variable would silently fall back to a default: name it instead.
    const name = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0]);
    const message = issue.code === 'unrecognized_keys' ? 'unknown variable (misspelt?)' : issue.message;
    throw new GatehouseError('CONFIG_INVALID', `${name}: ${message}`);
  }
  const e = parsed.data;
  if (Boolean(e.GATEHOUSE_TLS_CERT) !== Boolean(e.GATEHOUSE_TLS_KEY)) {
    throw new GatehouseError('CONFIG_INVALID', 'GATEHOUSE_TLS_CERT and GATEHOUSE_TLS_KEY go together: give both or neither');
  }
  const dataDir = path.resolve(overrides.dataDir ?? e.GATEHOUSE_DATA_DIR);
  const portValue = overrides.port ?? e.GATEHOUSE_PORT;
  const config: Config = {
    port: portValue,
    host: e.GATEHOUSE_HOST,
    httpPort: e.GATEHOUSE_HTTP_PORT,
    dataDir,
    tlsCertFile: e.GATEHOUSE_TLS_CERT,
    tlsKeyFile: e.GATEHOUSE_TLS_KEY,
    databaseUrl: e.GATEHOUSE_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'gatehouse.db')}`,
    redisUrl: e.GATEHOUSE_REDIS_URL,
    redisPrefix: e.GATEHOUSE_REDIS_PREFIX,
    databasePoolMax: e.GATEHOUSE_DATABASE_POOL_MAX,
    statementTimeoutMs: e.GATEHOUSE_DATABASE_STATEMENT_TIMEOUT_MS,
    hmacKey: e.GATEHOUSE_HMAC_KEY === undefined ? undefined : Buffer.from(e.GATEHOUSE_HMAC_KEY, 'base64'),
    channelHeartbeatMs: e.GATEHOUSE_CHANNEL_HEARTBEAT_SECONDS * 1000,
    publicUrl: e.GATEHOUSE_PUBLIC_URL ?? `https://localhost:${portValue}`,
    publicUrlDerived: e.GATEHOUSE_PUBLIC_URL === undefined,
    policiesDir: path.resolve(e.GATEHOUSE_POLICIES_DIR ?? path.join(packageRoot, 'policies')),
    sessionIdleMs: e.GATEHOUSE_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.GATEHOUSE_SESSION_MAX_HOURS * 3_600_000,
    bodyLimitBytes: e.GATEHOUSE_BODY_LIMIT_BYTES,
    logLevel: e.GATEHOUSE_LOG_LEVEL,
    auditDigestEvents: e.GATEHOUSE_AUDIT_DIGEST_EVENTS,
    auditDigestMs: e.GATEHOUSE_AUDIT_DIGEST_SECONDS * 1000,
    auditBodyLimitBytes: e.GATEHOUSE_AUDIT_BODY_LIMIT_BYTES,
    shield: shieldConfigFrom(e),
    masterKey: e.GATEHOUSE_MASTER_KEY,
    smtpUrl: e.GATEHOUSE_SMTP_URL,
    mailFrom: e.GATEHOUSE_MAIL_FROM ?? `gatehouse@${new URL(e.GATEHOUSE_PUBLIC_URL ?? 'https://localhost').hostname}`,
    smsProvider: e.GATEHOUSE_SMS_PROVIDER,
    snsEndpoint: e.GATEHOUSE_SNS_ENDPOINT,
    advisorMaxAdmins: e.GATEHOUSE_ADVISOR_MAX_ADMINS,
    advisorUnconfirmedDays: e.GATEHOUSE_ADVISOR_UNCONFIRMED_DAYS,
    ...overrides,
  };
  config.dataDir = dataDir;
  return config;
}
