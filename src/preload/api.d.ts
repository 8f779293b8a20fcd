import type { CallInput, CallName, CallOutput } from '../shared/contract/calls';
import type { Result } from '../shared/contract/errors';
import type { EventName, EventPayload } from '../shared/contract/events';

/** What the preload exposes on `window.roc` in the desktop shell. */
export interface DesktopBridge {
  calls: { [K in CallName]: (input: CallInput<K>) => Promise<Result<CallOutput<K>>> };
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

declare global {
  interface Window {
    roc?: DesktopBridge;
  }
}
