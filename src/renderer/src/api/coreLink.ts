import { create } from 'zustand';
import type { CoreStatus } from '../../../shared/app/contract';
import type { ContractError, Result } from '../../../shared/contract/errors';

/**
 * Whether the page reaches the console's core, as the core-status banner tells it: `down` from
 * "restarting" (the core stopped, the connection was lost, the local server is gone) until
 * "running"; `backs` counts the times it came back. The client keeps it (client.ts), so it holds
 * whether or not a banner is on screen.
 */
export interface CoreLink {
  down: boolean;
  backs: number;
}

export const useCoreLink = create<CoreLink>(() => ({ down: false, backs: 0 }));

// The calls that failed because the core could not be reached: the count of comebacks when each failed.
const losses = new WeakMap<ContractError, number>();

export function noteCoreStatus(status: CoreStatus): void {
  const { down, backs } = useCoreLink.getState();
  if (status.state !== 'running') {
    if (!down) useCoreLink.setState({ down: true });
  } else if (down) {
    useCoreLink.setState({ down: false, backs: backs + 1 });
  }
}

/** A failure caused by losing the core (not by the call itself): said by the banner, not beside it. */
export function lossOf<T extends Result<unknown>>(result: T): T {
  if (!result.ok) losses.set(result.error, useCoreLink.getState().backs);
  return result;
}

/**
 * How an error stands against the link: null when it is not a loss of the core; `back` once the
 * core has come back since the call failed (a read can be made again now).
 */
export function lossState(error: ContractError, link: CoreLink = useCoreLink.getState()): { back: boolean } | null {
  const at = losses.get(error);
  return at === undefined ? null : { back: link.backs > at };
}
