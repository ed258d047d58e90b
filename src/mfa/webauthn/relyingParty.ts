import type { Config } from '../../config/loadConfig.js';

/** Who the credentials are scoped to: the public origin users see, and its host as the RP ID. */
export interface RelyingParty {
  rpID: string;
  rpName: string;
  origin: string;
}

/** The relying party of this instance, read from the public URL each time (a test server learns its port late). */
export function relyingPartyOf(config: Pick<Config, 'publicUrl'>): RelyingParty {
  const url = new URL(config.publicUrl);
  // WebAuthn §5.1.3: the RP ID is a registrable domain suffix of the origin's host; its host itself is the safest.
  return { rpID: url.hostname, rpName: 'Gatehouse', origin: url.origin };
}
