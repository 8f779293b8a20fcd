import { event } from './define';
import type { ConnectionView } from '../connections/types';
import { syncEvents } from '../sync/contract';
import { exportEvents } from '../exports/contract';
import { alertEvents } from '../alerts/contract';
import { adminEvents } from '../admin/contract';
import { appEvents } from '../app/contract';
import { occupancyBoardEvents } from '../occupancyBoard/contract';

/** Every event the core pushes to the renderer. Payloads are plain JSON and never hold a secret. */
export const events = {
  ...syncEvents,
  ...exportEvents,
  ...alertEvents,
  ...adminEvents,
  ...appEvents,
  ...occupancyBoardEvents,
  'connections.changed': event<{ connections: ConnectionView[] }>('The list of connections changed (added, edited, removed, demo started).'),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = NonNullable<(typeof events)[E]['payload']>;
export const eventNames = Object.keys(events) as EventName[];
