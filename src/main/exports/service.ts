import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, cancelledError, isAppError, type ContractError } from '../../shared/contract/errors';
import { isNameShared, sharedNames } from '../../shared/exports/cameraNames';
import type { exportStartInput } from '../../shared/exports/contract';
import { describeExport } from '../../shared/exports/describe';
import { estimateRender } from '../../shared/exports/renderEstimate';
import type { ClipPreview, EvidenceRecord, ExportJobView, ExportRequest, ExportSettings, ExportWritePreview, OpenResult, RenderEstimate, VerifyResult } from '../../shared/exports/types';
import type { ChangeLog } from '../changeLog/changeLog';
import type { ConnectionsService } from '../connections/service';
import type { CoreContext } from '../core/context';
import { sleep } from '../vendors/http/backoff';
import type { RetailNextClient } from '../vendors/retailnext/client';
import { downloadToFile, formatMb, sha256OfFile } from './download';
import { osUserName, placeFinishedFile, sidecarHash, writeSidecar } from './evidence';
import { insideFolder, pickExtension } from './fileNames';
import { ClipMedia } from './clipMedia';
import { JobStore, type Job } from './jobStore';
import { PreviewShelf, sendLogged } from './loggedSend';
import { deleteLines, startBody, startLines } from './writePreview';
import { retailNextClient } from '../video/retailNextClient';
import type { VideoSourcesService } from '../video/sources';

type StartInput = ReturnType<typeof exportStartInput.parse>;

/** A previewed write to RetailNext, waiting for its confirmation. */
type PendingWrite =
  | { action: 'start'; jobId: string; request: ExportRequest; folder: string; blocked: string | null }
  | { action: 'retry' | 'delete'; jobId: string; blocked: string | null };

export interface ExportsOptions {
  /** Delays between status polls (ms), last one repeated; tests shorten them. */
  pollDelaysMs?: number[];
  /** Automatic resumes after a dropped connection before the job is left "interrupted". */
  autoResumes?: number;
  autoResumeDelayMs?: number;
  /** Seconds without a byte before a download counts as stalled. */
  idleTimeoutMs?: number;
  /**
   * Called once RetailNext has answered a start, before the answer is saved: tests stop here to be a
   * crash between the two (given by the composition root, from CoreOptions.testHooks).
   */
  afterStartAnswer?: () => Promise<void>;
}

const progressEveryMs = 250;
const persistEveryMs = 1000;

/**
 * RetailNext video exports: start, follow (poll with backoff), download into the user's folder
 * (resumable, constant memory), evidence (SHA-256 + record + sidecar), verify, cancel, retry.
 * Jobs live in the cache, so a restart finds them; a download cut by a restart resumes by Range.
 */
export class ExportsService {
  private readonly store: JobStore;
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly pollDelays: number[];
  private readonly previews: PreviewShelf<PendingWrite>;
  private closed = false;
  /** Downloaded files played in the console, served under the shells' media route. */
  readonly clips = new ClipMedia();

  constructor(
    private readonly ctx: CoreContext,
    private readonly connections: ConnectionsService,
    private readonly sources: VideoSourcesService,
    /** The change log every write to RetailNext goes through (starts and deletes of exports). */
    private readonly changes: ChangeLog,
    private readonly options: ExportsOptions = {},
  ) {
    this.store = new JobStore(ctx.db);
    this.previews = new PreviewShelf(() => ctx.now().getTime());
    this.pollDelays = options.pollDelaysMs ?? [500, 750, 1000, 1500, 2500, 4000, 6000];
    this.recoverAfterRestart();
  }

  settings(): ExportSettings {
    return { defaultFolder: this.defaultFolder(), canChooseFolder: !!this.ctx.shell.chooseFolder, canOpen: !!this.ctx.shell.openPath };
  }

