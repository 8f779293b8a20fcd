import net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/core/dispatch';
import type { Handlers } from '../../src/main/core/handlers';
import { callNames } from '../../src/shared/contract/calls';
import { cancelledError, errorCodes } from '../../src/shared/contract/errors';
import { maxInputBytes } from '../../src/shared/contract/limits';
import { startTestCore } from '../support/core';

describe('the contract boundary', () => {
  it('answers an unknown call, a wrong type and an oversized payload with typed errors', async () => {
    const core = startTestCore();
    expect(await core.invoke('connections.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await core.invoke(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await core.invoke('connections.remove', { id: 7 })).toMatchObject({ ok: false, error: { code: 'invalid_input', detail: 'field id' } });
    expect(await core.invoke('connections.list', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const huge = { vendor: 'exteros', name: 'x', apiKey: 'k'.repeat(maxInputBytes) };
    expect(await core.invoke('connections.save', huge)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await core.invoke('connections.list', cyclic)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.invoke('connections.test', { id: 'no-such-id' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('never throws and always returns a typed result, whatever it is sent (property-based)', async () => {
    const core = startTestCore();
    // Calls that act on the outside world are fuzzed on their input shape only when they cannot succeed.
    const names = fc.oneof(fc.constantFrom(...callNames.filter((n) => n !== 'demo.start')), fc.string({ maxLength: 40 }), fc.anything());
    await fc.assert(
      fc.asyncProperty(names, fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), async (name, input) => {
        const result = await core.invoke(name, input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(errorCodes).toContain(result.error.code);
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message).not.toMatch(/\bat .*\.ts:\d+/);
        }
      }),
      { numRuns: 400 },
    );
    expect((await core.invoke('app.info', {})).ok).toBe(true);
  });

  it('a call still running when the core closes is stopped: its vendor request goes, it answers "cancelled"', async () => {
    const seen = { requests: 0, closed: 0 };
    // A vendor that takes the request and never answers.
    const silent = net.createServer((socket) => {
      socket.once('data', () => seen.requests++);
      socket.on('close', () => seen.closed++);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const core = startTestCore();
      const saved = await core.invoke('connections.save', { vendor: 'exteros', name: 'Silent', baseUrl: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, apiKey: 'not-a-real-key' });
      if (!saved.ok) throw new Error(saved.error.message);
      const testing = core.invoke('connections.test', { id: (saved.value as { id: string }).id });
      while (seen.requests === 0) await new Promise((r) => setTimeout(r, 20));
      await core.close();
      expect(await testing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      while (seen.closed === 0) await new Promise((r) => setTimeout(r, 20));
      expect(seen.requests).toBe(1);
    } finally {
      silent.close();
    }
  });

  it('says "cancelled" only for a call that was: a part stopped without its cause is told as a fault, and logged', async () => {
    const logged: string[] = [];
    const log = { log: (_level: string, message: string) => void logged.push(message) };
    const handlers = { 'app.info': async () => Promise.reject(cancelledError()) } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, log);
    const unasked = await dispatch('app.info', {});
    expect(unasked).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('though nobody cancelled it') } });
    expect(logged).toContain('a call stopped as cancelled though nobody cancelled it');
    const caller = new AbortController();
    caller.abort();
    expect(await dispatch('app.info', {}, caller.signal)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});
