import { vendorLabels, type ConnectionView } from '../../../../shared/connections/types';
import { datasetsByVendor, syncDatasetLabels, type DatasetFreshness, type SyncProgress } from '../../../../shared/sync/types';
import { DataAge, useNow } from '../../ui/DataAge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatCount, runResultWord } from './format';
import { formatNextRun } from './nextRun';
import { useSync } from './store';
import { plural } from '../../../../shared/text/plural';
import { keepDatesWhole } from '../../ui/wrapText';

function holdings(f: DatasetFreshness | undefined): string {
  if (!f?.holds) return 'nothing cached';
  const { count, unit, from, to } = f.holds;
  return `${formatCount(count)} ${unit}${from && to ? `, ${from} – ${to}` : ''}`;
}

function ProgressLine({ progress }: { progress: SyncProgress }) {
  const pct = progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  return (
    <div className="sync-progress" data-testid="sync-progress">
      <progress max={100} value={pct ?? undefined} aria-label={`${syncDatasetLabels[progress.dataset]} progress`} />
      <span className="small">
        {progress.message} — {progress.total > 0 ? `${formatCount(progress.done)} of ${plural(progress.total, progress.unit.replace(/s$/, ''), progress.unit)}` : plural(progress.done, progress.unit.replace(/s$/, ''), progress.unit)}, {plural(progress.rowsWritten, 'row')}
      </span>
    </div>
  );
}

/** One connection: what each dataset holds and how old it is, a Sync button, live progress with Cancel. */
export function ConnectionSync({ connection }: { connection: ConnectionView }) {
  const { status, progress, startErrors, start, cancel, schedule } = useSync();
  const now = useNow(15_000);
  const freshness = status?.freshness.filter((f) => f.connectionId === connection.id) ?? [];
  const running = status?.running.filter((r) => r.connectionId === connection.id) ?? [];
  const live = Object.values(progress).filter((p) => p.connectionId === connection.id);
  const busy = running.length > 0 || live.length > 0;

  return (
    <article className="card sync-connection" data-testid="sync-connection" aria-label={`Sync ${connection.name}`}>
      <header className="sync-connection-header">
        <div>
          <span className={`vendor-badge vendor-${connection.vendor}`}>{vendorLabels[connection.vendor]}</span>
          <strong>{connection.name}</strong>
          {connection.isDemo && <span className="demo-badge">Demo data</span>}
        </div>
        <div className="sync-actions">
          {busy ? (
            <button onClick={() => void cancel(connection.id)}>Cancel</button>
          ) : (
            <button className="primary" onClick={() => void start(connection.id)}>
              Sync
            </button>
          )}
        </div>
      </header>
      {startErrors[connection.id] && <ErrorMessage error={startErrors[connection.id]!} />}
      <table className="sync-datasets">
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col">In the cache</th>
            <th scope="col">Age</th>
            <th scope="col">Last run</th>
            <th scope="col">Next run</th>
          </tr>
        </thead>
        <tbody>
          {datasetsByVendor[connection.vendor].map((dataset) => {
            const f = freshness.find((x) => x.dataset === dataset);
            const p = live.find((x) => x.dataset === dataset);
            const isRunning = running.some((r) => r.dataset === dataset) || Boolean(p);
            return (
              <tr key={dataset} data-testid={`dataset-${dataset}`}>
                <th scope="row">{syncDatasetLabels[dataset]}</th>
                <td>{keepDatesWhole(holdings(f))}</td>
                <td>
                  <DataAge fetchedAt={f?.fetchedAt} />
                </td>
                <td>
                  {isRunning ? (
                    p ? <ProgressLine progress={p} /> : <span className="small">waiting…</span>
                  ) : f?.lastRun ? (
                    f.lastRun.status === 'failed' && f.lastRun.error ? (
                      <span className="sync-failed small" title={f.lastRun.error.detail}>
                        {/* An interrupted run says so itself ("Interrupted: the console was closing…"). */}
                        {f.lastRun.error.code === 'cancelled' ? '' : 'Failed: '}
                        {f.lastRun.error.message}
                      </span>
                    ) : f.lastRun.status === 'cancelled' ? (
                      <span className="small">Cancelled with the Cancel button; the data already in the cache was kept.</span>
                    ) : (
                      <span className="small">{f.lastRun.status === 'ok' ? plural(f.lastRun.rowsWritten, 'row') : runResultWord(f.lastRun)}</span>
                    )
                  ) : (
                    <span className="small muted">never</span>
                  )}
                </td>
                <td className="small" data-testid="next-run">
                  {formatNextRun(
                    schedule?.datasets.find((s) => s.connectionId === connection.id && s.dataset === dataset),
                    now,
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
