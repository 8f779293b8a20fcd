import type { appCalls } from '../../shared/app/contract';
import type { CoreContext } from '../core/context';
import type { HandlersFor } from '../core/handlers';
import { schemaVersion } from '../db/open';
import type { ShellUpdates } from './updates';

export function appHandlers(ctx: CoreContext, info: { version: string; shell: 'desktop' | 'browser' }, updates: ShellUpdates): HandlersFor<typeof appCalls> {
  return {
    'app.info': async () => ({ ...info, dataDir: ctx.dataDir, schemaVersion: schemaVersion(ctx.db), updates: updates.get() }),
    'app.restartToUpdate': () => updates.restart(),
  };
}
