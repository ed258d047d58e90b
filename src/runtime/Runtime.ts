import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DigestSchedule } from '../audit/digestSchedule.js';
import type { Authorizer } from '../authz/index.js';
import type { Broadcast } from '../broadcast/Broadcast.js';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/loadConfig.js';
import type { Keyring } from '../crypto/keyring/Keyring.js';
import type { Deliver } from '../delivery/Deliver.js';
import type { Shield } from '../shield/createShield.js';
import type { SessionRevocations } from '../identity/sessions/SessionRevocations.js';
import type { Store } from '../store/openDatabase.js';
import type { SessionLiveness } from '../tokens/sessionLiveness.js';
import type { SigningKeys } from '../tokens/signingKeys.js';
import type { WeakDefence } from './WeakDefence.js';

/** Everything one Gatehouse instance runs on, assembled once at start and passed to the core. */
export interface Runtime {
  config: Config;
  db: Store;
  clock: Clock;
  logger: Logger;
  deliver: Deliver;
  authorizer: Authorizer;
  /** Seals secrets and personal data at rest (OTP seeds, phone numbers, private keys). */
  keyring: Keyring;
  /** Where ended sessions are announced to every cache of session liveness. */
  sessionRevocations: SessionRevocations;
  /** Signs the audit chain's digests, every N events or T seconds. */
  auditDigests: DigestSchedule;
  /** Ed25519 keys that sign access and ID tokens, and the JWKS that publishes them. */
  signingKeys: SigningKeys;
  /** Whether a bearer token's session (`sid`) is still live, from memory in the common case. */
  sessionLiveness: SessionLiveness;
  /** Server secret keying the HMACs of one-time codes and CSRF tokens. */
  hmacKey: Buffer;
  /** A PHC hash of a random password, verified against for unknown users so timing reveals nothing. */
  dummyPasswordHash: string;
  /** The shared Redis, when GATEHOUSE_REDIS_URL is set. */
  redis?: Redis;
  /** Topics heard by every instance (Redis pub/sub) or, without Redis, by this one. */
  broadcast: Broadcast;
  /** Rate limits, brute-force counts and blocks (src/shield). */
  shield: Shield;
  /** Defences switched off for a pen-test probe's own test; empty in every real instance (see RuntimeOptions.unsafeWeakenForTests). */
  weakened: ReadonlySet<WeakDefence>;
}
