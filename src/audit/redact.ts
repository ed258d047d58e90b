/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

// Any key that names a secret: passwords, one-time codes, tokens, cookies, keys and secrets.
const secretKey = /pass(word)?|code|token|secret|cookie|authorization|otp|signature|credential|response|private|key$/i;
const maxDepth = 8;
const maxString = 1024;

/**
 * A copy of `value` with every secret-named field replaced by REDACTED, strings cut to
 * 1 KiB and nesting cut at 8 levels, so that the trail never holds a secret or a flood.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.length > maxString ? `${value.slice(0, maxString)}…` : value;
  if (typeof value !== 'object') return value;
  if (depth >= maxDepth) return '[TRUNCATED]';
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redact(item, depth + 1));
  // fromEntries defines own properties, so a "__proto__" key stays data and never a prototype.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, secretKey.test(key) ? REDACTED : redact(item, depth + 1)]));
}