  async chooseFolder(): Promise<{ folder: string | null }> {
    if (!this.ctx.shell.chooseFolder) throw new AppError('invalid_input', 'This console runs in a browser, which cannot show a folder dialog: type the folder path instead.');
    return { folder: await this.ctx.shell.chooseFolder({ title: 'Folder for video exports', defaultPath: this.defaultFolder() }) };
  }

  list(): ExportJobView[] {
    return this.store.all().map((j) => this.view(j));
  }

  // ---- writes to RetailNext: previewed, confirmed once, kept in the change log ----

  /** What starting this export would create at RetailNext; nothing is sent. */
  async startPreview(input: StartInput, signal?: AbortSignal): Promise<ExportWritePreview> {
    const folder = prepareFolder(input.folder ?? this.defaultFolder());
    const request = await this.requestOf(input, signal);
    const busy = this.changes.inFlight('export.start', startBody(request));
    const blocked = busy ? `The same export is being started right now (change ${busy.id} in the Change log): it is never sent twice.` : null;
    const notes = ['RetailNext makes the export, then the console downloads it into the folder. The start is kept in the Change log.'];
    return this.shelve({ action: 'start', jobId: randomUUID(), request, folder, blocked }, request, startLines(request, folder), notes);
  }

  /** What asking RetailNext for the same export again would do; nothing is sent. */
  retryPreview(id: string): ExportWritePreview {
    const job = this.job(id);
    if (this.running.has(id)) throw new AppError('conflict', 'This export is still running.');
    if (job.state === 'done') throw new AppError('conflict', 'This export is already downloaded.');
    const notes = [job.exportId ? `RetailNext makes a new export; the earlier one (task ${job.exportId}) is no longer followed.` : 'RetailNext makes the export, then the console downloads it into the folder.'];
    return this.shelve({ action: 'retry', jobId: id, blocked: this.startBlocked(id) }, job.request, startLines(job.request, job.folder), notes);
  }

  /** What deleting the export's task at RetailNext would do, and what stays on this computer; nothing is sent. */
  deletePreview(id: string): ExportWritePreview {
    const job = this.job(id);
    this.deletable(job);
    const { lines, notes } = deleteLines(job);
    return this.shelve({ action: 'delete', jobId: id, blocked: this.deleteBlocked(id) }, job.request, lines, notes);
  }

  /**
   * Sends a previewed write once (a second confirm of the same preview finds nothing to send).
   * `signal` (the call's) stops it only before the request leaves: see sendLogged.
   */
  async confirm(previewId: string, signal?: AbortSignal): Promise<ExportJobView> {
    // A call given up before anything happened keeps its preview: confirming it again still works.
    if (signal?.aborted) throw cancelledError();
    const w = this.previews.take(previewId);
    // Checked again now: another preview of the same write may have been sent since.
    const blocked = w.action === 'start' ? this.startInFlight(startBody(w.request)) : w.action === 'retry' ? this.startBlocked(w.jobId) : this.deleteBlocked(w.jobId);
    if (w.blocked || blocked) throw new AppError('conflict', (blocked ?? w.blocked)!);
    if (w.action === 'start') return this.sendStart(w.jobId, w.request, w.folder, null, signal);
    const job = this.job(w.jobId);
    if (w.action === 'delete') return this.sendDelete(job, signal);
    if (this.running.has(job.id)) throw new AppError('conflict', 'This export is still running.');
    return this.sendStart(job.id, job.request, job.folder, job, signal);
  }

  private shelve(w: PendingWrite, request: ExportRequest, lines: ExportWritePreview['lines'], notes: string[]): ExportWritePreview {
    const previewId = this.previews.put(w);
    return { previewId, action: w.action, jobId: w.action === 'start' ? null : w.jobId, connectionName: this.connections.get(request.connectionId).name, summary: describeExport(request), lines, notes, blocked: w.blocked };
  }

  private startInFlight(body: Record<string, unknown>): string | null {
    const busy = this.changes.inFlight('export.start', body);
    return busy ? `The same export is being started right now (change ${busy.id} in the Change log): it is never sent twice.` : null;
  }

