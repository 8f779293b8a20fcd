import { useEffect } from 'react';
import { formatClock } from '../../../../shared/time/format';
import { useConnections } from '../connections/store';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { followBrowserConnectivity } from '../../ui/connectivity';
import { BackgroundSyncSettings } from './BackgroundSyncSettings';
import { ConnectionSync } from './ConnectionSync';
import { RunHistory } from './RunHistory';
import { followSync, useSync } from './store';

/** Sync: per connection what the cache holds and how old it is, sync and cancel, and the history of runs. */
export function SyncView() {
  const { connections, loaded: connectionsLoaded, load: loadConnections } = useConnections();
  const { runs, loaded, error, range, setRange, load, syncAll, schedule, syncAllSkipped } = useSync();

  useEffect(() => followSync(), []);
  useEffect(() => followBrowserConnectivity(), []);
  useEffect(() => {
    if (!connectionsLoaded) void loadConnections();
  }, [connectionsLoaded, loadConnections]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="view" aria-label="Sync">
      <header className="view-header">
        <h1>Sync</h1>
        <div className="sync-range" role="group" aria-label="KPI date range">
          <label>
            KPIs from <input type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })} />
          </label>
          <label>
            to <input type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })} />
          </label>
        </div>
        <button className="primary" onClick={() => void syncAll()} disabled={connections.length === 0}>
          Sync all
        </button>
      </header>
      <p className="muted">
        A sync copies each vendor's data into the cache on this computer, so every view works offline. Past days already cached are final and are not fetched again; today is
        refreshed each time.
      </p>
      {schedule?.paused && (
        <p className="notice" role="status">
          Background sync is paused since {formatClock(schedule.paused.since, { seconds: true })}: {schedule.paused.reason} It resumes by itself when the vendors answer again.
        </p>
      )}
      {syncAllSkipped.length > 0 && <p className="small muted">Not started again: {syncAllSkipped.join('; ')}.</p>}
      {error && <ErrorMessage error={error} onBack={() => void load()} />}
      <BackgroundSyncSettings />
      {connectionsLoaded && connections.length === 0 && <div className="empty">No connections yet: add one (or the Demo workspace) under Connections.</div>}
      <div className="sync-connections">
        {connections.map((c) => (
          <ConnectionSync key={c.id} connection={c} />
        ))}
      </div>
      <h2>History</h2>
      {loaded && <RunHistory runs={runs} connections={connections} />}
    </section>
  );
}
