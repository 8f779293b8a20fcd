import { useEffect, useMemo, useRef, useState } from 'react';
import { groupAlerts } from '../../../../shared/alerts/filter';
import { alertTypeLabel, severityChoices } from '../../../../shared/alerts/labels';
import type { AlertRow } from '../../../../shared/alerts/types';
import { formatAgo, formatClock } from '../../../../shared/time/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { deviceLink, useHashArgument } from '../../ui/links';
import { DataAgeNote } from '../stores/age';
import { formatTime } from '../../ui/TimeText';
import { followCacheChanges } from '../stores/store';
import { EmptyCache } from '../stores/StoresView';
import { GroupHeading, MeasuredRows, useMeasuredRows } from '../../ui/measuredRows';
import { heardSince, heardSinceWords } from './heardSince';
import { useAlerts } from './store';
import { plural } from '../../../../shared/text/plural';

type Row = { kind: 'group'; label: string; open: number; total: number } | { kind: 'alert'; a: AlertRow };
const dayStart = (d: string) => (d ? Date.parse(`${d}T00:00:00`) : undefined);
const dayEnd = (d: string) => (d ? Date.parse(`${d}T23:59:59.999`) : undefined);
/** What a row measures before it is laid out (rows grow with their wrapped text). */
const rowEstimate = 56;
/** One template for the header and every row, so the columns line up. */
const columns = { gridTemplateColumns: 'minmax(72px, 86px) minmax(130px, 1.2fr) minmax(140px, 1.4fr) minmax(96px, 130px) minmax(112px, 1fr) minmax(112px, 150px)' };
/** "Dec 5, 07:12": the day and minute, short enough for the column (the full time is in the tooltip). */
const shortTime = (iso: string | null) => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? '—' : `${new Date(t).toLocaleDateString('en-US', { month: 'short', day: 'numeric' })} ${formatClock(t)}`;
};

/** The device's own "last heard" beside its "haven't heard" alert, and whether it came back since. */
function LastHeard({ a }: { a: AlertRow }) {
  if (!a.device) return <span className="muted">no device record</span>;
  if (!a.deviceLastHeard) return <span className="muted">{a.device.kind === 'camera' ? 'never heard' : 'not reported'}</span>;
  const since = heardSince(a.deviceLastHeard, a.eventTime ?? a.createdTime, Date.now());
  return (
    <>
      <span title={formatTime(a.deviceLastHeard)}>{formatAgo(a.deviceLastHeard)}</span>
      {since && (
        <span className={`small ${since === 'back' ? 'it-newer' : 'muted'}`} title={heardSinceWords[since].title} data-testid="heard-since" data-since={since}>
          {heardSinceWords[since].text}
        </span>
      )}
    </>
  );
}

function AlertLine({ a, focused }: { a: AlertRow; focused: boolean }) {
  const acknowledgeOne = useAlerts((s) => s.acknowledgeOne);
  return (
    <div role="row" className={`it-alert${focused ? ' focused' : ''}${a.resolved ? ' resolved' : ''}`} style={columns} data-testid="alert" data-uuid={a.uuid}>
      <div role="cell" className="it-cell">
        <span className={`it-sev it-sev-${a.severity}`}>{a.severity}</span>
        {a.isNew && <span className="it-new">new</span>}
      </div>
      <div role="cell" className="it-cell" title={`${alertTypeLabel(a.type)}: ${a.description}`}>
        <strong className="it-alert-type">{alertTypeLabel(a.type)}</strong>
        <span className="small muted it-alert-desc">{a.description || '—'}</span>
      </div>
      <div role="cell" className="it-cell" title={`${a.subjectName || a.subjectId} — ${a.storeName}`}>
        <span className="it-alert-subject">{a.subjectName || a.subjectId || 'unknown subject'}</span>
        <span className="small muted it-alert-store">{a.storeName}</span>
      </div>
      <div role="cell" className="it-cell small">
        <span title={`Raised ${formatTime(a.createdTime)}`}>{shortTime(a.createdTime)}</span>
        <span className="muted" title={a.resolved ? `Resolved ${formatTime(a.resolvedTime)}` : undefined}>{a.resolved ? `resolved ${shortTime(a.resolvedTime)}` : 'open'}</span>
      </div>
      <div role="cell" className="it-cell small" data-testid="alert-last-heard">
        <LastHeard a={a} />
      </div>
      <div role="cell" className="it-cell small it-alert-actions">
        {a.acknowledgedAt ? (
          <span title={`Acknowledged ${formatTime(a.acknowledgedAt)} in this console (RetailNext has no acknowledgement)`}>
            Acknowledged{' '}
            <button type="button" className="link small" onClick={() => void acknowledgeOne(a, false)}>
              Undo
            </button>
          </span>
        ) : (
          !a.resolved && (
            <button type="button" className="small it-ack" onClick={() => void acknowledgeOne(a, true)} title="Marks it as seen and handled in this console; RetailNext's API has no acknowledgement, so nothing is sent.">
              Acknowledge
            </button>
          )
        )}
        {a.device && (
          <a href={deviceLink(a.device.kind, a.device.id)} className="small">
            Device
          </a>
        )}
      </div>
    </div>
  );
}

