import type { demoCalls } from '../../shared/demo/contract';
import type { HandlersFor } from '../core/handlers';
import type { DemoWorkspace } from './workspace';

export function demoHandlers(demo: DemoWorkspace): HandlersFor<typeof demoCalls> {
  return {
    'demo.start': () => demo.start(),
    'demo.stop': () => demo.stop(),
  };
}
