import type { ContractError } from '../../shared/contract/errors';
import type { EvidenceRecord, ExportJobView, ExportRequest, ExportState, RenderEstimate } from '../../shared/exports/types';
import type { Db } from '../db/open';

interface JobRow {
  id: string;
  connection_id: string;
  export_id: string | null;
  request: string;
  state: ExportState;
  reason: string | null;
  folder: string;
  part_path: string | null;
  file_path: string | null;
  etag: string | null;
  bytes_done: number;
  bytes_total: number | null;
  created_at: string;
  updated_at: string;
  render_started_at: string | null;
  remote_deleted_at: string | null;
}

export interface Job {
  id: string;
  request: ExportRequest;
  exportId: string | null;
  state: ExportState;
  reason: ContractError | null;
  folder: string;
  partPath: string | null;
  filePath: string | null;
  etag: string | null;
  bytesDone: number;
  bytesTotal: number | null;
  createdAt: string;
  updatedAt: string;
  /** When the vendor was asked to render it (start or retry). */
  renderStartedAt: string | null;
  /** When its task at the vendor was deleted from the console. */
  remoteDeletedAt: string | null;
}

/** One past render of a connection: how long the vendor took for a clip. */
export interface RenderSample {
  clipSeconds: number;
  channels: number;
  raw: boolean;
  renderMs: number;
}

/** Export jobs and evidence in the cache (migrations 4 and 10). */
export class JobStore {
  constructor(private readonly db: Db) {}

  insert(job: Job): void {
    this.db
      .prepare(
        `INSERT INTO video_exports (id, connection_id, export_id, request, state, reason, folder, part_path, file_path, etag, bytes_done, bytes_total, created_at, updated_at, render_started_at, remote_deleted_at)
         VALUES (@id, @connection_id, @export_id, @request, @state, @reason, @folder, @part_path, @file_path, @etag, @bytes_done, @bytes_total, @created_at, @updated_at, @render_started_at, @remote_deleted_at)`,
      )
      .run(toRow(job));
  }

  update(job: Job): void {
    this.db
      .prepare(
        `UPDATE video_exports SET export_id = @export_id, request = @request, state = @state, reason = @reason, folder = @folder, part_path = @part_path,
           file_path = @file_path, etag = @etag, bytes_done = @bytes_done, bytes_total = @bytes_total, updated_at = @updated_at,
           render_started_at = @render_started_at, remote_deleted_at = @remote_deleted_at WHERE id = @id`,
      )
      .run(toRow(job));
  }

  get(id: string): Job | undefined {
    const row = this.db.prepare('SELECT * FROM video_exports WHERE id = ?').get(id) as JobRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  all(): Job[] {
    return (this.db.prepare('SELECT * FROM video_exports ORDER BY created_at DESC, id').all() as JobRow[]).map(fromRow);
  }

  saveEvidence(e: EvidenceRecord): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO video_evidence (job_id, export_id, who, recorded_at, store_uuid, store_name, channels, range_start, range_end, file_path, sidecar_path, size, sha256, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.jobId, e.exportId, e.who, e.when, e.storeUuid, e.storeName, JSON.stringify(e.channels), e.requestedRange.start, e.requestedRange.end, e.filePath, e.sidecarPath, e.size, e.sha256, JSON.stringify(e));
  }

  /** Keeps how long a render took at the vendor (the newest 200 per connection are kept). */
  recordRender(connectionId: string, sample: RenderSample, at: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO video_export_render_times (connection_id, clip_seconds, channels, raw, render_ms, finished_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(connectionId, Math.max(1, Math.round(sample.clipSeconds)), Math.max(1, sample.channels), sample.raw ? 1 : 0, Math.max(0, Math.round(sample.renderMs)), at);
      this.db
        .prepare('DELETE FROM video_export_render_times WHERE connection_id = ? AND id NOT IN (SELECT id FROM video_export_render_times WHERE connection_id = ? ORDER BY id DESC LIMIT 200)')
        .run(connectionId, connectionId);
    })();
  }

  /** The connection's latest renders, newest first. */
  renderSamples(connectionId: string, limit = 20): RenderSample[] {
    const rows = this.db
      .prepare('SELECT clip_seconds, channels, raw, render_ms FROM video_export_render_times WHERE connection_id = ? ORDER BY id DESC LIMIT ?')
      .all(connectionId, limit) as Array<{ clip_seconds: number; channels: number; raw: number; render_ms: number }>;
    return rows.map((r) => ({ clipSeconds: r.clip_seconds, channels: r.channels, raw: r.raw === 1, renderMs: r.render_ms }));
  }

  evidence(jobId: string): EvidenceRecord | null {
    const row = this.db.prepare('SELECT record FROM video_evidence WHERE job_id = ?').get(jobId) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as EvidenceRecord) : null;
  }

  view(job: Job, renderEstimate: RenderEstimate | null = null): ExportJobView {
    return {
      id: job.id,
      request: job.request,
      exportId: job.exportId,
      state: job.state,
      reason: job.reason,
      folder: job.folder,
      filePath: job.filePath,
      bytesDone: job.bytesDone,
      bytesTotal: job.bytesTotal,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      renderStartedAt: job.renderStartedAt,
      renderEstimate,
      remoteDeletedAt: job.remoteDeletedAt,
      evidence: job.state === 'done' ? this.evidence(job.id) : null,
    };
  }
}

function toRow(j: Job): JobRow {
  return {
    id: j.id,
    connection_id: j.request.connectionId,
    export_id: j.exportId,
    request: JSON.stringify(j.request),
    state: j.state,
    reason: j.reason ? JSON.stringify(j.reason) : null,
    folder: j.folder,
    part_path: j.partPath,
    file_path: j.filePath,
    etag: j.etag,
    bytes_done: j.bytesDone,
    bytes_total: j.bytesTotal,
    created_at: j.createdAt,
    updated_at: j.updatedAt,
    render_started_at: j.renderStartedAt,
    remote_deleted_at: j.remoteDeletedAt,
  };
}

function fromRow(r: JobRow): Job {
  return {
    id: r.id,
    request: JSON.parse(r.request) as ExportRequest,
    exportId: r.export_id,
    state: r.state,
    reason: r.reason ? (JSON.parse(r.reason) as ContractError) : null,
    folder: r.folder,
    partPath: r.part_path,
    filePath: r.file_path,
    etag: r.etag,
    bytesDone: r.bytes_done,
    bytesTotal: r.bytes_total,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    renderStartedAt: r.render_started_at,
    remoteDeletedAt: r.remote_deleted_at,
  };
}
