/**
 * Error codes that may cross the contract boundary. Each carries a human message written for
 * the console's users; `detail` may keep a vendor's own words (never a secret).
 */
export const errorCodes = [
  'auth_failed',
  'rate_limited',
  'offline',
  'timeout',
  'tls',
  'not_found',
  'invalid_input',
  'payload_too_large',
  'unknown_call',
  'keychain_unavailable',
  'vendor_error',
  'bad_response',
  'conflict',
  'cancelled',
  'disk_full',
  'db_newer_version',
  'insecure_url',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** Extra context for the user or a support ticket: a vendor's message, the field at fault. */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/**
 * The one error type services throw. The dispatcher turns it into `{ok:false,error}`; anything
 * else thrown becomes `internal` with a generic message, so no stack or secret crosses over.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;

  constructor(code: ErrorCode, message: string, detail?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }

  toContractError(): ContractError {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

/** What a wait or a request throws when its caller gave up (its signal aborted). */
export function cancelledError(): AppError {
  return new AppError('cancelled', 'The operation was cancelled.');
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, detail?: string): Result<never> {
  return { ok: false, error: detail === undefined ? { code, message } : { code, message, detail } };
}
