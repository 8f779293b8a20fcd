import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ChangeView } from '../../src/shared/admin/types';
import type { ExportJobView, ExportWritePreview } from '../../src/shared/exports/types';
import type { RunningSimulator } from '../../src/simulator/index';
import type { Core } from '../../src/main/compose';
import { startSimulator } from '../../src/simulator/index';
import { callOk, connectCore, pickStore, recentRange, startSim, tempDir, waitForJob } from './rig';

// Starting and deleting a RetailNext export are writes to the vendor: previewed, recorded in the
// change log before they are sent, completed after, never sent twice (counted at the simulator).
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});

/** Counts the simulator's requests to an endpoint: a rule that delays each one by `ms` and counts its hits. */
function counter(id: string, endpoint: string, ms: number): () => number {
  sim.faults.set({ id, vendor: 'retailnext', endpoint, kind: 'latency', ms });
  return () => sim.faults.list().find((f) => f.id === id)?.hits ?? 0;
}

async function changes(core: Core, kind: 'export.start' | 'export.delete'): Promise<ChangeView[]> {
  return (await callOk<{ changes: ChangeView[] }>(core, 'admin.changes.list', { filter: { kind } })).changes;
}

/**
 * Holds the simulator's answers to an endpoint until `release` (or the test's end): what the change
 * log says meanwhile is what it says while the request is out, however long a read takes.
 */
function holdAnswers(id: string, endpoint: string): () => void {
  sim.faults.set({ id, vendor: 'retailnext', endpoint, kind: 'hold' });
  const release = () => sim.faults.clear(id);
  onTestFinished(release);
  return release;
}

