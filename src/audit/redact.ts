/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

// Any key that names a secret: passwords, one-time codes, tokens, cookies, keys and secrets.
const secretKey = /pass(word)?|pwd|code|token|secret|cookie|authorization|otp|signature|credential|response|private|key$/i;
const limits = { depth: 8, string: 1024, key: 128, keys: 100, items: 100 } as const;

/**
 * A copy of `value` fit for the audit trail: every secret-named field replaced by REDACTED;
 * strings, keys, key counts, arrays and nesting cut; lone surrogates and non-finite numbers
 * made representable, so that canonical JSON of the result always exists.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return text(value, limits.string);
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return typeof value === 'boolean' ? value : null;
  if (depth >= limits.depth) return '[TRUNCATED]';
  if (Array.isArray(value)) return value.slice(0, limits.items).map((item) => redact(item, depth + 1));
  // fromEntries defines own properties, so a "__proto__" key stays data and never a prototype.
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, limits.keys)
      .map(([key, item]) => [text(key, limits.key), secretKey.test(key) ? REDACTED : redact(item, depth + 1)]),
  );
}

function text(value: string, max: number): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return cut.toWellFormed();
}
