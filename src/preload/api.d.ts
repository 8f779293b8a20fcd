import type { CallInput, CallName, CallOutput } from '../shared/contract/calls';
import type { Result } from '../shared/contract/errors';
import type { EventName, EventPayload } from '../shared/contract/events';
import type { MediaAnswer } from '../shared/live/mediaFrame';

/** What the preload exposes on `window.roc` in the desktop shell. */
export interface DesktopBridge {
  /** `ticket`: a number the page picks for the call, so that it can cancel it. */
  calls: { [K in CallName]: (input: CallInput<K>, ticket?: number) => Promise<Result<CallOutput<K>>> };
  /** Gives up the call of that ticket: it answers "cancelled" now and the core stops its work. */
  cancel(ticket: number): void;
  /**
   * Live media (a path below the media base: a playlist or a segment) from the core over the
   * window's own port, whole; status 0 when the core cannot be asked. `ticket`: to cancel it.
   */
  media(path: string, ticket: number): Promise<MediaAnswer>;
  /** Gives up that media request: the core stops the vendor request; it answers status 0 now. */
  cancelMedia(ticket: number): void;
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

declare global {
  interface Window {
    roc?: DesktopBridge;
  }
}
