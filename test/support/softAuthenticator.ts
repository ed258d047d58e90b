import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
// The CBOR encoder the WebAuthn library itself decodes with; the authenticator below is otherwise Node crypto only.
import { isoCBOR } from '@simplewebauthn/server/helpers';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer) => data.toString('base64url');

// WebAuthn §6.1 authenticator data flags.
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

/**
 * A software security key for tests: one P-256 credential (ES256), attestation `none`,
 * authenticator data with the RP ID hash, flags and a signature counter, as WebAuthn §6.1 lays it out.
 */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  counter = 0;
  userHandle?: string;

  constructor(
    readonly origin: string,
    readonly options: { userVerified?: boolean } = {},
  ) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private flags(extra = 0): number {
    return UP | (this.options.userVerified === false ? 0 : UV) | extra;
  }

  private authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  /** navigator.credentials.create(): a registration response for `options`. */
  register(options: PublicKeyCredentialCreationOptionsJSON): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const jwk = this.publicKey.export({ format: 'jwk' });
    // RFC 9053 COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, Buffer.from(isoCBOR.encode(coseKey))]);
    const authData = this.authData(options.rp.id!, this.flags(AT), this.counter, attested);
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', new Uint8Array(authData)],
    ]) as never);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: this.origin, crossOrigin: false }));
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(Buffer.from(attestationObject)), transports: ['usb'] },
      clientExtensionResults: {},
    };
  }

  /**
   * navigator.credentials.get(): an assertion over `options.challenge`. `counter` overrides the
   * next signature counter (to make it go backwards); `forge` signs with a key that is not this credential's.
   */
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, tweak: { counter?: number; forge?: boolean; rpId?: string } = {}): AuthenticationResponseJSON {
    this.counter = tweak.counter ?? this.counter + 1;
    const authData = this.authData(tweak.rpId ?? options.rpId!, this.flags(), this.counter);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: this.origin, crossOrigin: false }));
    const key = tweak.forge ? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey : this.privateKey;
    // WebAuthn §6.3.3: the signature covers authenticatorData ‖ SHA-256(clientDataJSON); ES256 signatures are DER.
    const signature = createSign('sha256').update(Buffer.concat([authData, sha256(clientDataJSON)])).sign(key);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.userHandle && { userHandle: this.userHandle }),
      },
      clientExtensionResults: {},
    };
  }
}
