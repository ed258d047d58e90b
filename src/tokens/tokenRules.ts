/** The audience of every access and ID token Gatehouse issues (DESIGN.md, Tokens). */
export const AUDIENCE = 'gatehouse';

/** The first-party client (the web app itself) that cookie-session tokens are issued to. */
export const FIRST_PARTY_CLIENT_ID = 'gatehouse';

/** The only signing algorithm, issued and accepted (RFC 8725 §3.1: an allow-list, never the header's word). */
export const ALGORITHM = 'EdDSA';

/** DESIGN.md: access tokens live at most 10 minutes; ID tokens as long. */
export const ACCESS_TOKEN_SECONDS = 600;

/** Refresh tokens live 30 days, rotated on each use. */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;

/** Clock skew tolerated on `exp`, `nbf` and `iat` between Gatehouse and the verifier. */
export const LEEWAY_SECONDS = 30;

/** A retired key stays published until every token it signed has expired, leeway included. */
export const RETIRED_KEY_PUBLISHED_MS = (ACCESS_TOKEN_SECONDS + LEEWAY_SECONDS) * 1000;
