import type { ContractError } from '../../shared/contract/errors';
import type { EvidenceRecord, ExportJobView, ExportRequest, ExportState } from '../../shared/exports/types';
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
}

/** Export jobs and evidence in the cache (migration 4). */
export class JobStore {
  constructor(private readonly db: Db) {}

  insert(job: Job): void {
    this.db
      .prepare(
        `INSERT INTO video_exports (id, connection_id, export_id, request, state, reason, folder, part_path, file_path, etag, bytes_done, bytes_total, created_at, updated_at)
         VALUES (@id, @connection_id, @export_id, @request, @state, @reason, @folder, @part_path, @file_path, @etag, @bytes_done, @bytes_total, @created_at, @updated_at)`,
      )
      .run(toRow(job));
  }

  update(job: Job): void {
    this.db
      .prepare(
        `UPDATE video_exports SET export_id = @export_id, request = @request, state = @state, reason = @reason, folder = @folder, part_path = @part_path,
           file_path = @file_path, etag = @etag, bytes_done = @bytes_done, bytes_total = @bytes_total, updated_at = @updated_at WHERE id = @id`,
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

  evidence(jobId: string): EvidenceRecord | null {
    const row = this.db.prepare('SELECT record FROM video_evidence WHERE job_id = ?').get(jobId) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as EvidenceRecord) : null;
  }

  view(job: Job): ExportJobView {
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
  };
}
