import type { SimContext } from '../http/context';
import type { Router } from '../http/router';

export function register(router: Router, ctx: SimContext): void {
  void router;
  void ctx;
}
