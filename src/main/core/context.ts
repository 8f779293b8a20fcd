import type { EventName, EventPayload } from '../../shared/contract/events';
import type { Db } from '../db/open';
import type { Logger } from '../log/logger';
import type { SecretStore } from '../secrets/store';
import type { ShellServices } from './shellServices';

/** What every service of the core is handed. Nothing here knows which shell runs the core. */
export interface CoreContext {
  db: Db;
  secrets: SecretStore;
  log: Logger;
  dataDir: string;
  now: () => Date;
  /** Native abilities of the shell running the core; each may be missing (browser mode). */
  shell: ShellServices;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/**
 * What every handler is handed besides its input: the call's own signal, aborted when the caller
 * gives the call up (its window went away, Cancel) or the core is closing, so the work it started
 * (vendor requests, waits) stops instead of running on unseen.
 */
export interface CallContext {
  signal: AbortSignal;
}
