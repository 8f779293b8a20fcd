import type { z } from 'zod';
import { appCalls } from '../app/contract';
import { connectionCalls } from '../connections/contract';
import { demoCalls } from '../demo/contract';
import { syncCalls } from '../sync/contract';
import { reportsCalls } from '../reports/contract';
import { exportCalls } from '../exports/contract';
import { liveCalls } from '../live/contract';
import { estateCalls } from '../estate/contract';
import { inventoryCalls } from '../inventory/contract';
import { auditCalls } from '../audit/contract';
import { alertCalls } from '../alerts/contract';
import { adminCalls } from '../admin/contract';
import { occupancyBoardCalls } from '../occupancyBoard/contract';
import { storeLayoutCalls } from '../storeLayout/contract';

/**
 * The contract: every call the renderer can make, in one table. Main registers a handler for each
 * (a missing one fails the type check), the preload and browser mode expose exactly these names,
 * and the renderer's client is typed from it. Feature tables are spread in here.
 */
export const calls = {
  ...appCalls,
  ...connectionCalls,
  ...demoCalls,
  ...syncCalls,
  ...reportsCalls,
  ...exportCalls,
  ...liveCalls,
  ...estateCalls,
  ...inventoryCalls,
  ...auditCalls,
  ...alertCalls,
  ...adminCalls,
  ...occupancyBoardCalls,
  ...storeLayoutCalls,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type CallParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = Calls[K] extends { output?: infer O } ? O : never;
export const callNames = Object.keys(calls) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