  /** Why this export may not be asked for again now: its last start is on its way, or nobody knows whether it arrived. */
  private startBlocked(jobId: string): string | null {
    const last = this.changes.latest('export.start', jobId);
    if (last?.status === 'pending' || last?.status === 'sending') return `This export is being started right now (change ${last.id} in the Change log): it is never sent twice.`;
    if (last?.status === 'unknown') {
      return 'Its last start left the console but no answer came back: RetailNext may have made the export, and its API cannot look one up without the id it would have given. It is not sent again, so that there are never two; start a new export if the clip is still needed.';
    }
    return this.startInFlight(startBody(this.job(jobId).request));
  }

  private deleteBlocked(jobId: string): string | null {
    const last = this.changes.latest('export.delete', jobId);
    return last?.status === 'pending' || last?.status === 'sending' ? `This export is being deleted at RetailNext right now (change ${last.id} in the Change log).` : null;
  }

  private deletable(job: Job): void {
    if (!job.exportId) throw new AppError('conflict', 'This export has no task at RetailNext.');
    if (job.remoteDeletedAt) throw new AppError('conflict', 'This export was already deleted at RetailNext.');
  }

  /** The store, appliance and cameras checked against RetailNext's sources, as the request keeps them. */
  private async requestOf(input: StartInput, signal?: AbortSignal): Promise<ExportRequest> {
    const store = await this.sources.store(input.connectionId, input.storeUuid, signal);
    if (!store) throw new AppError('not_found', 'This store is not in the RetailNext account any more (or has no video).');
    const appliance = store.appliances.find((a) => a.applianceId === input.applianceId);
    if (!appliance) throw new AppError('invalid_input', 'This appliance does not belong to the store.');
    const shared = sharedNames(store.appliances.flatMap((a) => a.channels));
    const channels = input.channels.map((uuid) => {
      const ch = appliance.channels.find((c) => c.uuid === uuid);
      if (!ch) throw new AppError('invalid_input', 'Every camera of an export must come from the chosen appliance.', `channel ${uuid}`);
      return { uuid, name: ch.name, mac: ch.mac ?? null, nameShared: isNameShared(ch, shared) };
    });
    return {
      connectionId: input.connectionId,
      storeUuid: store.uuid,
      storeName: store.name,
      timeZone: store.timeZone,
      applianceId: appliance.applianceId,
      channels,
      start: input.start.replace(/\.\d+Z$/, 'Z'),
      end: input.end.replace(/\.\d+Z$/, 'Z'),
      analyticsOverlay: input.analyticsOverlay,
      infoOverlay: input.infoOverlay,
      raw: input.raw,
      resolution: channels.length > 1 ? input.resolution : null,
    };
  }

