import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { digestSchedule } from '../audit/digestSchedule.js';
import { loadAuthorizer } from '../authz/index.js';
import { memoryBroadcast } from '../broadcast/memoryBroadcast.js';
import { redisBroadcast } from '../broadcast/redisBroadcast.js';
import { systemClock, type Clock } from '../clock/clock.js';
import type { Config } from '../config/loadConfig.js';
import { createKeyring } from '../crypto/keyring/createKeyring.js';
import { loadMasterKeys } from '../crypto/keyring/masterKeys.js';
import { loadOrCreateSecret } from '../crypto/loadOrCreateSecret.js';
import type { Deliver } from '../delivery/Deliver.js';
import { chooseDelivery } from '../delivery/chooseDelivery.js';
import { hashPassword } from '../identity/passwords/hashPassword.js';
import { broadcastSessionRevocations } from '../identity/sessions/broadcastSessionRevocations.js';
import { createShield } from '../shield/createShield.js';
import { localSessionRevocations, type SessionRevocations } from '../identity/sessions/SessionRevocations.js';
import { connectRedis } from '../redis/connectRedis.js';
import { openDatabase } from '../store/openDatabase.js';
import { sessionLiveness } from '../tokens/sessionLiveness.js';
import { signingKeys } from '../tokens/signingKeys.js';
import type { Runtime } from './Runtime.js';
import { noWeakening, type WeakDefence } from './WeakDefence.js';

/** What a caller (tests, tools) may put in place of the defaults. */
export interface RuntimeOptions {
  clock?: Clock;
  logger?: Logger;
  deliver?: Deliver;
  /** The ioredis client of GATEHOUSE_REDIS_URL: shared limits (the shield's store seam). */
  redis?: Redis;
  sessionRevocations?: SessionRevocations;
  /**
   * UNSAFE, tests only: switches off the named defences so that a test can show that the
   * pen-test probe of each one fails without it. Only code can pass it: no environment
   * variable, configuration file or command-line option sets it, and `gatehouse serve`
   * never does.
   */
  unsafeWeakenForTests?: ReadonlySet<WeakDefence>;
}

/**
 * Assembles an instance from its configuration: data folder, database at the newest
 * migration, server secret, master keys, policies validated against the schema (an invalid one throws),
 * the outbox, and the dummy hash that keeps sign-in timing equal.
 */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  // A folder made here is owner-only; one that existed keeps its mode (it may be shared),
  // while what Gatehouse puts in it is owner-only anyway (keys/, tls/, outbox/ 0700, database 0600).
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: config.logLevel, redact: { paths: ['*.password', '*.token', '*.cookie', '*.code'], censor: '[REDACTED]' } });
  const authorizer = await loadAuthorizer(config.policiesDir);
  const db = await openDatabase(config.databaseUrl, {
    max: config.databasePoolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    onIdleError: (error) => logger.warn({ err: error }, 'a pooled database connection broke while idle'),
  });
  const hmacKey = config.hmacKey ?? loadOrCreateSecret(config.dataDir, 'hmac');
  const redis = options.redis ?? (config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined);
  const broadcast = redis ? redisBroadcast(redis, config.redisPrefix, logger) : memoryBroadcast(logger);
  const keyring = createKeyring(loadMasterKeys(config.dataDir, config.masterKey), () => loadMasterKeys(config.dataDir, config.masterKey));
  // With Redis, every instance hears a sign-out; without, one process is the whole deployment.
  const sessionRevocations = options.sessionRevocations ?? (redis ? broadcastSessionRevocations(broadcast, logger) : localSessionRevocations());
  return {
    config,
    db,
    clock,
    logger,
    deliver: options.deliver ?? (await chooseDelivery(config, clock)),
    authorizer,
    hmacKey,
    keyring,
    auditDigests: digestSchedule({ db, keyring, clock, logger, everyEvents: config.auditDigestEvents, everyMs: config.auditDigestMs }),
    sessionRevocations,
    signingKeys: signingKeys(db, keyring, clock),
    sessionLiveness: sessionLiveness(db, clock, sessionRevocations, { sqlite: config.databaseUrl.startsWith('sqlite:') }),
    dummyPasswordHash: await hashPassword(randomBytes(32).toString('base64url')),
    // Shared limits and failed-sign-in counts in Redis when there is one (fail closed on auth routes while it is down).
    shield: createShield({ config: config.shield, db, clock, hmacKey, redis, keyPrefix: `${config.redisPrefix}shield` }),
    redis,
    broadcast,
    weakened: new Set(options.unsafeWeakenForTests ?? noWeakening),
  };
}
