import type { DemoCredentials } from '../credentials';
import type { Estate } from '../estate/types';
import type { FaultController } from '../faults';
import type { SimAuth } from './auth';
import type { Router } from './router';

/** What every route module gets: `export function register(router, ctx)`. */
export interface SimContext {
  estate: Estate;
  /** the simulator's clock (tests pin it) */
  now: () => Date;
  faults: FaultController;
  /** a private folder for generated files (ffmpeg output) */
  workDir: string;
  auth: SimAuth;
  credentials: DemoCredentials;
  /** http://127.0.0.1:PORT once listening (for absolute URLs such as redirects) */
  baseUrl: () => string;
  /** called by close(): stop child processes, timers, etc. */
  onClose: (fn: () => void | Promise<void>) => void;
}

export type RegisterRoutes = (router: Router, ctx: SimContext) => void;
