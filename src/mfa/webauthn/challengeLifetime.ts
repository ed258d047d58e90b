/** How long a WebAuthn challenge may be answered: the mfaToken's five minutes, and the options' timeout. */
export const challengeLifetimeMs = 5 * 60_000;