  /**
   * Starts the export at RetailNext once, through the change log. A start that fails stays in the
   * list as failed with its cause (never queued): Retry asks again, unless nobody knows whether it arrived.
   * A new export is in the list from the moment its start leaves, and RetailNext's task id is saved in
   * the same transaction as the log's "done": a stop in between leaves the export listed and said
   * (recoverAfterRestart), never missing.
   */
  private async sendStart(jobId: string, request: ExportRequest, folder: string, existing: Job | null, signal?: AbortSignal): Promise<ExportJobView> {
    const connection = this.connections.get(request.connectionId);
    const retryOf = existing ? (this.changes.latest('export.start', jobId)?.id ?? null) : null;
    const oldPart = existing?.partPath ?? null;
    let askedAt = '';
    const sent = await sendLogged(
      this.changes,
      { connectionId: connection.id, connectionName: connection.name, kind: 'export.start', target: jobId, targetName: describeExport(request), before: existing ? { state: existing.state, export_id: existing.exportId } : null, sent: startBody(request), retryOf },
      () => retailNextClient(this.connections, request.connectionId),
      async (client) => {
        askedAt = this.ctx.now().toISOString();
        if (!existing) this.insert({ id: jobId, request, folder, exportId: null, state: 'in_progress', reason: null, renderStartedAt: askedAt, remoteDeletedAt: null }, askedAt);
        const answer = await client.startExport({
          channels: request.channels.map((c) => c.uuid),
          start: request.start,
          end: request.end,
          resolution: request.resolution ?? undefined,
          analyticsOverlay: request.analyticsOverlay,
          infoOverlay: request.infoOverlay,
          raw: request.raw,
        });
        await this.options.afterStartAnswer?.();
        return answer;
      },
      ({ exportId }) => ({ vendorStatus: 201, message: `RetailNext made the export (task ${exportId}); the console follows it and downloads it.` }),
      signal,
      ({ exportId }) => {
        const job = this.job(jobId);
        // cancelled while the start was on its way: RetailNext's task is kept, and Resume follows it
        const state = job.state === 'cancelled' ? 'cancelled' : 'in_progress';
        const fresh = existing ? { partPath: null, etag: null, bytesDone: 0, bytesTotal: null } : {};
        this.save(job, { exportId, state, reason: state === 'cancelled' ? job.reason : null, renderStartedAt: askedAt, remoteDeletedAt: null, ...fresh });
      },
    );
    if (sent.ok) {
      if (oldPart) fs.rmSync(oldPart, { force: true });
      if (this.job(jobId).state === 'in_progress') this.run(jobId);
    } else {
      const reason = { ...sent.error.toContractError(), message: sent.outcome.message ?? sent.error.message };
      if (this.store.get(jobId)) this.save(this.job(jobId), { state: 'failed', reason });
      else this.insert({ id: jobId, request, folder, exportId: null, state: 'failed', reason, renderStartedAt: null, remoteDeletedAt: null });
    }
    return this.view(this.job(jobId));
  }

  private insert(j: Pick<Job, 'id' | 'request' | 'folder' | 'exportId' | 'state' | 'reason' | 'renderStartedAt' | 'remoteDeletedAt'>, at?: string): void {
    const now = at ?? this.ctx.now().toISOString();
    const job: Job = { ...j, partPath: null, filePath: null, etag: null, bytesDone: 0, bytesTotal: null, createdAt: now, updatedAt: now };
    this.store.insert(job);
    this.changed(job);
  }

  /** Deletes the export's task at RetailNext once, through the change log; the downloaded file stays. */
  private async sendDelete(job: Job, signal?: AbortSignal): Promise<ExportJobView> {
    this.deletable(job);
    const exportId = job.exportId!;
    const connection = this.connections.get(job.request.connectionId);
    const sent = await sendLogged(
      this.changes,
      { connectionId: connection.id, connectionName: connection.name, kind: 'export.delete', target: job.id, targetName: describeExport(job.request), before: { export_id: exportId, state: job.state }, sent: { export_id: exportId } },
      async () => {
        if (this.running.has(job.id)) await this.cancel(job.id);
        return retailNextClient(this.connections, job.request.connectionId);
      },
      (client) => client.deleteExport(exportId),
      () => ({ vendorStatus: 200, message: this.job(job.id).state === 'done' ? 'Deleted at RetailNext; the downloaded file stays on this computer.' : 'Deleted at RetailNext; Retry asks for the export again.' }),
      signal,
    );
    if (!sent.ok) throw new AppError(sent.error.code, `Not deleted at RetailNext: ${sent.outcome.message ?? sent.error.message}`, sent.error.detail);
    const after = this.job(job.id);
    const remoteDeletedAt = this.ctx.now().toISOString();
    this.ctx.log.log('info', 'exports: deleted at RetailNext', { id: job.id, exportId, downloaded: after.state === 'done' });
    if (after.state !== 'done') {
      this.save(after, { state: 'expired', remoteDeletedAt, reason: { code: 'not_found', message: 'The export was deleted at RetailNext; Retry asks for it again.' } });
    } else {
      this.save(after, { remoteDeletedAt });
    }
    return this.view(this.job(job.id));
  }

