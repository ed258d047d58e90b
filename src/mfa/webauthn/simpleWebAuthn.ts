/**
 * `@simplewebauthn/server` (DESIGN.md's WebAuthn library), loaded on first use: its ASN.1 and
 * X.509 parsers take about 0.3 s to load, which every CLI command would otherwise pay.
 */
export function simpleWebAuthn(): Promise<typeof import('@simplewebauthn/server')> {
  return import('@simplewebauthn/server');
}
