import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index';
import type { ExportJobView, VerifyResult } from '../../src/shared/exports/types';
import { callOk, collect, confirmed, connectCore, pickStore, recentRange, referenceBytes, setFault, sha256, startSim, tempDir, waitForJob } from './rig';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});

async function startExport(core: Parameters<typeof pickStore>[0], connectionId: string, folder: string, seconds = 5, extra: Record<string, unknown> = {}) {
  const { store, applianceId, channels } = await pickStore(core, connectionId, 1);
  return confirmed(core, 'exports.startPreview', {
    connectionId,
    storeUuid: store.uuid,
    applianceId,
    channels: [channels[0]!.uuid],
    ...recentRange(seconds),
    folder,
    ...extra,
  });
}

describe('video exports against the simulator', () => {
  it('starts, follows, downloads under a safe name, records evidence and a matching sidecar; Verify catches a change', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const states: string[] = [];
    core.subscribe((name, p) => name === 'exports.changed' && states.push((p as ExportJobView).state));
    const progress = collect(core, 'exports.progress');
    const job = await startExport(core, connectionId, folder, 5, { infoOverlay: true });
    expect(job.state).toBe('in_progress');
    const done = await waitForJob(core, job.id, ['done', 'failed', 'interrupted']);
    expect(done.state, JSON.stringify(done.reason)).toBe('done');
    expect(states).toEqual(expect.arrayContaining(['in_progress', 'ready', 'downloading', 'done']));
    expect(progress.at(-1)).toMatchObject({ id: job.id, bytesDone: done.bytesTotal, secondsLeft: 0 });

    const file = done.filePath!;
    expect(path.dirname(file)).toBe(folder);
    // "Store - Camera - start in the store's time"
    expect(path.basename(file).startsWith(`${done.request.storeName} - ${done.request.channels[0]!.name}`)).toBe(true);
    expect(path.basename(file)).toMatch(/^[\p{L}\p{N} ._()+,-]+ - \d{4}-\d{2}-\d{2} \d{2}\.\d{2}\.\d{2}\.mp4$/u);
    expect(fs.readdirSync(folder).sort()).toEqual([path.basename(file), `${path.basename(file)}.evidence.json`].sort());
    expect(Buffer.compare(fs.readFileSync(file), await referenceBytes(sim, done.exportId!))).toBe(0);

    const ev = done.evidence!;
    expect(ev.sha256).toBe(sha256(file));
    expect(ev.size).toBe(fs.statSync(file).size);
    expect(ev).toMatchObject({ exportId: done.exportId, storeUuid: done.request.storeUuid, requestedRange: { start: done.request.start, end: done.request.end } });
    expect(ev.who.length).toBeGreaterThan(0);
    const sidecar = JSON.parse(fs.readFileSync(ev.sidecarPath, 'utf8')) as Record<string, unknown>;
    expect(sidecar).toMatchObject({ sha256: ev.sha256, size: ev.size, exportId: done.exportId, who: ev.who, requestedRange: ev.requestedRange });

    const ok = await callOk<VerifyResult>(core, 'exports.verify', { id: job.id });
    expect(ok).toMatchObject({ matches: true, sidecarMatches: true, actualSha256: ev.sha256 });

    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from([0x42]), 0, 1, 1000);
    fs.closeSync(fd);
    const bad = await callOk<VerifyResult>(core, 'exports.verify', { id: job.id });
    expect(bad.matches).toBe(false);
    expect(bad.message).toMatch(/changed/);

    // the record survives in the cache
    const listed = (await callOk<ExportJobView[]>(core, 'exports.list', {})).find((j) => j.id === job.id)!;
    expect(listed.evidence?.sha256).toBe(ev.sha256);
    // browser mode cannot open files: it says so and gives the path
    const open = await callOk<{ opened: boolean; path: string; message: string }>(core, 'exports.open', { id: job.id, target: 'folder' });
    expect(open).toMatchObject({ opened: false, path: file });
    expect(open.message).toMatch(/browser/);
  });

  it('never overwrites: an existing file of the same name is kept and the download gets " (2)"', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const first = await waitForJob(core, (await startExport(core, connectionId, folder, 4)).id, ['done', 'failed']);
    fs.rmSync(first.evidence!.sidecarPath);
    fs.writeFileSync(first.filePath!, 'precious');
    // the same store, channel and range as the first one: the same file name
    const again = await confirmed(core, 'exports.startPreview', {
      connectionId,
      storeUuid: first.request.storeUuid,
      applianceId: first.request.applianceId,
      channels: first.request.channels.map((c) => c.uuid),
      start: first.request.start,
      end: first.request.end,
      folder,
    });
    const done = await waitForJob(core, again.id, ['done', 'failed']);
    expect(done.filePath).toBe(first.filePath!.replace(/\.mp4$/, ' (2).mp4'));
    expect(fs.readFileSync(first.filePath!, 'utf8')).toBe('precious');
  });

  it('a connection dropped mid-body (resetMidBody) resumes with Range and ends byte-identical', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    await setFault(sim, { id: 'drop-once', vendor: 'retailnext', endpoint: 'video.export.download', kind: 'resetMidBody', bytes: 20_000, count: 1 });
    const progress = collect(core, 'exports.progress');
    const job = await startExport(core, connectionId, folder, 6);
    const done = await waitForJob(core, job.id, ['done', 'failed', 'interrupted']);
    expect(done.state, JSON.stringify(done.reason)).toBe('done');
    expect(JSON.parse(await (await fetch(`${sim.url}/__sim/faults`)).text())).toEqual({ rules: [] }); // the drop happened
    expect(Buffer.compare(fs.readFileSync(done.filePath!), await referenceBytes(sim, done.exportId!))).toBe(0);
    expect(done.evidence!.sha256).toBe(sha256(done.filePath!));
    // resumed, not restarted: progress never went back to the start
    const mine = progress.filter((p) => p.id === job.id).map((p) => p.bytesDone);
    for (let i = 1; i < mine.length; i++) expect(mine[i]!).toBeGreaterThanOrEqual(mine[i - 1]!);
  });

  it('a download cut by a console restart resumes from the partial file in the new console', async () => {
    const dataDir = tempDir('roc-core-restart-');
    const folder = tempDir('roc-exports-');
    const first = await connectCore(sim, { dataDir });
    await setFault(sim, { id: 'drop-before-restart', vendor: 'retailnext', endpoint: 'video.export.download', kind: 'resetMidBody', bytes: 12_000, count: 1 });
    const job = await startExport(first.core, first.connectionId, folder, 6);
    // wait until the drop happened (bytes on disk, auto-resume waiting), then close the console
    const partial = path.join(folder, `.${job.id}.part`);
    for (let i = 0; i < 200 && !(fs.existsSync(partial) && fs.statSync(partial).size >= 12_000); i++) await new Promise((r) => setTimeout(r, 25));
    expect(fs.existsSync(partial), JSON.stringify((await callOk<ExportJobView[]>(first.core, 'exports.list', {})).find((j) => j.id === job.id))).toBe(true);
    expect(fs.statSync(partial).size).toBe(12_000);
    await first.core.close();

    const second = await connectCore(sim, { dataDir, secrets: first.core.context.secrets });
    const listed = (await callOk<ExportJobView[]>(second.core, 'exports.list', {})).find((j) => j.id === job.id)!;
    expect(listed.state).toBe('interrupted');
    expect(listed.bytesDone).toBe(12_000);
    const progress = collect(second.core, 'exports.progress');
    await callOk(second.core, 'exports.resume', { id: job.id });
    const done = await waitForJob(second.core, job.id, ['done', 'failed', 'interrupted']);
    expect(done.state, JSON.stringify(done.reason)).toBe('done');
    // Resumed, not started again: no progress below what was on disk (the first may say just that).
    expect(Math.min(...progress.filter((p) => p.id === job.id).map((p) => p.bytesDone))).toBeGreaterThanOrEqual(12_000);
    expect(Buffer.compare(fs.readFileSync(done.filePath!), await referenceBytes(sim, done.exportId!))).toBe(0);
    expect(fs.existsSync(partial)).toBe(false);
  });

  it('Cancel mid-download keeps the partial file; Resume continues from it and ends byte-identical', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    // The body drops after 12,000 bytes: the job waits to resume on its own, the part on disk.
    await setFault(sim, { id: 'drop-before-cancel', vendor: 'retailnext', endpoint: 'video.export.download', kind: 'resetMidBody', bytes: 12_000, count: 1 });
    const job = await startExport(core, connectionId, folder, 6);
    const partial = path.join(folder, `.${job.id}.part`);
    for (let i = 0; i < 200 && !(fs.existsSync(partial) && fs.statSync(partial).size >= 12_000); i++) await new Promise((r) => setTimeout(r, 25));
    const cancelled = await callOk<ExportJobView>(core, 'exports.cancel', { id: job.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', bytesDone: 12_000, reason: { code: 'cancelled', message: expect.stringMatching(/Resume continues from there/) } });
    expect(fs.statSync(partial).size).toBe(12_000);
    const progress = collect(core, 'exports.progress');
    await callOk(core, 'exports.resume', { id: job.id });
    const done = await waitForJob(core, job.id, ['done', 'failed', 'interrupted']);
    expect(done.state, JSON.stringify(done.reason)).toBe('done');
    // Resumed, not started again: no progress below what was on disk (the first may say just that).
    expect(Math.min(...progress.filter((p) => p.id === job.id).map((p) => p.bytesDone))).toBeGreaterThanOrEqual(12_000);
    expect(Buffer.compare(fs.readFileSync(done.filePath!), await referenceBytes(sim, done.exportId!))).toBe(0);
    expect(fs.existsSync(partial)).toBe(false);
  });

  it('a failed export shows the vendor reason; delete + resume says expired; retry asks again', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const { store, applianceId, channels } = await pickStore(core, connectionId, 1);
    const future = new Date(Date.now() + 3_600_000);
    const job = await confirmed(core, 'exports.startPreview', {
      connectionId,
      storeUuid: store.uuid,
      applianceId,
      channels: [channels[0]!.uuid],
      start: new Date(future.getTime() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      end: future.toISOString().replace(/\.\d+Z$/, 'Z'),
      folder,
    });
    const failed = await waitForJob(core, job.id, ['failed', 'done']);
    expect(failed.state).toBe('failed');
    expect(failed.reason?.detail).toMatch(/future/);

    const ok = await startExport(core, connectionId, folder, 3);
    await callOk(core, 'exports.cancel', { id: ok.id });
    const deleted = await confirmed(core, 'exports.deletePreview', { id: ok.id });
    expect(deleted.state).toBe('expired');
    const retried = await confirmed(core, 'exports.retryPreview', { id: ok.id });
    expect(retried.exportId).not.toBe(ok.exportId);
    expect((await waitForJob(core, ok.id, ['done', 'failed'])).state).toBe('done');
  });

  it('keeps how long each render took: the next export of the connection carries an estimate while it renders', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const first = await startExport(core, connectionId, folder, 4);
    expect(first.renderStartedAt).toBe(first.createdAt);
    expect(first.renderEstimate).toBeNull(); // the connection's first export: nothing to judge from
    await waitForJob(core, first.id, ['done', 'failed']);
    const samples = core.context.db.prepare('SELECT clip_seconds, channels, raw, render_ms FROM video_export_render_times WHERE connection_id = ?').all(connectionId) as Array<{ clip_seconds: number; channels: number; raw: number; render_ms: number }>;
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ clip_seconds: 4, channels: 1, raw: 0 });
    expect(samples[0]!.render_ms).toBeGreaterThanOrEqual(400); // the simulator renders for at least MIN_RENDER_MS
    const second = await startExport(core, connectionId, folder, 8);
    expect(second.renderEstimate).toMatchObject({ basedOn: 1 });
    expect(second.renderEstimate!.seconds).toBeGreaterThanOrEqual(1);
    const done = await waitForJob(core, second.id, ['done', 'failed']);
    expect(done.renderEstimate).toBeNull(); // only while it renders
  });

  it('Delete at RetailNext of a downloaded export keeps the file and says when; a second delete is refused', async () => {
    const { core, connectionId } = await connectCore(sim);
    const folder = tempDir('roc-exports-');
    const done = await waitForJob(core, (await startExport(core, connectionId, folder, 3)).id, ['done', 'failed']);
    expect(done.remoteDeletedAt).toBeNull();
    const deleted = await confirmed(core, 'exports.deletePreview', { id: done.id });
    expect(deleted).toMatchObject({ state: 'done', remoteDeletedAt: expect.any(String), filePath: done.filePath });
    expect(fs.existsSync(done.filePath!)).toBe(true);
    const c = sim.credentials.retailnext;
    const auth = 'Basic ' + Buffer.from(`${c.accessKey}:${c.secretKey}`).toString('base64');
    expect((await fetch(`${sim.baseUrls.retailnext}/v1/video/export/task/${done.exportId}`, { headers: { authorization: auth }, redirect: 'manual' })).status).toBe(404);
    expect(await core.invoke('exports.deletePreview', { id: done.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already deleted/) } });
  });

  it('refuses a folder given as a relative path and more than 16 channels', async () => {
    const { core, connectionId } = await connectCore(sim);
    const { store, applianceId, channels } = await pickStore(core, connectionId, 1);
    const res = await core.invoke('exports.startPreview', { connectionId, storeUuid: store.uuid, applianceId, channels: [channels[0]!.uuid], ...recentRange(3), folder: 'relative/dir' });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const many = await core.invoke('exports.startPreview', { connectionId, storeUuid: store.uuid, applianceId, channels: Array.from({ length: 17 }, (_, i) => `c${i}`), ...recentRange(3) });
    expect(many).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
