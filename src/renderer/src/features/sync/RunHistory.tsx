import type { ConnectionView } from '../../../../shared/connections/types';
import { syncDatasetLabels, type SyncRunView } from '../../../../shared/sync/types';
import { formatCount, formatDuration, runResultWord } from './format';
import { TimeText } from '../../ui/TimeText';
import { plural } from '../../../../shared/text/plural';

/** Past runs, newest first: when, what, rows written, and what failed in words. */
export function RunHistory({ runs, connections }: { runs: SyncRunView[]; connections: ConnectionView[] }) {
  const nameOf = (id: string) => connections.find((c) => c.id === id)?.name ?? 'removed connection';
  if (runs.length === 0) return <p className="muted">No sync has run yet.</p>;
  return (
    <table className="sync-history" data-testid="sync-history">
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Connection</th>
          <th scope="col">Dataset</th>
          <th scope="col">Result</th>
          <th scope="col">Rows written</th>
          <th scope="col">Requests</th>
          <th scope="col">Took</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} data-testid="sync-run" data-status={r.status}>
            <td>
              <TimeText iso={r.startedAt} />
              {r.trigger === 'background' && <div className="small muted">background</div>}
            </td>
            <td>{nameOf(r.connectionId)}</td>
            <td>
              {syncDatasetLabels[r.dataset]}
              {r.range && <span className="small muted"> {r.range.from} – {r.range.to}</span>}
            </td>
            <td>
              <span className={`run-status run-${r.status}`}>{runResultWord(r)}</span>
              {r.error && r.status !== 'ok' && (
                <div className="small run-error" data-code={r.error.code}>
                  {r.error.message}
                  {r.error.detail && <div className="muted">{r.error.detail}</div>}
                </div>
              )}
            </td>
            <td>{formatCount(r.rowsWritten)}</td>
            <td>
              {formatCount(r.requests)}
              {r.skipped > 0 && <span className="small muted"> ({plural(r.skipped, 'store-day')} already final)</span>}
            </td>
            <td>{formatDuration(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
