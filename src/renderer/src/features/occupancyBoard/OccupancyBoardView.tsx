import { useEffect, useRef, useState } from 'react';
import { boardPolicy, boardPolicyText, boardRefreshText } from '../../../../shared/occupancyBoard/policy';
import type { BoardReading } from '../../../../shared/occupancyBoard/types';
import { formatClock } from '../../../../shared/time/format';
import { api } from '../../api/client';
import { useConnectivity } from '../../ui/connectivity';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useConnections } from '../connections/store';
import { useVirtualRows } from '../stores/virtual';
import { Sparkline } from './Sparkline';
import { readingKey, useBoard } from './store';
import { plural } from '../../../../shared/text/plural';

const rowHeight = 52;

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const on = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, []);
  return visible;
}

/** Refreshes every `boardPolicy.intervalMs` while the board is shown and online; says why when it is paused. */
function useRefreshLoop(): string | null {
  const visible = usePageVisible();
  const offline = useConnectivity((s) => s.browserOffline || s.unreachable !== null);
  const refresh = useBoard((s) => s.refresh);
  const paused = !visible ? 'Paused while the board is hidden.' : offline ? 'Paused: the connection is offline. It starts again when RetailNext can be reached.' : null;
  useEffect(() => {
    if (paused) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // Left or paused: the refresh still out is given up, so RetailNext is not asked for a board nobody sees.
    const shown = new AbortController();
    const tick = async () => {
      const last = useBoard.getState().last;
      const due = last ? Date.parse(last.readAt) + boardPolicy.intervalMs - Date.now() : 0;
      if (due > 1000) {
        timer = setTimeout(() => void tick(), due);
        return;
      }
      await refresh(shown.signal);
      if (!stopped) timer = setTimeout(() => void tick(), boardPolicy.intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      shown.abort();
    };
  }, [paused, refresh]);
  return paused;
}

/** In browser mode the page shows the notification (the desktop shell shows its own from the core). */
function useOverLimitNotifications(): void {
  useEffect(() => {
    let browser = false;
    void api.call('app.info', {}).then((r) => (browser = !r.ok || r.value.shell === 'browser'));
    return api.subscribe('occupancyBoard.overLimit', (e) => {
      useBoard.getState().notePassed(e);
      if (!browser || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const first = e.stores[0]!;
      const body = e.stores.length === 1 ? `${first.name}: ${first.occupancy} people, limit ${first.limit}` : `${e.stores.length} stores, e.g. ${first.name}: ${first.occupancy} people, limit ${first.limit}`;
      const n = new Notification(e.stores.length === 1 ? 'Store over its occupancy limit' : 'Stores over their occupancy limit', { body, tag: 'roc-occupancy' });
      n.onclick = () => window.focus();
    });
  }, []);
}

const pct = (share: number) => `${Math.round(share * 100)}%`;
/** The console's one 24-hour clock (shared/time/format), as every view writes times. */
const clock = (iso: string) => formatClock(iso, { seconds: true });

/**
 * The live occupancy board: every store with an occupancy limit, fullest first, with today's curve
 * from the board's own readings. Stores at 90% of their limit and over are highlighted.
 */
export function OccupancyBoardView() {
  const { readings, last, curves, passed, refreshing, error, refresh } = useBoard();
  const paused = useRefreshLoop();
  useOverLimitNotifications();
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(readings.length, scrollRef, rowHeight);
  const high = readings.filter((r) => r.share !== null && r.share >= boardPolicy.highlightShare).length;
  const over = readings.filter((r) => r.occupancy !== null && r.limit !== null && r.occupancy > r.limit).length;
  const withNote = readings.filter((r) => r.note).length;
  const { connections, loaded: connectionsLoaded, load: loadConnections } = useConnections();
  useEffect(() => {
    if (!connectionsLoaded) void loadConnections();
  }, [connectionsLoaded, loadConnections]);
  const noRetailNext = connectionsLoaded && !connections.some((c) => c.vendor === 'retailnext');

  return (
    <div className="board-view">
      <div className="view-header">
        <h1>Occupancy board</h1>
        <div className="board-actions">
          {permission === 'default' && (
            <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
              Notify me when a store passes its limit
            </button>
          )}
          <button type="button" onClick={() => void refresh()} disabled={refreshing}>
            {refreshing ? 'Reading…' : 'Refresh now'}
          </button>
        </div>
      </div>
      <p className="muted board-policy" title={boardPolicyText}>
        {boardRefreshText}
      </p>
      <p className="board-status" data-testid="board-status">
        {paused ? <strong>{paused} </strong> : null}
        {last ? `Read at ${clock(last.readAt)} · ${plural(readings.length, 'store')} with a limit · ${high} at 90% or more · ${over} over the limit` : refreshing ? 'Reading current occupancy…' : 'Not read yet.'}
        {last && last.storesWithoutLimit > 0 ? ` · ${plural(last.storesWithoutLimit, 'store')} without a limit ${last.storesWithoutLimit === 1 ? 'is' : 'are'} not on the board` : ''}
        {withNote > 0 ? ` · ${withNote} without a full reading (see their notes)` : ''}
      </p>
      {error && <ErrorMessage error={error} onBack={() => void refresh()} />}
      {last?.errors.map((e) => (
        <p key={e.connectionId} className="error">
          {e.connectionName}: {e.message}
        </p>
      ))}
      {passed.length > 0 && (
        <ul className="board-passed" data-testid="board-passed" aria-label="Stores that passed their limit">
          {passed.slice(0, 3).map((p) => (
            <li key={p.at}>
              {clock(p.at)}: {p.stores.map((s) => `${s.name} passed its limit (${s.occupancy} / ${s.limit})`).join('; ')}
            </li>
          ))}
        </ul>
      )}
      {last && readings.length === 0 && (
        <p className="muted" data-testid="board-empty">
          {noRetailNext ? 'The board reads RetailNext: add a RetailNext connection in ' : 'No cached store has an occupancy limit. Set limits in the Stores view (Edit store), or sync the locations in the '}
          {noRetailNext ? <a href="#connections">Connections</a> : <a href="#sync">Sync view</a>}
          {noRetailNext ? ' (or try the Demo workspace there).' : '.'}
        </p>
      )}
      <div className="board-list" ref={scrollRef} role="list" aria-label="Stores by share of their occupancy limit" hidden={readings.length === 0}>
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((v) => {
            const r = readings[v.index]!;
            return <BoardRow key={readingKey(r)} reading={r} curve={curves[readingKey(r)]} top={v.start} />;
          })}
        </div>
      </div>
    </div>
  );
}

function BoardRow({ reading: r, curve, top }: { reading: BoardReading; curve: Parameters<typeof Sparkline>[0]['curve']; top: number }) {
  const level = r.share === null ? '' : r.occupancy! > r.limit! ? ' board-over' : r.share >= boardPolicy.highlightShare ? ' board-high' : '';
  return (
    <div className={`board-row${level}`} role="listitem" data-testid="board-row" style={{ top, height: rowHeight }}>
      <div className="board-name" title={r.name}>
        {r.name}
        <div className="muted board-time">{r.timeZone && r.localTime ? `store time ${formatClock(r.readAt, { timeZone: r.timeZone })}` : `read ${clock(r.readAt)}`}</div>
      </div>
      <div className="board-figure">
        {r.occupancy !== null ? r.occupancy : '–'} / {r.limit ?? r.cachedLimit}
        <div className="board-bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, (r.share ?? 0) * 100)}%` }} />
        </div>
      </div>
      <div className="board-share">{r.share !== null ? pct(r.share) : '–'}</div>
      <div className="board-trend">
        {r.note && (curve?.points.length ?? 0) < 2 ? (
          <div className="board-note board-wide" title={r.note}>
            {r.note}
          </div>
        ) : (
          <>
            <Sparkline curve={curve} limit={r.limit ?? r.cachedLimit} />
            {r.note && (
              <div className="board-note" title={r.note}>
                {r.note}
              </div>
            )}
          </>
        )}
      </div>
      <a className="board-correct" href={`#occupancy/${encodeURIComponent(r.storeUuid)}`}>
        Correct occupancy
      </a>
    </div>
  );
}
