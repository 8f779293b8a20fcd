import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/compose';
import { KeytarSecretStore } from '../../src/main/secrets/keytarStore';
import { isAppError } from '../../src/shared/contract/errors';
import { gatedKeychain, realKeytar, type Keytar } from '../support/gatedKeychain';
import { tempDir } from '../support/temp';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function outcome<T>(p: Promise<T>): Promise<{ value?: T; code?: string; at: number }> {
  try {
    return { value: await p, at: Date.now() };
  } catch (e) {
    return { code: isAppError(e) ? e.code : String(e), at: Date.now() };
  }
}

let real: Keytar;
beforeAll(async () => {
  real = await realKeytar();
});

describe('the keychain wait honours the call signal (real keychain)', () => {
  const service = `Retail Ops Console test ${randomUUID()}`;
  afterAll(async () => {
    await real.deletePassword(service, 'connection:c');
  });

  it('a read cancelled while waiting answers "cancelled" at once and is never made; one not cancelled reads', async () => {
    const keychain = gatedKeychain(real);
    const store = new KeytarSecretStore(service, keychain.load);
    await store.set('connection:c', 'the-key');

    keychain.hold();
    const controller = new AbortController();
    const cancelled = outcome(store.get('connection:c', { signal: controller.signal }));
    const kept = outcome(store.get('connection:c', { signal: new AbortController().signal }));
    await pause(50);
    const abortedAt = Date.now();
    controller.abort();
    const first = await cancelled;
    expect(first.code).toBe('cancelled');
    expect(first.at - abortedAt).toBeLessThan(100);
    expect(keychain.reads).toEqual([]);

    keychain.release();
    expect((await kept).value).toBe('the-key');
    await pause(200);
    // The call still waiting read once the keychain was there; the cancelled one never did.
    expect(keychain.reads).toEqual(['connection:c']);
  });

  it('leaves no listener on the signal, whether the read was made or given up', async () => {
    const keychain = gatedKeychain(real);
    const store = new KeytarSecretStore(service, keychain.load);
    await store.set('connection:c', 'the-key');
    const longLived = new AbortController();
    for (let i = 0; i < 20; i++) expect(await store.get('connection:c', { signal: longLived.signal })).toBe('the-key');
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(0);

    keychain.hold();
    const waiting = store.get('connection:c', { signal: longLived.signal });
    await pause(20);
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(1);
    keychain.release();
    expect(await waiting).toBe('the-key');
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(0);

    const ownCall = new AbortController();
    keychain.hold();
    const given = outcome(store.get('connection:c', { signal: ownCall.signal }));
    await pause(20);
    ownCall.abort();
    expect((await given).code).toBe('cancelled');
    expect(getEventListeners(ownCall.signal, 'abort')).toHaveLength(0);
    keychain.release();
  });
});

describe("a cancelled call reads no key: connections.test through the core's dispatch", () => {
  let core: Core;
  let keychain: ReturnType<typeof gatedKeychain>;
  beforeAll(() => {
    keychain = gatedKeychain(real);
    core = createCore({ dataDir: tempDir('roc-core-'), secrets: new KeytarSecretStore(`Retail Ops Console test ${randomUUID()}`, keychain.load), shell: 'browser', version: '0.0.0-test' });
  });
  afterAll(async () => {
    keychain.release();
    await core?.close();
  });

  it('cancelled while its key waits for the keychain: answers "cancelled" before the keychain is there, and no read follows', async () => {
    // An address nothing listens on: a test that went on would fail "offline", not reach a vendor.
    const saved = JSON.parse(await core.answer('connections.save', { vendor: 'exteros', name: 'Ex', baseUrl: 'http://127.0.0.1:9', apiKey: 'k-1' })) as { ok: boolean; value: { id: string } };
    expect(saved.ok).toBe(true);
    const id = saved.value.id;
    keychain.hold();
    const controller = new AbortController();
    const answer = core.answer('connections.test', { id }, controller.signal);
    await pause(50);
    controller.abort();
    expect(JSON.parse(await answer)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    keychain.release();
    await pause(200);
    expect(keychain.reads).toEqual([]);

    // The same call not cancelled reads the key (and then finds no vendor there).
    const after = JSON.parse(await core.answer('connections.test', { id })) as { ok: boolean; value?: unknown; error?: { code: string } };
    expect(keychain.reads).toEqual([`connection:${id}`]);
    expect(after.error?.code ?? 'answered').not.toBe('cancelled');
  });
});
