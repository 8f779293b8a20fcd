export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

const secretishKey = /secret|password|token|api[-_]?key|authorization|access[-_]?key/i;

/** Masks fields whose names suggest a credential, so a careless call site cannot leak one. */
export function redactFields(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = secretishKey.test(k) ? '[redacted]' : v;
  return out;
}