/** Waits until the change log holds an entry of this kind in this state (the request still out). */
async function seen(core: Core, kind: 'export.start' | 'export.delete', status: ChangeView['status']): Promise<ChangeView> {
  for (let i = 0; i < 400; i++) {
    const c = (await changes(core, kind)).find((x) => x.status === status);
    if (c) return c;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no ${kind} entry ${status}: ${JSON.stringify(await changes(core, kind))}`);
}

async function startPreview(core: Core, connectionId: string, folder: string, seconds = 3): Promise<ExportWritePreview> {
  const { store, applianceId, channels } = await pickStore(core, connectionId, 1);
  return callOk<ExportWritePreview>(core, 'exports.startPreview', { connectionId, storeUuid: store.uuid, applianceId, channels: [channels[0]!.uuid], ...recentRange(seconds), folder });
}

describe('export starts and deletes go through the change log', () => {
  it('start: previewed in words, recorded as sending before RetailNext answers, completed with its task id', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const preview = await startPreview(core, connectionId, folder);
    const { store, channels } = await pickStore(core, connectionId, 1);
    expect(preview).toMatchObject({ action: 'start', jobId: null, blocked: null });
    expect(preview.summary).toMatch(new RegExp(`^${store.name} · ${channels[0]!.name}, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}–\\d{2}:\\d{2}:\\d{2}$`));
    expect(preview.lines.map((l) => l.label)).toEqual(['Store', 'Camera', 'Time range', 'Format', 'Saved into']);
    expect(preview.lines.find((l) => l.label === 'Saved into')!.value).toBe(folder);
    expect(await changes(core, 'export.start')).toEqual([]); // a preview sends and records nothing

    const hits = counter('count-start', 'video.export.start', 0);
    const release = holdAnswers('start-held', 'video.export.start');
    const sending = callOk<ExportJobView>(core, 'exports.confirm', { previewId: preview.previewId });
    const during = await seen(core, 'export.start', 'sending');
    expect(during).toMatchObject({ targetName: preview.summary, connectionId, vendorStatus: null, finishedAt: null });
    expect(during.sent).toMatchObject({ store_uuid: store.uuid, channel: [channels[0]!.uuid], raw: 0 });
    release();
    const job = await sending;
    expect(hits()).toBe(1);
    sim.faults.clear('count-start');
    expect(job.state).toBe('in_progress');
    const [done] = await changes(core, 'export.start');
    expect(done).toMatchObject({ id: during.id, target: job.id, status: 'done', vendorStatus: 201, message: expect.stringContaining(job.exportId!) });
    expect(JSON.stringify(done)).not.toContain(sim.credentials.retailnext.secretKey);
    expect((await waitForJob(core, job.id, ['done', 'failed'])).state).toBe('done');
  });

  it('delete: says what stays on this computer, recorded before it is sent and completed after', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const started = await callOk<ExportJobView>(core, 'exports.confirm', { previewId: (await startPreview(core, connectionId, folder)).previewId });
    const job = await waitForJob(core, started.id, ['done', 'failed']);
    const preview = await callOk<ExportWritePreview>(core, 'exports.deletePreview', { id: job.id });
    expect(preview).toMatchObject({ action: 'delete', jobId: job.id, blocked: null });
    expect(preview.lines).toEqual([
      { label: 'At RetailNext', value: `The export task ${job.exportId} is deleted: it can no longer be downloaded from RetailNext` },
      { label: 'On this computer', value: `The downloaded file stays: ${job.filePath} (with its evidence record)` },
    ]);
    const hits = counter('count-delete', 'video.export.delete', 0);
    const release = holdAnswers('delete-held', 'video.export.delete');
    const sending = callOk<ExportJobView>(core, 'exports.confirm', { previewId: preview.previewId });
    const during = await seen(core, 'export.delete', 'sending');
    expect(during).toMatchObject({ target: job.id, sent: { export_id: job.exportId }, before: { export_id: job.exportId, state: 'done' } });
    release();
    const after = await sending;
    expect(hits()).toBe(1);
    sim.faults.clear('count-delete');
    expect(after).toMatchObject({ state: 'done', remoteDeletedAt: expect.any(String) });
    expect((await changes(core, 'export.delete'))[0]).toMatchObject({ id: during.id, status: 'done', message: 'Deleted at RetailNext; the downloaded file stays on this computer.' });
    // deleted once: a second delete is refused before anything is sent or recorded
    expect(await core.invoke('exports.deletePreview', { id: job.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already deleted/) } });
    expect(await changes(core, 'export.delete')).toHaveLength(1);
  });

  it('a start RetailNext refuses stays failed with its cause (not queued); Retry is previewed and sends once more', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const preview = await startPreview(core, connectionId, folder);
    const hits = counter('count-starts', 'video.export.start', 0);
    sim.faults.set({ id: 'refuse', vendor: 'retailnext', endpoint: 'video.export.start', kind: 'status5xx', status: 500, count: 1 });
    const job = await callOk<ExportJobView>(core, 'exports.confirm', { previewId: preview.previewId });
    expect(hits()).toBe(1); // a 5xx on a start is never retried by itself
    expect(job).toMatchObject({ state: 'failed', exportId: null });
    expect(job.reason?.message).toMatch(/RetailNext had a problem on its side/);
    const [failed] = await changes(core, 'export.start');
    expect(failed).toMatchObject({ target: job.id, status: 'failed', vendorStatus: 500, message: job.reason?.message });
    // still failed after a while: nothing was queued to go later
    await new Promise((r) => setTimeout(r, 300));
    expect(hits()).toBe(1);
    expect((await callOk<ExportJobView[]>(core, 'exports.list', {})).find((j) => j.id === job.id)!.state).toBe('failed');

    const retry = await callOk<ExportWritePreview>(core, 'exports.retryPreview', { id: job.id });
    expect(retry).toMatchObject({ action: 'retry', jobId: job.id, summary: preview.summary, blocked: null });
    const again = await callOk<ExportJobView>(core, 'exports.confirm', { previewId: retry.previewId });
    expect(hits()).toBe(2);
    expect(again.state).toBe('in_progress');
    const [retried] = await changes(core, 'export.start');
    expect(retried).toMatchObject({ status: 'done', retryOf: failed!.id, before: { state: 'failed', export_id: null } });
    sim.faults.clear('count-starts');
    expect((await waitForJob(core, job.id, ['done', 'failed'])).state).toBe('done');
  });

  it('a start whose answer is lost (connection dropped) is outcome unknown, and is never sent again', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const preview = await startPreview(core, connectionId, folder);
    const hits = counter('count-lost', 'video.export.start', 0);
    sim.faults.set({ id: 'drop', vendor: 'retailnext', endpoint: 'video.export.start', kind: 'resetMidBody', bytes: 0, count: 1 });
    const job = await callOk<ExportJobView>(core, 'exports.confirm', { previewId: preview.previewId });
    expect(hits()).toBe(1);
    const [lost] = await changes(core, 'export.start');
    expect(lost, JSON.stringify(lost)).toMatchObject({ target: job.id, status: 'unknown', message: expect.stringMatching(/may or may not have applied it/) });
    expect(job).toMatchObject({ state: 'failed', reason: { message: lost!.message } });
    const retry = await callOk<ExportWritePreview>(core, 'exports.retryPreview', { id: job.id });
    expect(retry.blocked).toMatch(/not sent again, so that there are never two/);
    expect(await core.invoke('exports.confirm', { previewId: retry.previewId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.invoke('admin.changes.retry', { changeId: lost!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(hits()).toBe(1);
    sim.faults.clear('count-lost');
    expect(await changes(core, 'export.start')).toHaveLength(1);
  });

  it('a stop between RetailNext\'s answer and its save: after the restart the export is listed, failed in words, its start "unknown", never sent again', async () => {
    const dataDir = tempDir('roc-core-crash-');
    const folder = tempDir('roc-exports-');
    let answered!: () => void;
    const reached = new Promise<void>((resolve) => (answered = resolve));
    // The crash: once RetailNext has answered, this core goes no further (nothing after it is saved), then it is closed.
    const stopAfterAnswer = () => (answered(), new Promise<void>(() => undefined));
    const first = await connectCore(sim, { dataDir, testHooks: { exportStartAnswered: stopAfterAnswer } });
    const preview = await startPreview(first.core, first.connectionId, folder);
    const hits = counter('count-crash', 'video.export.start', 0);
    void first.core.invoke('exports.confirm', { previewId: preview.previewId });
    await reached;
    expect(hits()).toBe(1);
    // the export is listed from the moment its start left; the change log says it is being sent
    const [sending] = await changes(first.core, 'export.start');
    expect(sending).toMatchObject({ status: 'sending', targetName: preview.summary });
    expect((await callOk<ExportJobView[]>(first.core, 'exports.list', {})).find((j) => j.id === sending!.target)).toMatchObject({ state: 'in_progress', exportId: null });
    await first.core.close();

    const second = await connectCore(sim, { dataDir, secrets: first.core.context.secrets });
    const [entry] = await changes(second.core, 'export.start');
    expect(entry).toMatchObject({ id: sending!.id, status: 'unknown', message: expect.stringMatching(/stopped while this was being sent/) });
    const listed = (await callOk<ExportJobView[]>(second.core, 'exports.list', {})).find((j) => j.id === entry!.target);
    expect(listed).toMatchObject({ state: 'failed', exportId: null, reason: { message: expect.stringMatching(/^The console stopped while this export was being started: RetailNext may have made it/) } });
    // RetailNext lists no exports (its API finds one by the id its answer carried only): it is never asked again
    const retry = await callOk<ExportWritePreview>(second.core, 'exports.retryPreview', { id: listed!.id });
    expect(retry.blocked).toMatch(/not sent again, so that there are never two/);
    expect(await second.core.invoke('exports.confirm', { previewId: retry.previewId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(hits()).toBe(1);
    sim.faults.clear('count-crash');
  });

  it('a double click, or a second preview of the same export confirmed at once, sends one start', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const first = await startPreview(core, connectionId, folder);
    const hits = counter('double', 'video.export.start', 300);
    const clicks = await Promise.all([core.invoke('exports.confirm', { previewId: first.previewId }), core.invoke('exports.confirm', { previewId: first.previewId })]);
    expect(clicks.filter((c) => c.ok)).toHaveLength(1);
    expect(clicks.find((c) => !c.ok)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already sent/) } });
    expect(hits()).toBe(1);

    // the same clip previewed in two windows, both confirmed while the first is on its way
    const [a, b] = [await startPreview(core, connectionId, folder, 4), await startPreview(core, connectionId, folder, 4)];
    const release = holdAnswers('double-held', 'video.export.start');
    const pending = core.invoke('exports.confirm', { previewId: a.previewId });
    await seen(core, 'export.start', 'sending');
    expect(await core.invoke('exports.confirm', { previewId: b.previewId })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/being started right now .* never sent twice/) } });
    release();
    expect((await pending).ok).toBe(true);
    expect(hits()).toBe(2);
    sim.faults.clear('double');
    expect((await changes(core, 'export.start')).map((c) => c.status)).toEqual(['done', 'done']);
  });

  it('a start while RetailNext cannot be reached is not sent (nothing queued); once it is back, Retry makes exactly one export', async () => {
    // A vendor of its own, stopped between the preview and the confirmation: the network is dead.
    const own = await startSimulator({ port: 0, scale: 'demo', seed: 7 });
    const port = Number(new URL(own.url).port);
    const { core, connectionId } = await connectCore(own);
    const folder = tempDir('roc-exports-');
    const { store, applianceId, channels } = await pickStore(core, connectionId, 1);
    const preview = await callOk<ExportWritePreview>(core, 'exports.startPreview', { connectionId, storeUuid: store.uuid, applianceId, channels: [channels[0]!.uuid], ...recentRange(3), folder });
    await own.close();
    const job = await callOk<ExportJobView>(core, 'exports.confirm', { previewId: preview.previewId });
    const [notSent] = await changes(core, 'export.start');
    expect(notSent).toMatchObject({ target: job.id, status: 'not_sent', message: expect.stringMatching(/^Not sent: .*Nothing was queued/) });
    expect(job).toMatchObject({ state: 'failed', exportId: null, reason: { code: 'offline', message: notSent!.message } });

    const back = await startSimulator({ port, scale: 'demo', seed: 7 });
    try {
      back.faults.set({ id: 'count', vendor: 'retailnext', endpoint: 'video.export.start', kind: 'latency', ms: 0 });
      await new Promise((r) => setTimeout(r, 300));
      expect(back.faults.list()[0]!.hits).toBe(0); // nothing went by itself once the vendor was back
      const retry = await callOk<ExportWritePreview>(core, 'exports.retryPreview', { id: job.id });
      expect(retry.blocked).toBeNull();
      const again = await callOk<ExportJobView>(core, 'exports.confirm', { previewId: retry.previewId });
      expect(again.state).toBe('in_progress');
      expect(back.faults.list()[0]!.hits).toBe(1);
      expect(await core.invoke('exports.confirm', { previewId: retry.previewId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(back.faults.list()[0]!.hits).toBe(1);
      expect((await changes(core, 'export.start')).map((c) => [c.status, c.retryOf])).toEqual([['done', notSent!.id], ['not_sent', null]]);
      await callOk(core, 'exports.cancel', { id: job.id });
    } finally {
      await core.close();
      await back.close();
    }
  });
});
