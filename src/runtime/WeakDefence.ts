/**
 * The defences a test may switch off one at a time, one name per pen-test probe's defence,
 * so that each probe is shown to fail against an instance missing exactly what it checks.
 */
export const weakDefences = [
  'orderOwnership',
  'gradeWriteRole',
  'gradeReadOwnership',
  'jwtAlgorithm',
  'jwtExpiry',
  'jwtAudience',
  'sessionRotation',
  'cookieFlags',
  'csrfToken',
  'originCheck',
  'bruteForce',
  'uniformSignIn',
  'inputValidation',
  'bodyLimit',
  'forwardedFor',
  'refreshReuse',
  'codeSingleUse',
  'totpReplay',
  'securityHeaders',
  'tlsMinVersion',
  'errorDetail',
  'redirectTarget',
] as const;

/** One defence a test may switch off (see `RuntimeOptions.unsafeWeakenForTests`). */
export type WeakDefence = (typeof weakDefences)[number];

/** What every instance that is not a weakened test instance runs with: nothing switched off. */
export const noWeakening: ReadonlySet<WeakDefence> = new Set();
