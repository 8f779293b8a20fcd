export type Vendor = 'retailnext' | 'flow' | 'exteros' | 'sim';

/** Thrown by handlers (or body parsing) to answer with a vendor-shaped error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** a body to send as-is instead of the vendor's error shape */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  424: 'Failed Dependency',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reason(status: number): string {
  return REASONS[status] ?? 'Error';
}

/** The error body each vendor uses. */
export function errorBody(vendor: Vendor, status: number, message: string): unknown {
  switch (vendor) {
    case 'retailnext':
      return { ok: false, error: message };
    case 'flow':
      return { data: [], status, message };
    case 'exteros':
      return { error: reason(status), message };
    default:
      return { error: message };
  }
}
