/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** What marks a value cut to fit the audit trail. */
export const TRUNCATED = '[TRUNCATED]';

// The one redaction list, for request and response alike. Any key that names a secret:
// passwords, one-time codes, tokens, cookies, keys and secrets, and a WebAuthn response
// (whole, or its parts sent flat).
const secretKey = /pass(word)?|pwd|code|token|secret|cookie|authorization|otp|signature|credential|response|attestation|assertion|clientdata|authenticatordata|userhandle|private|key$/i;
// C0 and C1 controls, line and paragraph separators, and bidirectional overrides: what would
// let a recorded value forge a line or reorder text where the trail is read (terminal, log, page).
const unsafeCharacter = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
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
  if (depth >= limits.depth) return TRUNCATED;
  if (Array.isArray(value)) return value.slice(0, limits.items).map((item) => redact(item, depth + 1));
  // fromEntries defines own properties, so a "__proto__" key stays data and never a prototype.
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, limits.keys)
      .map(([key, item]) => [text(key, limits.key), secretKey.test(key) ? REDACTED : redact(item, depth + 1)]),
  );
}

/**
 * `redact`, then a whole value (request parameters, response elements) over `limitBytes` of JSON
 * replaced by a marker, its size and the start of its (already redacted) JSON.
 */
export function redactWithin(value: unknown, limitBytes: number): unknown {
  const redacted = redact(value);
  const json = JSON.stringify(redacted) ?? 'null';
  const bytes = Buffer.byteLength(json);
  if (bytes <= limitBytes) return redacted;
  return { [TRUNCATED]: `${bytes} bytes, over the ${limitBytes}-byte limit`, preview: json.slice(0, Math.floor(limitBytes / 4)).toWellFormed() };
}

/** `value` cut to `max` characters, controls escaped as `\uXXXX` text, lone surrogates replaced. */
export function text(value: string, max: number): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return cut.toWellFormed().replace(unsafeCharacter, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
