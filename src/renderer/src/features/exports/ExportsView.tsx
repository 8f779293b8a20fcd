import { useEffect, useState } from 'react';
import { cameraLabel } from '../../../../shared/exports/cameraNames';
import { exportStateLabels, type ExportJobView, type ExportWritePreview } from '../../../../shared/exports/types';
import { useCoreBack } from '../../api/coreLink';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useConnections } from '../connections/store';
import { ExportForm } from './ExportForm';
import { ExportWriteConfirm } from './ExportWriteConfirm';
import { formatBytes, formatSeconds } from './format';
import { RenderProgress } from './RenderProgress';
import { followExports, useExports } from './store';

export function ExportsView() {
  const { jobs, load } = useExports();
  const loadConnections = useConnections((s) => s.load);
  useCoreBack(() => void load());
  useEffect(() => {
    void loadConnections();
    void load();
    return followExports();
  }, [load, loadConnections]);
  return (
    <section className="exports-view">
      <h1>Exports</h1>
      <p className="muted">Video clips from RetailNext, downloaded as evidence: each file gets a SHA-256 and a record beside it.</p>
      <ExportForm />
      <h2>Exports</h2>
      {jobs.length === 0 ? <p className="muted">No exports yet.</p> : (
        <ul className="export-list">
          {jobs.map((j) => <ExportItem key={j.id} job={j} />)}
        </ul>
      )}
    </section>
  );
}

function ExportItem({ job }: { job: ExportJobView }) {
  const { progress, verify, opened, errors, previews, act, previewWrite, verifyJob, open, preview, settings } = useExports();
  const clip = previews[job.id];
  const [write, setWrite] = useState<ExportWritePreview | null>(null);
  const ask = async (action: 'retry' | 'delete') => setWrite(await previewWrite(job.id, action));
  const p = progress[job.id];
  const done = p?.bytesDone ?? job.bytesDone;
  const total = p?.bytesTotal ?? job.bytesTotal;
  const v = verify[job.id];
  const o = opened[job.id];
  const r = job.request;
  const canResume = job.state === 'interrupted' || job.state === 'cancelled';
  const canRetry = job.state === 'failed' || job.state === 'expired';
  const running = job.state === 'in_progress' || job.state === 'ready' || job.state === 'downloading';
  const canDelete = Boolean(job.exportId) && job.state !== 'expired' && !job.remoteDeletedAt;
  return (
    <li className={`export-item state-${job.state}`} data-testid="export-job" data-state={job.state}>
      <div className="export-head">
        <strong>{r.storeName}</strong>
        <span className="export-cameras-names">{r.channels.map((c) => cameraLabel(c, Boolean(c.nameShared))).join(', ')}</span>
        <span className="export-state" role="status">{exportStateLabels[job.state]}</span>
      </div>
      <div className="muted small">
        {r.start} → {r.end} (UTC) · store time zone {r.timeZone}
        {r.raw ? ' · raw' : ''}{r.analyticsOverlay ? ' · analytics overlay' : ''}{r.infoOverlay ? ' · info overlay' : ''}
        {job.exportId && <> · export {job.exportId}</>}
      </div>
      {job.state === 'in_progress' && <RenderProgress job={job} />}
      {(job.state === 'downloading' || (job.bytesDone > 0 && job.state !== 'done')) && (
        <div className="export-progress">
          <progress max={total ?? undefined} value={done} aria-label="Download progress" />
          <span>{formatBytes(done)} of {formatBytes(total)}{p && job.state === 'downloading' ? (p.hashing ? ' · computing the SHA-256 for the evidence record…' : ` · ${formatBytes(p.rateBps)}/s · ${formatSeconds(p.secondsLeft)} left`) : ''}</span>
        </div>
      )}
      {job.reason && job.state !== 'done' && <ErrorMessage error={job.reason} />}
      {job.evidence && (
        <dl className="evidence" data-testid="evidence">
          <dt>File</dt><dd>{job.evidence.filePath}</dd>
          <dt>SHA-256</dt><dd><code data-testid="sha256">{job.evidence.sha256}</code></dd>
          <dt>Size</dt><dd>{formatBytes(job.evidence.size)} ({job.evidence.size} bytes)</dd>
          <dt>Downloaded</dt><dd>{job.evidence.when} by {job.evidence.who}</dd>
          <dt>Record</dt><dd>{job.evidence.sidecarPath}</dd>
        </dl>
      )}
      {clip && (
        <div className="export-preview" data-testid="export-preview">
          {clip.playable ? (
            <video src={clip.url} controls preload="metadata" aria-label={`Preview of ${clip.fileName}`} />
          ) : (
            <p className="muted">The console's player cannot play this kind of file ({clip.fileName}); use Open file.</p>
          )}
        </div>
      )}
      {job.remoteDeletedAt && (
        <p className="muted small" data-testid="deleted-remote">
          Deleted at RetailNext on {job.remoteDeletedAt}{job.state === 'done' ? '; the file on this computer stays.' : '.'}
        </p>
      )}
      {v && <p className={v.matches ? 'ok' : 'error'} data-testid="verify-result" data-matches={String(v.matches)}>{v.matches ? 'Verified: ' : 'Does not match: '}{v.message}</p>}
      {o && !o.opened && <p className="muted" data-testid="open-result">{o.message} <code>{o.path}</code></p>}
      {errors[job.id] && <ErrorMessage error={errors[job.id]!} />}
      <div className="actions export-actions">
        {running && <button onClick={() => void act(job.id, 'cancel')}>Cancel</button>}
        {canResume && <button onClick={() => void act(job.id, 'resume')}>Resume</button>}
        {canRetry && !write && <button onClick={() => void ask('retry')}>Retry…</button>}
        {job.state === 'done' && (
          <>
            <button onClick={() => void preview(job.id, !clip)} aria-expanded={Boolean(clip)}>{clip ? 'Close preview' : 'Preview'}</button>
            <button onClick={() => void verifyJob(job.id)}>Verify</button>
            <button onClick={() => void open(job.id, 'file')} title={settings?.canOpen ? undefined : 'Not available in the browser: shows the path'}>Open file</button>
            <button onClick={() => void open(job.id, 'folder')}>Show in folder</button>
          </>
        )}
        {canDelete && !write && (
          <button className="danger export-delete" onClick={() => void ask('delete')}>Delete at RetailNext…</button>
        )}
      </div>
      {write && <ExportWriteConfirm key={write.previewId} preview={write} onClose={() => setWrite(null)} />}
    </li>
  );
}
