import type { Result } from './errors';

/** Browser mode's wire format. Renderer -> core: a call; core -> renderer: its result, or an event. */
export interface ClientMessage {
  id: number;
  call: string;
  input: unknown;
}

export type ServerMessage = { id: number | null; result: Result<unknown> } | { event: string; payload: unknown };

export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { id, call, input } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof call !== 'string') return null;
  return { id, call, input };
}
