import { randomBytes } from 'node:crypto';
// jose (DESIGN.md): JWT, JWK and JWKS, on WebCrypto's Ed25519.
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { isoAt, type Clock } from '../clock/clock.js';
import type { Keyring } from '../crypto/keyring/Keyring.js';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { Store } from '../store/openDatabase.js';
import { plainTransact, type Transact } from '../store/Transact.js';
import { currentKid, insertSigningKey, listPublishedKeys } from '../store/repositories/signingKeys.js';
import type { SigningKeyRow } from '../store/schema.js';
import { ALGORITHM, RETIRED_KEY_PUBLISHED_MS } from './tokenRules.js';

/** The part of `runtime.keyring` that keeps private keys sealed at rest. */
type KeySealer = Pick<Keyring, 'seal' | 'openText'>;

/** Where a signing key's private part is sealed (listed in sealedColumns.ts). */
const sealedAt = (kid: string) => ({ table: 'signing_keys', column: 'private_jwk', rowId: kid });

/** The instance's Ed25519 keys: the one that signs, and every key a verifier may still meet. */
export interface SigningKeys {
  /** The key to sign with now; follows a rotation made by another process. */
  signer(): Promise<{ kid: string; key: CryptoKey }>;
  /** The public key named `kid`, only if it is one of ours and still published; never fetched from the token. */
  verifier(kid: string): Promise<CryptoKey | undefined>;
  /** The JWKS (RFC 7517) of every published key. */
  jwks(): Promise<{ keys: JWK[] }>;
}

interface Loaded {
  kid: string;
  publicJwk: JWK;
  publicKey: CryptoKey;
  retiredAt: number | null;
  row: SigningKeyRow;
}

// An unknown kid reloads the key list at most this often, so random kids cannot flood the store.
const reloadAtMostEveryMs = 5_000;
// And the list is re-read this often anyway, so that a key retired by another process ages out here too.
const reloadAtLeastEveryMs = 60_000;

/**
 * Creates a new Ed25519 key, signs with it from now on, and retires the previous one, which
 * stays in the JWKS until every token it signed has expired. Returns the new key's kid.
 */
export async function rotateSigningKey(keyring: KeySealer, clock: Clock, transact: Transact): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
  const kid = randomBytes(12).toString('base64url');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' };
  const privateJwk = JSON.stringify(await exportJWK(privateKey));
  const row: SigningKeyRow = { kid, public_jwk: JSON.stringify(publicJwk), private_jwk: keyring.seal(privateJwk, sealedAt(kid)), created_at: isoAt(clock()), retired_at: null };
  await transact(async (trx) => {
    await insertSigningKey(trx, row);
    return { kid };
  });
  return kid;
}

/** The signing keys of the store in `db`, created on first use. */
export function signingKeys(db: Store, keyring: KeySealer, clock: Clock): SigningKeys {
  let keys = new Map<string, Loaded>();
  let loadedAt = -Infinity;
  let signing: { kid: string; key: CryptoKey } | undefined;

  const reload = async () => {
    loadedAt = clock();
    const rows = await listPublishedKeys(db, isoAt(clock() - RETIRED_KEY_PUBLISHED_MS));
    const next = new Map<string, Loaded>();
    for (const row of rows) {
      const publicJwk = JSON.parse(row.public_jwk) as JWK;
      const known = keys.get(row.kid);
      const publicKey = known?.publicKey ?? ((await importJWK(publicJwk, ALGORITHM)) as CryptoKey);
      next.set(row.kid, { kid: row.kid, publicJwk, publicKey, retiredAt: row.retired_at ? Date.parse(row.retired_at) : null, row });
    }
    keys = next;
  };

  const published = (key: Loaded) => key.retiredAt === null || key.retiredAt + RETIRED_KEY_PUBLISHED_MS > clock();

  const keySet: SigningKeys = {
    async signer() {
      // One indexed read per issuance (not per verification): a rotation by the CLI takes effect at once.
      let kid = await currentKid(db);
      if (!kid) kid = await rotateSigningKey(keyring, clock, plainTransact(db));
      if (signing?.kid !== kid) {
        await reload();
        const row = keys.get(kid)?.row;
        if (!row) throw new GatehouseError('INTERNAL_ERROR', `signing key ${kid} is not among the published keys`);
        const privateJwk = JSON.parse(keyring.openText(row.private_jwk, sealedAt(kid))) as JWK;
        signing = { kid, key: (await importJWK(privateJwk, ALGORITHM)) as CryptoKey };
      }
      return signing;
    },
    async verifier(kid) {
      let key = keys.get(kid);
      const age = clock() - loadedAt;
      if ((!key && age >= reloadAtMostEveryMs) || age >= reloadAtLeastEveryMs) {
        await reload();
        key = keys.get(kid);
      }
      return key && published(key) ? key.publicKey : undefined;
    },
    async jwks() {
      if (clock() - loadedAt >= reloadAtMostEveryMs) await reload();
      // A verifier may fetch the set before the first token is issued: there is always a key.
      if (keys.size === 0) await keySet.signer();
      return { keys: [...keys.values()].filter(published).map((key) => key.publicJwk) };
    },
  };
  return keySet;
}