  async cancel(id: string): Promise<ExportJobView> {
    const job = this.job(id);
    const active = this.running.get(id);
    if (active) {
      active.controller.abort();
      await active.done;
    }
    const after = this.job(id);
    if (after.state === 'in_progress' || after.state === 'ready' || after.state === 'downloading' || after.state === 'interrupted') {
      this.save(after, { state: 'cancelled', reason: { code: 'cancelled', message: after.bytesDone > 0 ? `Cancelled after ${formatMb(after.bytesDone)}; Resume continues from there.` : 'Cancelled.' } });
    }
    return this.view(this.job(job.id));
  }

  resume(id: string): ExportJobView {
    const job = this.job(id);
    if (!['interrupted', 'cancelled', 'ready'].includes(job.state)) {
      throw new AppError('conflict', job.state === 'done' ? 'This export is already downloaded.' : 'Only an interrupted or cancelled export can be resumed.');
    }
    if (!job.exportId) throw new AppError('conflict', 'This export was never started at RetailNext; use Retry.');
    this.save(job, { state: 'in_progress', reason: null });
    this.run(id);
    return this.view(this.job(id));
  }

  async verify(id: string): Promise<VerifyResult> {
    const job = this.job(id);
    const evidence = this.store.evidence(id);
    if (job.state !== 'done' || !evidence) throw new AppError('conflict', 'Only a finished download has an evidence record to verify.');
    const checkedAt = this.ctx.now().toISOString();
    const sidecarMatches = sidecarHash(evidence.sidecarPath) === evidence.sha256;
    const base = { id, expectedSha256: evidence.sha256, expectedSize: evidence.size, sidecarMatches, checkedAt };
    let size: number;
    try {
      size = fs.statSync(evidence.filePath).size;
    } catch {
      return { ...base, matches: false, actualSha256: null, actualSize: null, message: `The file is gone: ${evidence.filePath}` };
    }
    const actual = await sha256OfFile(evidence.filePath);
    const matches = actual === evidence.sha256 && size === evidence.size;
    const message = matches
      ? `The file matches its evidence record (SHA-256 ${actual.slice(0, 16)}…)${sidecarMatches ? '' : ', but the sidecar file beside it was changed or removed'}.`
      : `The file has changed since it was downloaded: its SHA-256 is now ${actual.slice(0, 16)}…, the record says ${evidence.sha256.slice(0, 16)}…${size !== evidence.size ? ` (size ${size} instead of ${evidence.size} bytes)` : ''}.`;
    this.ctx.log.log('info', 'exports: verify', { id, matches });
    return { ...base, matches, actualSha256: actual, actualSize: size, message };
  }

  /** An address on the console's own origin that plays the downloaded file (with Range, so it seeks). */
  preview(id: string): ClipPreview {
    const job = this.job(id);
    if (job.state !== 'done' || !job.filePath) throw new AppError('conflict', 'Only a downloaded export can be previewed.');
    if (!fs.existsSync(job.filePath)) throw new AppError('not_found', `The file is not there any more: ${job.filePath}`);
    const url = this.clips.register(job.filePath);
    if (!url) throw new AppError('internal', 'This console has no media route, so the clip cannot play here; open the file instead.');
    const ext = path.extname(job.filePath).slice(1).toLowerCase();
    return { id, url, playable: ext === 'mp4' || ext === 'm4v' || ext === 'webm', fileName: path.basename(job.filePath) };
  }

