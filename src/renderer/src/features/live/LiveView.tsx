import { useEffect, useMemo } from 'react';
import { cameraKey, layoutLabel, pageCount, pageOf, storeKey, tileNames, wallLayouts, type WallLayout } from '../../../../shared/live/wall';
import { useCoreBack } from '../../api/coreLink';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useConnections } from '../connections/store';
import { ExportWriteConfirm } from '../exports/ExportWriteConfirm';
import { useCameraLists } from '../exports/cameraSources';
import { CameraSide, NoRetailNext, cameraSideState } from './CameraSide';
import type { CameraSource } from './cameraTree';
import { LiveTile } from './LiveTile';
import { SavedWalls, sameWall } from './SavedWalls';
import { useLive } from './store';

export function LiveView() {
  const allConnections = useConnections((s) => s.connections);
  const connections = useMemo(() => allConnections.filter((c) => c.vendor === 'retailnext'), [allConnections]);
  const connectionsLoaded = useConnections((s) => s.loaded);
  const loadConnections = useConnections((s) => s.load);
  const { cameras, layout, page, sessions, storeErrors, error, notice, exportPreview, closeExportPreview, exportMinutes, wallName, walls, add, clear, setLayout, setPage, setExportMinutes, syncSessions, closeSessions, reopenSessions } = useLive();
  const lists = useCameraLists(connections);

  useEffect(() => void loadConnections(), [loadConnections]);

  const shown = useMemo(() => pageOf(cameras, layout, page), [cameras, layout, page]);
  const pageStores = shown.map((c) => storeKey(c)).filter((k, i, a) => a.indexOf(k) === i).sort().join(',');
  // Only the stores of the page shown hold a session: tiles of other pages are not drawn, so nothing hidden streams.
  useEffect(() => void syncSessions(), [pageStores, syncSessions]);
  useEffect(() => () => void closeSessions(), [closeSessions]);
  // The tiles play through sessions the core holds: a core that stopped took them with it.
  useCoreBack(() => void reopenSessions());

  const treeSources: CameraSource[] = useMemo(
    () => lists.flatMap((l) => (l.sources ? [{ connectionId: l.connection.id, connectionName: l.connection.name, stores: l.sources.stores }] : [])),
    [lists],
  );
  const onWall = useMemo(() => new Map(cameras.map((c, i) => [cameraKey(c), Math.floor(i / layout)])), [cameras, layout]);
  const names = useMemo(() => tileNames(cameras), [cameras]);
  const pages = pageCount(cameras.length, layout);
  const known = new Set(connections.map((c) => c.id));
  const playing = useMemo(() => {
    const counts = new Map<string, { name: string; n: number }>();
    for (const c of shown) counts.set(storeKey(c), { name: c.storeName, n: (counts.get(storeKey(c))?.n ?? 0) + 1 });
    return [...counts.values()];
  }, [shown]);
  const cols = Math.sqrt(layout);
  const side = cameraSideState(connectionsLoaded, connections, treeSources);
  const noConnection = side === 'no-retailnext';
  const savedAs = wallName ? walls?.find((w) => w.name === wallName) : undefined;
  const wallTitle = wallName ? `Wall "${wallName}"${savedAs && !sameWall(savedAs, cameras, layout) ? ' (changed since saved)' : ''} · ` : '';

  const problemOf = (c: (typeof cameras)[number]) => {
    if (connectionsLoaded && !known.has(c.connectionId)) return 'Its RetailNext connection was removed from this console.';
    const err = storeErrors[storeKey(c)];
    if (err) return err;
    const session = sessions[storeKey(c)];
    if (session && !session.channels.some((ch) => ch.uuid === c.channelUuid)) return `RetailNext no longer lists this camera in ${c.storeName}. Remove it from the wall.`;
    return null;
  };

  return (
    <section className="live-view">
      <h1>Live</h1>
      {noConnection && <NoRetailNext others={allConnections} />}
      <div className="live-layout">
        <aside className="live-side" aria-label="Camera list">
          <SavedWalls />
          <h2>Cameras</h2>
          <CameraSide state={side} lists={lists} sources={treeSources} onWall={onWall} onAdd={add} />
        </aside>
        <div className="live-main">
          <div className="live-toolbar">
            <label>
              Layout
              <select value={layout} onChange={(e) => setLayout(Number(e.target.value) as WallLayout)}>
                {wallLayouts.map((g) => <option key={g} value={g}>{layoutLabel(g)}</option>)}
              </select>
            </label>
            <div className="live-pager" role="group" aria-label="Pages">
              <button type="button" onClick={() => setPage(page - 1)} disabled={page <= 0} aria-label="Previous page">‹ Prev</button>
              <span data-testid="live-page" aria-live="polite">Page {Math.min(page, pages - 1) + 1} of {pages}</span>
              <button type="button" onClick={() => setPage(page + 1)} disabled={page >= pages - 1} aria-label="Next page">Next ›</button>
            </div>
            <label>
              Export last
              <input type="number" min={1} max={60} value={exportMinutes} onChange={(e) => setExportMinutes(Number(e.target.value))} /> min
            </label>
            <button type="button" onClick={() => void clear()} disabled={cameras.length === 0}>Clear wall</button>
          </div>
          <p className="small muted live-playing" data-testid="live-playing">
            {cameras.length === 0
              ? side !== 'tree'
                ? 'The wall is empty.'
                : 'The wall is empty: click a store or a camera in the list to add it.'
              : `${wallTitle}Playing: ${playing.map((p) => `${p.name} (${p.n})`).join(', ')} · ${cameras.length} ${cameras.length === 1 ? 'camera' : 'cameras'} on the wall`}
          </p>
          {error && <ErrorMessage error={error} />}
          {notice && <p role="status" className="live-notice" data-testid="live-notice">{notice}</p>}
          {exportPreview && <ExportWriteConfirm key={exportPreview.previewId} preview={exportPreview} onClose={closeExportPreview} />}
          {shown.length > 0 && (
            <div className="live-grid" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }} data-testid="live-grid">
              {shown.map((c) => {
                const key = cameraKey(c);
                const session = sessions[storeKey(c)];
                const url = session?.channels.find((ch) => ch.uuid === c.channelUuid)?.url ?? null;
                return <LiveTile key={key} camera={c} name={names.get(key)!} url={url} problem={problemOf(c)} />;
              })}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
