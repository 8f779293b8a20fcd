import { useEffect, useMemo, useRef, useState } from 'react';
import { groupAlerts } from '../../../../shared/alerts/filter';
import type { AlertRow } from '../../../../shared/alerts/types';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { openDeviceRecord } from '../inventory/store';
import { DataAgeNote, formatTime } from '../stores/age';
import { followCacheChanges } from '../stores/store';
import { EmptyCache } from '../stores/StoresView';
import { useVirtualRows } from '../stores/virtual';
import { useAlerts } from './store';

type Row = { kind: 'group'; label: string; open: number; total: number } | { kind: 'alert'; a: AlertRow };
const dayStart = (d: string) => (d ? Date.parse(`${d}T00:00:00`) : undefined);
const dayEnd = (d: string) => (d ? Date.parse(`${d}T23:59:59.999`) : undefined);

function AlertLine({ a, focused }: { a: AlertRow; focused: boolean }) {
  return (
    <div className={`it-alert${focused ? ' focused' : ''}${a.resolved ? ' resolved' : ''}`} data-testid="alert" data-uuid={a.uuid}>
      <span className={`it-sev it-sev-${a.severity}`}>{a.severity}</span>
      {a.isNew && <span className="it-new">new</span>}
      <span className="it-alert-desc">{a.description || a.type}</span>
      <span className="it-alert-subject">{a.subjectName || a.subjectId || 'unknown subject'}</span>
      <span className="small">{a.storeName}</span>
      <span className="small muted">{formatTime(a.createdTime)}{a.resolved ? ` · resolved ${formatTime(a.resolvedTime)}` : ' · open'}</span>
      {a.device ? (
        <button type="button" className="link small" onClick={() => openDeviceRecord(a.device!.kind === 'camera' ? 'cameras' : 'appliances', a.device!.id)}>
          Device record
        </button>
      ) : (
        <span className="small muted">no device record</span>
      )}
    </div>
  );
}

export function AlertsView() {
  const { list, loading, error, filter, groupBy, focus, load, setFilter, acknowledge } = useAlerts();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  useEffect(() => {
    void load().then(() => acknowledge());
    return followCacheChanges(() => void load());
  }, [load, acknowledge]);

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
  const virtual = useVirtualRows(rows.length, scrollRef, 34);
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
          {list?.facets.severities.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Type" value={filter.types?.[0] ?? ''} onChange={(e) => setFilter({ types: e.target.value ? [e.target.value] : [] })}>
          <option value="">Any type</option>
          {list?.facets.types.map((s) => (
            <option key={s}>{s}</option>
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
        {permission === 'default' && (
          <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
            Notify me of new alerts
          </button>
        )}
        <span className="small muted" role="status">
          {list ? `${list.alerts.length} of ${list.total} alerts` : ''}
        </span>
      </div>
      {error && <ErrorMessage error={error} />}
      {!list && loading && <p className="muted">Loading alerts…</p>}
      {list && list.total === 0 && <EmptyCache what="health alerts" />}
      {list && list.total > 0 && (
        <div ref={scrollRef} className="it-scroll it-alerts" aria-label="Alerts">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <div key={item.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: 34, transform: `translateY(${item.start}px)` }}>
                  {row.kind === 'group' ? (
                    <div className="it-group">
                      {row.label} <span className="muted">({row.open} open of {row.total})</span>
                    </div>
                  ) : (
                    <AlertLine a={row.a} focused={row.a.uuid === focus} />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
