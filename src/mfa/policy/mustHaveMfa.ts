/** Groups whose members must have a second factor before anything else (root and administrators). */
export const mfaRequiredGroups = ['root', 'admins'] as const;

/** True for a user who must have MFA: they cannot sign in without it, nor remove their last factor. */
export function mustHaveMfa(groups: readonly string[]): boolean {
  return groups.some((group) => (mfaRequiredGroups as readonly string[]).includes(group));
}
