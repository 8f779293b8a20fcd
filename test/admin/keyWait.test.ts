import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBulkCsv } from '../../src/shared/admin/csvImport';
import type { BulkSummary, ChangeView, WritePreview } from '../../src/shared/admin/types';
import { gatedKeychain, realKeytar } from '../support/gatedKeychain';
import { openAdminRig, type AdminRig } from './rig';

/**
 * A write or a bulk run given up while its connection's key is still on its way from the keychain
 * (a keychain prompt, a slow keychain module) stops waiting at once, sends nothing and reads no key.
 * The keychain is the real one, handed over only when the test opens its gate.
 */
describe('admin writes give up the key wait when cancelled (real keychain)', () => {
  let rig: AdminRig;
  let keychain: ReturnType<typeof gatedKeychain>;
  beforeAll(async () => {
    keychain = gatedKeychain(await realKeytar());
    rig = await openAdminRig({}, { keychain: keychain.load });
    await rig.sync(['locations']);
  }, 60_000);
  afterAll(async () => {
    keychain?.release();
    await rig?.close();
  });

  /** `work`'s outcome if it comes while the keychain is still held; then the gate opens either way. */
  async function whileHeld<T>(work: Promise<T>): Promise<T | 'still waiting for the keychain'> {
    const gaveUp = new Promise<'still waiting for the keychain'>((r) => setTimeout(() => r('still waiting for the keychain'), 10_000));
    const first = await Promise.race([work, gaveUp]);
    keychain.release();
    return first;
  }

  const untilHeld = () => expect.poll(() => keychain.waiting).toBe(1);

  it('a single write: answers "cancelled before it was sent" with the keychain still held; the key is never read', async () => {
    const store = rig.sim.estate.stores[0]!;
    const preview = await rig.call<WritePreview>('admin.write.preview', { write: { kind: 'location.create', parentUuid: store.uuid, name: 'Held Display', locationType: 'display' } });
    const readsBefore = keychain.reads.length;
    keychain.hold();
    const controller = new AbortController();
    const confirming = rig.core.invoke('admin.write.confirm', { previewId: preview.previewId }, controller.signal);
    await untilHeld();
    controller.abort();
    const answer = await whileHeld(confirming);
    expect(answer).toMatchObject({ ok: true, value: { status: 'not_sent', message: 'Cancelled before it was sent.' } });
    expect((answer as { value: ChangeView }).value.kind).toBe('location.create');
    await expect.poll(() => keychain.waiting).toBe(0);
    expect(keychain.reads.slice(readsBefore)).toEqual([]);
    expect(rig.sim.estate.sublocations.some((s) => s.name === 'Held Display')).toBe(false);
  });

  it('a bulk run cancelled while its key waits: ends with every row "not sent", no key read, nothing sent', async () => {
    const stores = rig.sim.estate.stores.slice(0, 4);
    const parsed = parseBulkCsv(['site_uuid,occupancy_limit', ...stores.map((s) => `${s.uuid},77`)].join('\n'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const draft = await rig.call<BulkSummary>('admin.bulk.draft', { connectionId: rig.rn.id, source: 'csv', label: 'held.csv', fields: parsed.fields, rows: parsed.rows });
    const readsBefore = keychain.reads.length;
    keychain.hold();
    await rig.call('admin.bulk.confirm', { bulkId: draft.id });
    await untilHeld();
    await rig.call('admin.bulk.cancel', { bulkId: draft.id });
    const ended = (async () => {
      for (;;) {
        const s = (await rig.call<{ summary: BulkSummary }>('admin.bulk.preview', { bulkId: draft.id, limit: 1 })).summary;
        if (!s.running) return s;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const end = await whileHeld(ended);
    expect(end).toMatchObject({ running: false, counts: { done: 0, not_sent: 4 } });
    await expect.poll(() => keychain.waiting).toBe(0);
    expect(keychain.reads.slice(readsBefore)).toEqual([]);
    expect(rig.sim.estate.stores.slice(0, 4).map((s) => s.occupancy_limit)).not.toContain(77);
  });
});
