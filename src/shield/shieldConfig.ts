import net from 'node:net';
import { z } from 'zod';

const count = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().min(1, 'must be at least 1'));

/** A CIDR (`10.0.0.0/8`, `fd00::/8`) or a single address. */
const cidr = z.string().refine((value) => parseCidr(value) !== undefined, 'must be a comma-separated list of CIDRs (10.0.0.0/8, ::1/128)');

/** The GATEHOUSE_* variables of the shield, merged into the configuration's schema. */
export const shieldEnvironment = {
  // Empty by default: X-Forwarded-For and Forwarded are anyone's to forge.
  GATEHOUSE_TRUSTED_PROXIES: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(cidr))
    .optional(),
  GATEHOUSE_LIMIT_IP_PER_MINUTE: count.default(1200),
  GATEHOUSE_LIMIT_AUTH_PER_MINUTE: count.default(60),
  GATEHOUSE_SIGN_IN_FREE_FAILURES: count.default(10),
  GATEHOUSE_SIGN_IN_FREE_FAILURES_PER_IP: count.default(5),
  // The one header the proxies write: a proxy passes the other one through from the client unchanged.
  GATEHOUSE_FORWARDED_HEADER: z.enum(['x-forwarded-for', 'forwarded']).default('x-forwarded-for'),
  GATEHOUSE_BLOCK_AFTER_REFUSALS: count.default(300),
  GATEHOUSE_MAX_CONNECTIONS_PER_IP: count.default(100),
  GATEHOUSE_MAX_HEADER_BYTES: count.default(16 * 1024),
  GATEHOUSE_MEMORY_LIMITER_KEYS: count.default(100_000),
  // RFC 6177: a site gets a /48 or /56 and each of its networks a /64; shorter than /32 is a whole provider.
  GATEHOUSE_IPV6_PREFIX: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(32, 'must be at least 32').max(128, 'must be at most 128'))
    .default(64),
};

type ShieldEnvironment = z.output<z.ZodObject<typeof shieldEnvironment>>;

/** The shield's limits; every one configurable, the test server sets its own. */
export interface ShieldConfig {
  trustedProxies: string[];
  /** Which header the trusted proxies append the client to. */
  forwardedHeader: 'x-forwarded-for' | 'forwarded';
  /** Requests per minute per client address, all routes. */
  ipPerMinute: number;
  /** Requests per minute per client address to each of sign-up, sign-in, MFA, forgot, reset, token. */
  authPerMinute: number;
  /** Failed sign-ins per identifier answered without delay; after them the delays grow. */
  signInFreeFailures: number;
  /** The same per (identifier, client address). */
  signInFreeFailuresPerIp: number;
  /** NIST SP 800-63B §5.2.2: no more than 100 consecutive failed attempts on one account. */
  signInMaxFailures: number;
  /** The first delay after the free failures, doubled at each failure, up to `signInMaxDelaySeconds`. */
  signInFirstDelaySeconds: number;
  signInMaxDelaySeconds: number;
  /** How long a run of failures is remembered without a success. */
  signInFailureMemorySeconds: number;
  /** Refusals (4xx) per `refusalWindowSeconds` that get a client address blocked. */
  blockAfterRefusals: number;
  refusalWindowSeconds: number;
  /** The first block; each later block of the same address lasts four times longer, up to `maxBlockSeconds`. */
  firstBlockSeconds: number;
  maxBlockSeconds: number;
  /** How often an instance re-reads the blocks in force (lifts by the CLI, blocks by other instances). */
  blockRefreshMs: number;
  maxConnectionsPerIp: number;
  maxHeaderBytes: number;
  /** How many keys an in-memory limiter holds before it evicts the least recently used. */
  memoryLimiterKeys: number;
  /** The leading bits of an IPv6 address that name one client (`addressKey`). */
  ipv6Prefix: number;
}

/** The shield's part of the configuration, from the validated environment. */
export function shieldConfigFrom(e: ShieldEnvironment): ShieldConfig {
  return {
    trustedProxies: e.GATEHOUSE_TRUSTED_PROXIES ?? [],
    forwardedHeader: e.GATEHOUSE_FORWARDED_HEADER,
    ipPerMinute: e.GATEHOUSE_LIMIT_IP_PER_MINUTE,
    authPerMinute: e.GATEHOUSE_LIMIT_AUTH_PER_MINUTE,
    signInFreeFailures: e.GATEHOUSE_SIGN_IN_FREE_FAILURES,
    signInFreeFailuresPerIp: e.GATEHOUSE_SIGN_IN_FREE_FAILURES_PER_IP,
    signInMaxFailures: 100,
    signInFirstDelaySeconds: 30,
    signInMaxDelaySeconds: 3600,
    signInFailureMemorySeconds: 30 * 24 * 3600,
    blockAfterRefusals: e.GATEHOUSE_BLOCK_AFTER_REFUSALS,
    refusalWindowSeconds: 300,
    firstBlockSeconds: 300,
    maxBlockSeconds: 24 * 3600,
    blockRefreshMs: 5_000,
    maxConnectionsPerIp: e.GATEHOUSE_MAX_CONNECTIONS_PER_IP,
    maxHeaderBytes: e.GATEHOUSE_MAX_HEADER_BYTES,
    memoryLimiterKeys: e.GATEHOUSE_MEMORY_LIMITER_KEYS,
    ipv6Prefix: e.GATEHOUSE_IPV6_PREFIX,
  };
}

/** `10.0.0.0/8` → address, prefix and family; a bare address is a /32 or /128. */
export function parseCidr(value: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText] = value.split('/');
  const version = net.isIP(address);
  if (version === 0) return undefined;
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}