/** The button asks the browser; what it answered is said in words (the button alone would just vanish). */
function NotifyButton() {
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  const [asked, setAsked] = useState(false);
  if (permission === 'default')
    return (
      <button
        type="button"
        onClick={() =>
          void Notification.requestPermission().then((p) => {
            setAsked(true);
            setPermission(p);
          })
        }
      >
        Notify me of new alerts
      </button>
    );
  if (!asked) return null;
  return (
    <span className="small" role="status" data-testid="notify-status">
      {permission === 'granted'
        ? 'Notifications on: new alerts from a sync will show a desktop notification.'
        : permission === 'denied'
          ? 'Notifications blocked: allow them for this page in the browser settings to be told of new alerts.'
          : 'Notifications not available here; new alerts still show on the Alerts badge.'}
    </span>
  );
}

export function AlertsView() {
  const { list, loading, error, filter, groupBy, focus, load, setFilter, markSeen } = useAlerts();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    void load().then(() => markSeen());
    return followCacheChanges(() => void load());
  }, [load, markSeen]);
  // #alerts/<uuid>: one alert, opened from a device or a store (every status, so a resolved one is found too).
  const linked = useHashArgument('alerts');
  useEffect(() => {
    if (!linked) return;
    useAlerts.setState({ focus: linked, filter: { status: 'all' } });
    void load();
  }, [linked, load]);

  const rows = useMemo<Row[]>(() => {
    if (!list) return [];
    if (groupBy === 'none') return list.alerts.map((a) => ({ kind: 'alert', a }));
    const out: Row[] = [];
    for (const g of groupAlerts(list.alerts, groupBy)) {
      out.push({ kind: 'group', label: g.label, open: g.open, total: g.alerts.length });
      for (const a of g.alerts) out.push({ kind: 'alert', a });
    }
    return out;
  }, [list, groupBy]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useMeasuredRows(rows.length, scrollRef, rowEstimate);
  useEffect(() => {
    if (!focus) return;
    const at = rows.findIndex((r) => r.kind === 'alert' && r.a.uuid === focus);
    if (at >= 0) virtual.scrollToIndex(at, { align: 'center' });
  }, [focus, rows, virtual]);

  return (
    <div className="it-view">
      <div className="view-header">
        <h1>Health alerts</h1>
        <DataAgeNote fetchedAt={list?.fetchedAt} />
      </div>
      <div className="actions it-toolbar">
        <input type="search" className="it-search" placeholder="Search alerts…" aria-label="Search alerts" value={filter.search ?? ''} onChange={(e) => setFilter({ search: e.target.value })} />
        <select aria-label="Status" value={filter.status ?? 'all'} onChange={(e) => setFilter({ status: e.target.value as 'open' | 'resolved' | 'all' })}>
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="all">Open and resolved</option>
        </select>
        <select aria-label="Severity" value={filter.severity?.[0] ?? ''} onChange={(e) => setFilter({ severity: e.target.value ? [e.target.value] : [] })}>
          <option value="">Any severity</option>
          {severityChoices(list?.facets.severities ?? []).map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Type" value={filter.types?.[0] ?? ''} onChange={(e) => setFilter({ types: e.target.value ? [e.target.value] : [] })}>
          <option value="">Any type</option>
          {list?.facets.types.map((t) => (
            <option key={t} value={t}>
              {alertTypeLabel(t)}
            </option>
          ))}
        </select>
        <select aria-label="Store" value={filter.storeUuids?.[0] ?? ''} onChange={(e) => setFilter({ storeUuids: e.target.value ? [e.target.value] : [] })}>
          <option value="">Any store</option>
          {list?.facets.stores.map((s) => (
            <option key={s.uuid ?? ''} value={s.uuid ?? ''}>
              {s.name}
            </option>
          ))}
        </select>
        <label className="small">
          From <input type="date" aria-label="From" value={from} onChange={(e) => (setFrom(e.target.value), setFilter({ from: dayStart(e.target.value) }))} />
        </label>
        <label className="small">
          To <input type="date" aria-label="To" value={to} onChange={(e) => (setTo(e.target.value), setFilter({ to: dayEnd(e.target.value) }))} />
        </label>
        <select aria-label="Group by" value={groupBy} onChange={(e) => useAlerts.setState({ groupBy: e.target.value as typeof groupBy })}>
          <option value="store">By store</option>
          <option value="device">By device</option>
          <option value="none">No grouping</option>
        </select>
        <NotifyButton />
        <span className="small muted" role="status">
          {list ? `${list.alerts.length.toLocaleString('en-US')} of ${plural(list.total, 'alert')}` : ''}
        </span>
      </div>
      {error && <ErrorMessage error={error} onBack={() => void load()} />}
      {!list && loading && <p className="muted">Loading alerts…</p>}
      {list && list.total === 0 && <EmptyCache what="health alerts" />}
      {list && list.total > 0 && (
        <div className="it-alerts-table" role="table" aria-label="Alerts" aria-rowcount={list.alerts.length + 1}>
          <div role="row" className="it-alert it-alert-head" style={columns}>
            <div role="columnheader">Severity</div>
            <div role="columnheader">Alert</div>
            <div role="columnheader">Device and store</div>
            <div role="columnheader">Raised</div>
            <div role="columnheader">Device last heard</div>
            <div role="columnheader">Actions</div>
          </div>
          <div ref={scrollRef} className="it-scroll it-alerts" role="rowgroup">
            {rows.length === 0 && <p className="it-no-match muted">No alert matches these filters{filter.status === 'open' ? ' among the open ones' : ''}.</p>}
            <MeasuredRows rows={rows} virtual={virtual}>
              {(row) => (row.kind === 'group' ? <GroupHeading label={row.label} count={`${row.open} open of ${row.total}`} /> : <AlertLine a={row.a} focused={row.a.uuid === focus} />)}
            </MeasuredRows>
          </div>
        </div>
      )}
    </div>
  );
}
