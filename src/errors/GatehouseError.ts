/** Every error code Gatehouse answers with, and the HTTP status it travels with. */
export const errorStatus = {
  VALIDATION_ERROR: 400,
  INVALID_CODE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  STEP_UP_REQUIRED: 401,
  ACCESS_DENIED: 403,
  CSRF: 403,
  MFA_SETUP_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  CONFIG_INVALID: 500,
  POLICY_INVALID: 500,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

/** A typed error code from the contract. */
export type ErrorCode = keyof typeof errorStatus;

/**
 * The one error type of Gatehouse: the core throws it, the HTTP edge turns it into
 * `{ error: { code, message } }` with `status`.
 *
 * @example throw new GatehouseError('NOT_FOUND', 'No such order')
 */
export class GatehouseError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra headers the response must carry (e.g. Retry-After). */
  readonly headers: Record<string, string>;
  /** Structured details safe to show the caller (e.g. which field failed). */
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'GatehouseError';
    this.code = code;
    this.status = errorStatus[code];
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}

/** True for a GatehouseError carrying `code` (or any code when omitted). */
export function isGatehouseError(error: unknown, code?: ErrorCode): error is GatehouseError {
  return error instanceof GatehouseError && (code === undefined || error.code === code);
}
