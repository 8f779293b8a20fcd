import { useEffect, useMemo, useState } from 'react';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useConnections } from '../connections/store';
import { useExports } from '../exports/store';
import { ageOf } from '../exports/format';
import { LiveTile } from './LiveTile';
import { useLive } from './store';

const grids = [1, 4, 9, 16] as const;

export function LiveView() {
  const connections = useConnections((s) => s.connections).filter((c) => c.vendor === 'retailnext');
  const loadConnections = useConnections((s) => s.load);
  const { sources, loadSources } = useExports();
  const { sessions, grid, error, notice, exportMinutes, open, closeAll, setGrid, setExportMinutes } = useLive();
  const [connectionId, setConnectionId] = useState('');
  const [storeUuid, setStoreUuid] = useState('');
  const [loadError, setLoadError] = useState<Awaited<ReturnType<typeof loadSources>>>(null);
  const conn = connectionId || connections[0]?.id || '';

  useEffect(() => void loadConnections(), [loadConnections]);
  useEffect(() => {
    if (conn) void loadSources(conn).then(setLoadError);
  }, [conn, loadSources]);
  useEffect(() => () => void useLive.getState().closeAll(), []);

  const src = sources[conn];
  const stores = useMemo(() => (src?.stores ?? []).filter((s) => s.appliances.some((a) => a.channels.length > 0)), [src]);
  const store = stores.find((s) => s.uuid === storeUuid) ?? stores[0];
  const tiles = sessions.flatMap((s) => s.channels.map((c) => ({ session: s, channel: c }))).slice(0, grid);
  const cols = Math.sqrt(grid);

  return (
    <section className="live-view">
      <h1>Live</h1>
      {connections.length === 0 ? (
        <p className="muted">Add a RetailNext connection (or try the Demo workspace) to watch stores live.</p>
      ) : (
        <div className="live-toolbar">
          <label>
            Connection
            <select value={conn} onChange={(e) => setConnectionId(e.target.value)}>
              {connections.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <label>
            Store
            <select value={store?.uuid ?? ''} onChange={(e) => setStoreUuid(e.target.value)}>
              {stores.map((s) => <option key={s.uuid} value={s.uuid}>{s.name} ({s.appliances.reduce((n, a) => n + a.channels.length, 0)} cameras)</option>)}
            </select>
          </label>
          <button className="primary" disabled={!store} onClick={() => store && void open(conn, store.uuid, false)}>Watch</button>
          <button disabled={!store || sessions.length === 0} onClick={() => store && void open(conn, store.uuid, true)}>Add store</button>
          <label>
            Grid
            <select value={grid} onChange={(e) => setGrid(Number(e.target.value) as 1 | 4 | 9 | 16)}>
              {grids.map((g) => <option key={g} value={g}>{g === 1 ? '1 camera' : `${g} cameras`}</option>)}
            </select>
          </label>
          <label>
            Export last
            <input type="number" min={1} max={60} value={exportMinutes} onChange={(e) => setExportMinutes(Number(e.target.value))} /> min
          </label>
          {sessions.length > 0 && <button onClick={() => void closeAll()}>Stop</button>}
          {src && <span className="muted">Camera list read {ageOf(src.fetchedAt)}.</span>}
        </div>
      )}
      {loadError && <ErrorMessage error={loadError} />}
      {error && <ErrorMessage error={error} />}
      {notice && <p role="status" className="ok">{notice}</p>}
      {tiles.length > 0 && (
        <div className="live-grid" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)` }} data-testid="live-grid">
          {tiles.map(({ session, channel }) => <LiveTile key={`${session.sessionId}:${channel.uuid}`} session={session} channel={channel} />)}
        </div>
      )}
    </section>
  );
}
