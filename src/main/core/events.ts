import type { EventName, EventPayload } from '../../shared/contract/events';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Fans the core's events out to every shell that listens (a window, a browser tab). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // A listener whose window went away must not stop the others.
      }
    }
  }
}
