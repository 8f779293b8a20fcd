import { useCallback, useEffect, useMemo, useState } from 'react';
import { readNumber, readObject, readOneOf, readString, type Read } from '../../../../shared/app/keptShape';
import { changeKindLabels, changeKinds, changeStatusLabels, changeStatuses, type ChangeKind, type ChangeStatus, type ChangeView } from '../../../../shared/admin/types';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';
import { downloadText } from '../../ui/downloadText';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useKept } from '../../ui/keptState';
import { formatTime } from '../../ui/TimeText';

interface Filter {
  kind?: ChangeKind;
  status?: ChangeStatus;
  search?: string;
  bulkId?: number;
  from?: string;
  to?: string;
}

const noFilter: Filter = {};
const readFilter: Read<Filter> = readObject<Filter>({ kind: readOneOf(changeKinds), status: readOneOf(changeStatuses), search: readString, bulkId: readNumber, from: readString, to: readString });

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function Values({ change }: { change: ChangeView }) {
  const keys = Object.keys(change.sent);
  const flat = keys.length === 1 && typeof change.sent[keys[0]!] === 'object' && change.sent[keys[0]!] !== null ? (change.sent[keys[0]!] as Record<string, unknown>) : change.sent;
  return (
    <div className="small">
      {Object.entries(flat).map(([k, v]) => (
        <div key={k}>
          {k}: {change.before && k in change.before ? <span className="muted">{show(change.before[k])} → </span> : null}
          <strong>{show(v)}</strong>
        </div>
      ))}
      {change.kind === 'occupancy.adjust' && typeof change.before?.reason === 'string' && <div className="muted">reason: {change.before.reason}</div>}
    </div>
  );
}

function bulkFromHash(): number | undefined {
  const m = /^#changes\/bulk-(\d+)$/.exec(window.location.hash);
  return m ? Number(m[1]) : undefined;
}

