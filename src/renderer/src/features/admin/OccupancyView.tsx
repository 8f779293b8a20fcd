import { useEffect, useState } from 'react';
import type { OccupancyStatus, WriteInput } from '../../../../shared/admin/contract';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatAgo } from '../../../../shared/time/format';
import { useEstate } from '../stores/store';
import { WriteConfirm } from './WriteConfirm';

export function storeFromOccupancyHash(): string | null {
  const m = /^#occupancy\/(.+)$/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

/**
 * Occupancy correction (POST /v1/occupancy/adjust) for one store, reached at #occupancy/<store uuid>
 * from the store panel or any view that shows a store's occupancy. The document's conditions (store
 * hours, a limit set) are checked and said before anything is sent.
 */
export function OccupancyView() {
  const [storeUuid, setStoreUuid] = useState(storeFromOccupancyHash);
  const [status, setStatus] = useState<OccupancyStatus | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [count, setCount] = useState('');
  const [at, setAt] = useState('');
  const [reason, setReason] = useState('');
  const [write, setWrite] = useState<WriteInput | null>(null);
  const { tree, select } = useEstate();
  useEffect(() => {
    const on = () => setStoreUuid(storeFromOccupancyHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const load = async (uuid: string) => {
    setError(null);
    const r = await api.call('admin.occupancy.status', { storeUuid: uuid });
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  };
  useEffect(() => {
    setStatus(null);
    setWrite(null);
    if (storeUuid) void load(storeUuid);
  }, [storeUuid]);
  if (!storeUuid) return <p className="muted">Choose a store in the Stores view, then "Correct occupancy".</p>;
  const n = Number(count);
  const countProblem = count.trim() === '' ? null : !/^-?\d+$/.test(count.trim()) ? 'A whole number of people, such as 5 or -3.' : n === 0 ? 'The correction cannot be zero.' : null;
  const back = () => {
    const node = tree?.nodes.find((x) => x.storeUuid === storeUuid);
    if (node) select(node.id);
    window.location.hash = '#stores';
  };
  return (
    <div className="it-view admin-view">
      <div className="view-header">
        <h1>Correct occupancy{status ? `: ${status.name}` : ''}</h1>
        <button type="button" className="link" onClick={back}>
          Back to the store
        </button>
      </div>
      {error && <ErrorMessage error={error} onBack={() => void load(storeUuid)} />}
      {status && (
        <section className="card admin-occupancy" aria-label="Occupancy now">
          <dl className="it-facts">
            <dt>Occupancy now</dt>
            <dd data-testid="occupancy-now">{status.live?.occupancy != null ? `${Math.round(status.live.occupancy)} (asked RetailNext ${formatAgo(status.live.readAt)})` : status.liveError ? 'RetailNext cannot be asked now' : 'not given by RetailNext'}</dd>
            <dt>Limit</dt>
            <dd>{status.live?.limit != null ? status.live.limit : status.cachedLimit !== null ? `${status.cachedLimit} (cached)` : 'none set'}</dd>
            <dt>Store time</dt>
            <dd>
              {status.localNow} {status.timeZone ? `(${status.timeZone})` : ''}
            </dd>
            <dt>Hours today</dt>
            <dd>{status.hoursToday ? `${status.hoursToday.open ?? '?'} – ${status.hoursToday.close ?? '?'}` : 'not in the cache'}{status.openNow === true ? ' · open now' : status.openNow === false ? ' · closed now' : ''}</dd>
          </dl>
          <p className="small">RetailNext accepts occupancy corrections only within store hours and when the store has an occupancy limit.</p>
          {status.blockers.map((b) => (
            <div key={b} className="error" data-testid="occupancy-blocker">
              {b}
            </div>
          ))}
          {status.notes.map((b) => (
            <p key={b} className="small muted">
              {b}
            </p>
          ))}
          {!write && (
            <div className="form admin-fields">
              <label>
                Correction (people, + or −)
                <input aria-label="Correction" value={count} onChange={(e) => setCount(e.target.value)} inputMode="numeric" />
              </label>
              {countProblem && <div className="error">{countProblem}</div>}
              <label>
                At (store time; empty = now)
                <input type="datetime-local" aria-label="At" value={at} onChange={(e) => setAt(e.target.value)} />
              </label>
              <label>
                Reason (kept in the change log)
                <input aria-label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
              </label>
              <div className="actions">
                <button type="button" className="primary" disabled={count.trim() === '' || countProblem !== null || reason.trim() === ''} onClick={() => setWrite({ kind: 'occupancy.adjust', storeUuid, count: n, at: at ? at.slice(0, 16) : null, reason: reason.trim() })}>
                  Preview
                </button>
              </div>
            </div>
          )}
          <WriteConfirm
            write={write}
            onDone={() => void load(storeUuid)}
            onCancel={() => {
              setWrite(null);
              void load(storeUuid);
            }}
          />
        </section>
      )}
    </div>
  );
}
