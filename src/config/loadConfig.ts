import path from 'node:path';
import { z } from 'zod';
import { GatehouseError } from '../errors/GatehouseError.js';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

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
  GATEHOUSE_PUBLIC_URL: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional(),
  GATEHOUSE_POLICIES_DIR: z.string().min(1).optional(),
  GATEHOUSE_SESSION_IDLE_MINUTES: positiveInt.default(60),
  GATEHOUSE_SESSION_MAX_HOURS: positiveInt.default(24),
  GATEHOUSE_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  GATEHOUSE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
  /** Origin users see, without a trailing slash. */
  publicUrl: string;
  /** True when `publicUrl` was not given and follows the port the server binds. */
  publicUrlDerived: boolean;
  policiesDir: string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  bodyLimitBytes: number;
  logLevel: string;
}

/** The repository's root, where `policies/` ships. */
const packageRoot = path.resolve(new URL('.', import.meta.url).pathname, '..', '..');

/**
 * Reads and validates configuration from `env`; throws CONFIG_INVALID with a one-line
 * message naming the first variable that is wrong.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('GATEHOUSE_') && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GatehouseError('CONFIG_INVALID', `${String(issue.path[0])}: ${issue.message}`);
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
    publicUrl: (e.GATEHOUSE_PUBLIC_URL ?? `https://localhost:${portValue}`).replace(/\/+$/, ''),
    publicUrlDerived: e.GATEHOUSE_PUBLIC_URL === undefined,
    policiesDir: path.resolve(e.GATEHOUSE_POLICIES_DIR ?? path.join(packageRoot, 'policies')),
    sessionIdleMs: e.GATEHOUSE_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.GATEHOUSE_SESSION_MAX_HOURS * 3_600_000,
    bodyLimitBytes: e.GATEHOUSE_BODY_LIMIT_BYTES,
    logLevel: e.GATEHOUSE_LOG_LEVEL,
    ...overrides,
  };
  if (config.databaseUrl.startsWith('postgres')) {
    // The PostgreSQL dialect is wired by the [scale] issue; refuse rather than half-work.
    throw new GatehouseError('CONFIG_INVALID', 'GATEHOUSE_DATABASE_URL: PostgreSQL is not supported by this build yet; use sqlite:<file>');
  }
  return config;
}
