/** The form an e-mail is stored and looked up in: trimmed, Unicode NFKC, lower-case. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}