  async open(id: string, target: 'file' | 'folder'): Promise<OpenResult> {
    const job = this.job(id);
    const file = job.filePath;
    const where = target === 'file' ? file : (file ?? job.folder);
    if (!where) throw new AppError('conflict', 'The file is not downloaded yet.');
    if (target === 'file') {
      if (!this.ctx.shell.openPath) return { opened: false, path: where, message: 'This console runs in a browser, which cannot open files on this computer. The file is here:' };
      await this.ctx.shell.openPath(where).catch((e: unknown) => {
        throw new AppError('not_found', 'The file could not be opened.', e instanceof Error ? e.message : String(e));
      });
      return { opened: true, path: where, message: null };
    }
    if (!this.ctx.shell.showItemInFolder) return { opened: false, path: where, message: 'This console runs in a browser, which cannot show folders on this computer. The file is here:' };
    this.ctx.shell.showItemInFolder(where);
    return { opened: true, path: where, message: null };
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort();
    await Promise.all(all.map((r) => r.done));
  }

  // ---- running a job ----

  private run(id: string): void {
    if (this.running.has(id) || this.closed) return;
    const controller = new AbortController();
    const done = this.follow(id, controller.signal)
      .catch((e: unknown) => {
        const job = this.store.get(id);
        if (!job) return;
        if (controller.signal.aborted) {
          // cancel() or close(): a download in flight stays resumable
          if (job.state === 'downloading' || job.state === 'in_progress' || job.state === 'ready') {
            // What is on disk is what a resume continues from; the saved counter may lag behind it.
            const bytes = job.partPath ? fileSizeOr0(job.partPath) : job.bytesDone;
            this.save(job, { state: 'interrupted', bytesDone: bytes, reason: { code: 'cancelled', message: bytes > 0 ? `Stopped after ${formatMb(bytes)}; Resume continues from there.` : 'Stopped; Resume continues.' } });
          }
          return;
        }
        const err = asAppError(e);
        const resumable = job.state === 'downloading';
        this.save(job, { state: resumable ? 'interrupted' : 'failed', reason: err.toContractError() });
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, { controller, done });
  }

  private async follow(id: string, signal: AbortSignal): Promise<void> {
    let job = this.job(id);
    const client = await retailNextClient(this.connections, job.request.connectionId, signal);
    let attempt = 0;
    let sawRendering = false;
    for (;;) {
      const status = await client.exportStatus(job.exportId ?? '', { signal });
      job = this.job(id);
      if (status.state === 'in_progress') {
        sawRendering = true;
        if (job.state !== 'in_progress') this.save(job, { state: 'in_progress', reason: null });
        await sleep(this.pollDelays[Math.min(attempt++, this.pollDelays.length - 1)]!, signal);
        continue;
      }
      if (status.state === 'expired') {
        this.save(job, { state: 'expired', reason: { code: 'not_found', message: 'The export expired at RetailNext (or was deleted) before it was downloaded; Retry asks for it again.' } });
        return;
      }
      if (status.state === 'failed') {
        this.save(job, { state: 'failed', reason: { code: 'vendor_error', message: 'RetailNext could not make this export.', detail: status.reason } });
        return;
      }
      if (sawRendering) this.recordRender(job);
      this.save(job, { state: 'ready', reason: null });
      await this.download(id, client, status.downloadUrl, signal);
      return;
    }
  }

  private async download(id: string, client: RetailNextClient, firstUrl: string, signal: AbortSignal): Promise<void> {
    let url = firstUrl;
    let job = this.job(id);
    const partPath = job.partPath ?? insideFolder(job.folder, `.${job.id}.part`);
    this.save(job, { state: 'downloading', partPath, reason: null });
    const rate = new RateMeter();
    let lastEmit = 0;
    let lastPersist = Date.now();
    let result: Awaited<ReturnType<typeof downloadToFile>> | null = null;
    const resumes = this.options.autoResumes ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        job = this.job(id);
        result = await downloadToFile({
          url,
          headersFor: (u) => client.downloadHeaders(u),
          partPath,
          etag: job.etag,
          signal,
          idleTimeoutMs: this.options.idleTimeoutMs,
          log: this.ctx.log,
          onStart: (info) => {
            this.save(this.job(id), { etag: info.etag, bytesTotal: info.bytesTotal, bytesDone: info.offset });
            rate.reset(info.offset);
          },
          onProgress: (bytesDone, bytesTotal) => {
            const now = Date.now();
            rate.add(now, bytesDone);
            if (now - lastEmit >= progressEveryMs) {
              lastEmit = now;
              const bps = rate.bps();
              this.ctx.emit('exports.progress', { id, bytesDone, bytesTotal, rateBps: Math.round(bps), secondsLeft: bytesTotal !== null && bps > 0 ? Math.ceil((bytesTotal - bytesDone) / bps) : null });
            }
            if (now - lastPersist >= persistEveryMs) {
              lastPersist = now;
              this.save(this.job(id), { bytesDone }, { quiet: true });
            }
          },
          onBodyComplete: (bytesDone) => {
            this.ctx.emit('exports.progress', { id, bytesDone, bytesTotal: bytesDone, rateBps: Math.round(rate.bps()), secondsLeft: null, hashing: true });
          },
        });
        break;
      } catch (e) {
        const err = asAppError(e);
        if (signal.aborted) throw err;
        this.save(this.job(id), { bytesDone: fileSizeOr0(partPath) }, { quiet: true });
        const retryable = err.code === 'offline' || err.code === 'timeout' || err.code === 'auth_failed' || err.code === 'not_found';
        if (!retryable || attempt >= resumes) throw err;
        this.ctx.log.log('info', 'exports: resuming a dropped download', { id, attempt: attempt + 1, code: err.code });
        await sleep((this.options.autoResumeDelayMs ?? 1000) * 2 ** attempt, signal);
        if (err.code === 'auth_failed' || err.code === 'not_found') {
          // the signed link expired or the file went away: ask the status again for a fresh link
          const status = await client.exportStatus(job.exportId ?? '', { signal });
          if (status.state !== 'ready') throw err;
          url = status.downloadUrl;
        }
      }
    }
    job = this.job(id);
    const extension = pickExtension(result.contentDisposition, result.contentType, job.request.raw ? 'mkv' : 'mp4');
    const placed = placeFinishedFile(partPath, job.folder, { storeName: job.request.storeName, timeZone: job.request.timeZone, channels: job.request.channels, start: job.request.start }, extension);
    const record: EvidenceRecord = {
      jobId: id,
      exportId: job.exportId ?? '',
      who: osUserName(),
      when: this.ctx.now().toISOString(),
      storeUuid: job.request.storeUuid,
      storeName: job.request.storeName,
      timeZone: job.request.timeZone,
      channels: job.request.channels,
      requestedRange: { start: job.request.start, end: job.request.end },
      fileName: placed.fileName,
      filePath: placed.filePath,
      sidecarPath: placed.sidecarPath,
      size: result.bytes,
      sha256: result.sha256,
    };
    this.store.saveEvidence(record);
    writeSidecar(record);
    this.ctx.emit('exports.progress', { id, bytesDone: result.bytes, bytesTotal: result.bytes, rateBps: Math.round(rate.bps()), secondsLeft: 0 });
    this.save(this.job(id), { state: 'done', reason: null, filePath: placed.filePath, partPath: null, bytesDone: result.bytes, bytesTotal: result.bytes });
    this.ctx.shell.notify?.('Video export downloaded', `${placed.fileName} (${formatMb(result.bytes)})`);
  }

  // ---- helpers ----

  /** After a restart: a download that was cut is left resumable; exports still rendering are followed again. */
  private recoverAfterRestart(): void {
    for (const job of this.store.all()) {
      if ((job.state === 'in_progress' || job.state === 'ready') && !job.exportId) {
        // Its start had left, and the console stopped before RetailNext's answer was saved (the change log says "unknown").
        const message =
          'The console stopped while this export was being started: RetailNext may have made it, but its API cannot find an export without the id its answer carried, so it is not started again (there are never two). Start a new export if the clip is still needed.';
        this.save(job, { state: 'failed', reason: { code: 'vendor_error', message } }, { quiet: true });
      } else if (job.state === 'downloading') {
        const bytes = job.partPath ? fileSizeOr0(job.partPath) : 0;
        this.save(job, { state: 'interrupted', bytesDone: bytes, reason: { code: 'cancelled', message: `The console stopped during the download (${formatMb(bytes)} kept); Resume continues from there.` } }, { quiet: true });
      } else if (job.state === 'in_progress' || job.state === 'ready') {
        setImmediate(() => this.run(job.id));
      }
    }
  }

  private defaultFolder(): string {
    const downloads = path.join(os.homedir(), 'Downloads');
    return fs.existsSync(downloads) ? path.join(downloads, 'Retail Ops exports') : path.join(this.ctx.dataDir, 'exports');
  }

  private job(id: string): Job {
    const job = this.store.get(id);
    if (!job) throw new AppError('not_found', 'This export is not in the list any more.');
    return job;
  }

  private save(job: Job, changes: Partial<Job>, opts: { quiet?: boolean } = {}): Job {
    const next: Job = { ...job, ...changes, updatedAt: this.ctx.now().toISOString() };
    this.store.update(next);
    if (!opts.quiet) this.changed(next);
    return next;
  }

  private changed(job: Job): void {
    this.ctx.emit('exports.changed', this.view(job));
  }

  private view(job: Job): ExportJobView {
    return this.store.view(job, job.state === 'in_progress' ? this.estimate(job) : null);
  }

  /** How long this render should take, from the connection's past renders (kept in the cache). */
  private estimate(job: Job): RenderEstimate | null {
    const r = job.request;
    return estimateRender(this.store.renderSamples(r.connectionId), { clipSeconds: clipSeconds(r), channels: r.channels.length, raw: r.raw });
  }

  /** Keeps how long the vendor took (seen by polling, so up to one poll interval long). */
  private recordRender(job: Job): void {
    if (!job.renderStartedAt) return;
    const renderMs = this.ctx.now().getTime() - Date.parse(job.renderStartedAt);
    if (!(renderMs >= 0)) return;
    const r = job.request;
    this.store.recordRender(r.connectionId, { clipSeconds: clipSeconds(r), channels: r.channels.length, raw: r.raw, renderMs }, this.ctx.now().toISOString());
  }
}

