import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/shared/contract/errors';
import type { CoreContext } from '../../src/main/core/context';
import { openDatabase } from '../../src/main/db/open';
import type { LogLevel } from '../../src/main/log/logger';
import { ReadsService } from '../../src/main/reads/service';
import { startReadThread } from '../../src/main/reads/startThread';
import { tempDir } from '../support/temp';

// A read worker of the core that dies mid-read (issue 17 item 6): the real thread on a real,
// migrated cache file. The test starts the lane's first worker itself (as the core's process does)
// to hold it, and ends it from inside with an uncaught error.
describe('a read worker that dies', () => {
  it('is logged at once with its error, the read it held fails with that cause, the next read starts a new worker, and close resolves', async () => {
    const dataDir = tempDir('roc-read-death-');
    const db = openDatabase({ file: path.join(dataDir, 'cache.sqlite') });
    const logs: Array<{ level: LogLevel; message: string; fields?: Record<string, unknown> }> = [];
    const ctx: CoreContext = {
      db,
      secrets: { get: async () => null, set: async () => undefined, delete: async () => false },
      log: { log: (level, message, fields) => void logs.push({ level, message, fields }) },
      dataDir,
      now: () => new Date('2026-02-28T23:30:00.000Z'),
      shell: {},
      emit: () => undefined,
    };
    const first = startReadThread({ lane: 'estate', dataDir });
    const reads = new ReadsService(ctx, { started: { estate: first } });
    try {
      expect(await reads.value('estate', 'estate.tree', { part: 'top' })).toMatchObject({ nodes: expect.any(Array) });

      // The read is posted once its lane has the worker (a microtask later); the message that
      // throws in the worker's own handler, outside any read's try, is there first.
      const held = reads.value('estate', 'estate.tree', { part: 'full' });
      first.worker.postMessage(null);
      const error = await held.then(() => null, (e: unknown) => e);
      expect(isAppError(error)).toBe(true);
      expect((error as Error).message).toMatch(/reading thread stopped unexpectedly/);
      expect((error as { detail?: string }).detail).toMatch(/^the estate read thread stopped \(exit code 1, TypeError: .*null/);

      const died = logs.filter((l) => l.level === 'error');
      expect(died).toEqual([{ level: 'error', message: 'reads: a read worker died; the next read starts a new one', fields: { lane: 'estate', exitCode: 1, error: expect.stringMatching(/^TypeError: /), readsLost: 1 } }]);

      // A new worker answers the next read, on a thread (JSON text), not inline on the core.
      expect(await reads.answer('estate', 'estate.tree', { part: 'full' })).toMatchObject({ text: expect.stringContaining('"nodes"') });
      expect(logs.filter((l) => l.message.startsWith('reads: no read worker'))).toEqual([]);
    } finally {
      await reads.close();
      db.close();
    }
  });
});
