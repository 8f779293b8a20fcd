import { useEffect, useRef } from 'react';
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
  /**
   * The calls that failed because the core could not be reached: the count of comebacks when each
   * failed. Kept by the store (one object for its life; a failure is forgotten with its error).
   */
  losses: WeakMap<ContractError, number>;
}

export const useCoreLink = create<CoreLink>(() => ({ down: false, backs: 0, losses: new WeakMap() }));

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
  const { losses, backs } = useCoreLink.getState();
  if (!result.ok) losses.set(result.error, backs);
  return result;
}

/**
 * How an error stands against the link: null when it is not a loss of the core; `back` once the
 * core has come back since the call failed (a read can be made again now).
 */
export function lossState(error: ContractError, link: CoreLink = useCoreLink.getState()): { back: boolean } | null {
  const at = link.losses.get(error);
  return at === undefined ? null : { back: link.backs > at };
}

/**
 * Runs `reload` (a read, never a write) each time the core comes back after it was lost while the
 * view is shown: for what a view keeps up to date by the core's events, which a core that stopped
 * did not send (a failed read says so itself: ErrorMessage's onBack).
 */
export function useCoreBack(reload: () => void): void {
  const backs = useCoreLink((s) => s.backs);
  const seen = useRef(backs);
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    if (backs === seen.current) return;
    seen.current = backs;
    latest.current();
  }, [backs]);
}
