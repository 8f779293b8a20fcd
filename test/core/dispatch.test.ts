import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callNames } from '../../src/shared/contract/calls';
import { errorCodes } from '../../src/shared/contract/errors';
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
});
