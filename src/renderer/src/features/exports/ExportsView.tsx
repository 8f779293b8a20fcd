import { useEffect } from 'react';
import { exportStateLabels, type ExportJobView } from '../../../../shared/exports/types';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useConnections } from '../connections/store';
import { ExportForm } from './ExportForm';
import { formatBytes, formatSeconds } from './format';
import { followExports, useExports } from './store';

export function ExportsView() {
  const { jobs, load } = useExports();
  const loadConnections = useConnections((s) => s.load);
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
  const { progress, verify, opened, errors, act, verifyJob, open, settings } = useExports();
  const p = progress[job.id];
  const done = p?.bytesDone ?? job.bytesDone;
  const total = p?.bytesTotal ?? job.bytesTotal;
  const v = verify[job.id];
  const o = opened[job.id];
  const r = job.request;
  const canResume = job.state === 'interrupted' || job.state === 'cancelled';
  const canRetry = job.state === 'failed' || job.state === 'expired';
  const running = job.state === 'in_progress' || job.state === 'ready' || job.state === 'downloading';
  return (
    <li className={`export-item state-${job.state}`} data-testid="export-job" data-state={job.state}>
      <div className="export-head">
        <strong>{r.storeName}</strong> · {r.channels.map((c) => c.name).join(', ')}
        <span className="export-state" role="status">{exportStateLabels[job.state]}</span>
      </div>
      <div className="muted">
        {r.start} → {r.end} (UTC) · store time zone {r.timeZone}
        {r.raw ? ' · raw' : ''}{r.analyticsOverlay ? ' · analytics overlay' : ''}{r.infoOverlay ? ' · info overlay' : ''}
        {job.exportId && <> · export {job.exportId}</>}
      </div>
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
      {v && <p className={v.matches ? 'ok' : 'error'} data-testid="verify-result" data-matches={String(v.matches)}>{v.matches ? 'Verified: ' : 'Does not match: '}{v.message}</p>}
      {o && !o.opened && <p className="muted" data-testid="open-result">{o.message} <code>{o.path}</code></p>}
      {errors[job.id] && <ErrorMessage error={errors[job.id]!} />}
      <div className="actions">
        {running && <button onClick={() => void act(job.id, 'cancel')}>Cancel</button>}
        {canResume && <button onClick={() => void act(job.id, 'resume')}>Resume</button>}
        {canRetry && <button onClick={() => void act(job.id, 'retry')}>Retry</button>}
        {job.exportId && job.state !== 'expired' && <button onClick={() => void act(job.id, 'deleteRemote')}>Delete at RetailNext</button>}
        {job.state === 'done' && (
          <>
            <button onClick={() => void verifyJob(job.id)}>Verify</button>
            <button onClick={() => void open(job.id, 'file')} title={settings?.canOpen ? undefined : 'Not available in the browser: shows the path'}>Open file</button>
            <button onClick={() => void open(job.id, 'folder')}>Show in folder</button>
          </>
        )}
      </div>
    </li>
  );
}
