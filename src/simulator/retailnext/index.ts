// RetailNext API: https://<subscription>.api.retailnext.net/... is served at /retailnext/<subscription>/...

import type { SimContext } from '../http/context';
import type { Router } from '../http/router';
import * as analytics from './analytics';
import * as video from './video';
import * as health from './health';
import * as inventory from './inventory';
import * as locations from './locations';
import * as storehours from './storehours';
import * as users from './users';

type Register = (router: Router, ctx: SimContext) => void;

const CORE: Register[] = [locations.register, storehours.register, users.register, health.register, inventory.register];

export function register(router: Router, ctx: SimContext): void {
  for (const r of CORE) r(router, ctx);
  (analytics.register as Register)(router, ctx);
  (video.register as Register)(router, ctx);
}
