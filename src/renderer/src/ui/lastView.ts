import { keptPrefix, keptStorage } from './keptState';

/**
 * The last view (its address, `#view` or `#view/argument`), in localStorage: unlike the views' own
 * state (sessionStorage, see keptState.ts) it outlives a restart, so the console opens where it was left.
 */
const key = `${keptPrefix}last`;
const version = 1;
const storage = keptStorage<{ hash: string }>('local');

/** Opening with no address: goes to the last view, if it is still one of the views (`known`). */
export function restoreLastView(known: (viewId: string) => boolean): void {
  if (window.location.hash.replace(/^#/, '') !== '') return;
  const stored = storage.getItem(key) as { state?: unknown; version: number } | null;
  const hash = stored?.version === version && typeof stored.state === 'object' && stored.state !== null ? (stored.state as { hash?: unknown }).hash : undefined;
  if (typeof hash !== 'string' || !/^#[\w-]+(\/.{0,500})?$/.test(hash) || !known(hash.slice(1).split('/')[0]!)) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
}

/** Keeps the address as the user moves between views; returns the way to stop. */
export function keepLastView(): () => void {
  const save = () => {
    if (window.location.hash.length > 1) void storage.setItem(key, { state: { hash: window.location.hash }, version });
  };
  save();
  window.addEventListener('hashchange', save);
  return () => window.removeEventListener('hashchange', save);
}