/** The change log: every write sent to RetailNext, before and after, with its outcome. */
export function ChangesView() {
  // The filter stays across view switches and reloads (keptState.ts); a link to one bulk change (#changes/bulk-N) sets its part.
  const [kept, setKept] = useKept<Filter>('changes.filter', noFilter, readFilter);
  const [linkedBulk, setLinkedBulk] = useState(bulkFromHash);
  const filter = useMemo(() => (linkedBulk !== undefined ? { ...kept, bulkId: linkedBulk } : kept), [kept, linkedBulk]);
  const [data, setData] = useState<{ changes: ChangeView[]; total: number; counts: Record<string, number> } | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  // The list's own failure (a read, loaded again once the core is back), apart from an export's or a retry's.
  const [loadError, setLoadError] = useState<ContractError | null>(null);
  const [retrying, setRetrying] = useState<number | null>(null);
  const [offset, setOffset] = useState(0);
  const limit = 100;
  const load = useCallback(async () => {
    const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as Filter;
    const r = await api.call('admin.changes.list', { filter: clean, offset, limit });
    if (r.ok) {
      setData(r.value);
      setError(null);
      setLoadError(null);
    } else {
      setError(r.error);
      setLoadError(r.error);
    }
  }, [filter, offset]);
  useEffect(() => {
    void load();
    const off = api.subscribe('admin.bulk.progress', () => void load());
    return off;
  }, [load]);
  const set = (f: Partial<Filter>) => {
    setOffset(0);
    setKept((cur) => ({ ...cur, ...(linkedBulk !== undefined ? { bulkId: linkedBulk } : {}), ...f }));
    if ('bulkId' in f) setLinkedBulk(undefined);
  };
  const exportCsv = async () => {
    const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as Filter;
    const r = await api.call('admin.changes.exportCsv', { filter: clean });
    if (!r.ok) return setError(r.error);
    if (r.value.csv !== null) downloadText(r.value.fileName, r.value.csv);
  };
  const retry = async (c: ChangeView) => {
    setRetrying(c.id);
    const r = await api.call('admin.changes.retry', { changeId: c.id });
    setRetrying(null);
    if (!r.ok) setError(r.error);
    await load();
  };
  return (
    <div className="it-view admin-view">
      <div className="view-header">
        <h1>Change log</h1>
        <span className="small muted">Every write sent to RetailNext, recorded before it is sent and completed with RetailNext's answer.</span>
      </div>
      <div className="actions it-toolbar">
        <input type="search" className="it-search" placeholder="Search changes…" aria-label="Search changes" value={filter.search ?? ''} onChange={(e) => set({ search: e.target.value })} />
        <select aria-label="What" value={filter.kind ?? ''} onChange={(e) => set({ kind: (e.target.value || undefined) as ChangeKind | undefined })}>
          <option value="">Every kind of change</option>
          {changeKinds.map((k) => (
            <option key={k} value={k}>
              {changeKindLabels[k]}
            </option>
          ))}
        </select>
        <select aria-label="Outcome" value={filter.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as ChangeStatus | undefined })}>
          <option value="">Every outcome</option>
          {changeStatuses.map((s) => (
            <option key={s} value={s}>
              {changeStatusLabels[s]}
            </option>
          ))}
        </select>
        <label className="small">
          From <input type="date" aria-label="From" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
        </label>
        <label className="small">
          To <input type="date" aria-label="To" value={filter.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
        </label>
        {filter.bulkId !== undefined && (
          <button type="button" className="small" onClick={() => set({ bulkId: undefined })}>
            Bulk change {filter.bulkId} ✕
          </button>
        )}
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </div>
      {error && <ErrorMessage error={error} onBack={error === loadError ? () => void load() : undefined} />}
      {data && (
        <p className="small" data-testid="change-counts">
          {data.total.toLocaleString()} change{data.total === 1 ? '' : 's'}
          {Object.entries(data.counts).length > 0 && ': '}
          {changeStatuses
            .filter((s) => data.counts[s])
            .map((s) => `${data.counts[s]!.toLocaleString()} ${changeStatusLabels[s]}`)
            .join(' · ')}
        </p>
      )}
      {data && data.total === 0 && (
        <p className="muted" data-testid="changes-empty">
          {Object.values(filter).some((v) => v !== undefined && v !== '') ? 'No change matches these filters.' : 'No changes yet.'} Writes made from the Stores, Bulk changes, Users and Exports views (and the Live wall's exports) appear here.
        </p>
      )}
      {data && data.changes.length > 0 && (
        <table className="it-table-static admin-changes" aria-label="Change log">
          <thead>
            <tr>
              <th>Recorded</th>
              <th>What</th>
              <th>Subject</th>
              <th>Before → sent</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {data.changes.map((c) => (
              <tr key={c.id} data-testid="change" data-status={c.status}>
                <td className="small">
                  {formatTime(c.recordedAt)}
                  <div className="muted">{c.connectionName}</div>
                </td>
                <td>
                  {changeKindLabels[c.kind]}
                  {c.bulkId !== null && (
                    <div className="small muted">
                      bulk {c.bulkId}
                      {c.row !== null ? `, row ${c.row}` : ''}
                    </div>
                  )}
                  {c.retryOf !== null && <div className="small muted">retry of #{c.retryOf}</div>}
                </td>
                <td>
                  {c.targetName ?? c.target}
                  <div className="mono small muted">{c.target}</div>
                </td>
                <td>
                  <Values change={c} />
                </td>
                <td>
                  <span className={`admin-status admin-status-${c.status}`}>{changeStatusLabels[c.status]}</span>
                  {c.vendorStatus !== null && <span className="small muted"> HTTP {c.vendorStatus}</span>}
                  {c.message && <div className="small admin-reason">{c.message}</div>}
                  {c.vendorMessage && <div className="small admin-reason">RetailNext said: {c.vendorMessage}</div>}
                  {isExport(c) && (c.status === 'failed' || c.status === 'not_sent') && <div className="small muted">Retry it in Exports.</div>}
                  {c.bulkId === null && !isExport(c) && (c.status === 'failed' || c.status === 'not_sent' || c.status === 'unknown') && (
                    <button type="button" className="small" disabled={retrying === c.id} onClick={() => void retry(c)}>
                      {c.status === 'unknown' ? 'Check and retry' : 'Retry'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > limit && (
        <div className="actions">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>
            Newer
          </button>
          <span className="small muted">
            {offset + 1}–{Math.min(offset + limit, data.total)} of {data.total.toLocaleString()}
          </span>
          <button type="button" disabled={offset + limit >= data.total} onClick={() => setOffset(offset + limit)}>
            Older
          </button>
        </div>
      )}
    </div>
  );
}

/** Exports are sent again from the Exports view, which checks that no second export is made. */
function isExport(c: ChangeView): boolean {
  return c.kind === 'export.start' || c.kind === 'export.delete';
}