/** The folder must be absolute; it is created when missing and must be writable. */
export function prepareFolder(folder: string): string {
  if (!path.isAbsolute(folder)) throw new AppError('invalid_input', 'Give the export folder as a full path (for example /home/me/Videos).');
  const resolved = path.resolve(folder);
  try {
    fs.mkdirSync(resolved, { recursive: true });
    if (!fs.statSync(resolved).isDirectory()) throw new Error('not a folder');
    fs.accessSync(resolved, fs.constants.W_OK);
  } catch (e) {
    throw new AppError('invalid_input', `The console cannot write into the folder ${resolved}. Pick another one.`, (e as { code?: string }).code);
  }
  return resolved;
}

function asAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOSPC') return new AppError('disk_full', 'The disk is full. The part already downloaded is kept; free some space and press Resume.');
  return new AppError('internal', 'The export stopped because of an unexpected problem; the details are in the log.', e instanceof Error ? e.message : String(e));
}

function clipSeconds(r: { start: string; end: string }): number {
  return Math.max(1, Math.round((Date.parse(r.end) - Date.parse(r.start)) / 1000));
}

function fileSizeOr0(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Bytes per second over a sliding window of a few seconds. */
class RateMeter {
  private samples: Array<{ t: number; b: number }> = [];
  reset(bytes: number): void {
    this.samples = [{ t: Date.now(), b: bytes }];
  }
  add(t: number, b: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && t - last.t < 100) return;
    this.samples.push({ t, b });
    while (this.samples.length > 2 && t - this.samples[0]!.t > 3000) this.samples.shift();
  }
  bps(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t === first.t) return 0;
    return ((last.b - first.b) * 1000) / (last.t - first.t);
  }
}

export type { ContractError };
