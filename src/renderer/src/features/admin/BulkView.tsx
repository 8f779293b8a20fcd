import { useEffect, useMemo, useState } from 'react';
import { parseBulkCsv, uuidColumnNames } from '../../../../shared/admin/csvImport';
import { fieldById, locationFieldIds, locationFields, parseFieldValue, type LocationFieldId } from '../../../../shared/admin/fields';
import type { ContractError } from '../../../../shared/contract/errors';
import { useConnectivity } from '../../ui/connectivity';
import { downloadText } from '../../ui/downloadText';
import { useCoreBack } from '../../api/coreLink';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useConnections } from '../connections/store';
import { DataAgeNote } from '../stores/age';
import { formatTime } from '../../ui/TimeText';
import { followCacheChanges, newestAge, useEstate } from '../stores/store';
import { EmptyCache } from '../stores/StoresView';
import { locationUuidOf, StoreTreeList } from '../stores/StoreTreeList';
import { BulkTable } from './BulkTable';
import { followBulkProgress, useBulk } from './store';

const template = 'site_uuid,occupancy_limit\r\n18ef3a2e-cc3f-11e6-8d5c-0000124e6871,40\r\nff94800e-7c5f-11e6-8056-c000704d0145,35\r\n';
const bulkFields = locationFieldIds.filter((f) => f !== 'parent_uuid');

function RetailNextChoice({ value, onChange }: { value: string; onChange(id: string): void }) {
  const connections = useConnections((s) => s.connections);
  const rn = useMemo(() => connections.filter((c) => c.vendor === 'retailnext'), [connections]);
  if (rn.length <= 1) return null;
  return (
    <label>
      RetailNext connection{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">choose…</option>
        {rn.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function ImportCsv({ connectionId }: { connectionId: string }) {
  const draft = useBulk((s) => s.draft);
  const [problem, setProblem] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const read = async (file: File) => {
    setProblem(null);
    setNotes([]);
    if (file.size > 50 * 1024 * 1024) return setProblem(`${file.name} is ${Math.round(file.size / 1024 / 1024)} MB: a bulk change file is at most 50 MB.`);
    const parsed = parseBulkCsv(await file.text());
    if (!parsed.ok) return setProblem(`${file.name}: ${parsed.reason}`);
    setNotes(parsed.notes);
    await draft({ connectionId: connectionId || undefined, source: 'csv', label: file.name, fields: parsed.fields, rows: parsed.rows });
  };
  return (
    <section className="card admin-source">
      <h2>Import a CSV</h2>
      <p className="small muted">
        One row per location: a column {uuidColumnNames.slice(0, 2).map((c) => `"${c}"`).join(' or ')} with its UUID, then one column per field to set ({bulkFields.join(', ')}). A blank cell leaves the field as it is. Nothing is sent before you see each row's change and confirm.
      </p>
      <div className="actions">
        <label className="button-like">
          Choose a CSV file…
          <input type="file" accept=".csv,text/csv,text/plain" aria-label="CSV file" className="visually-hidden" onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} />
        </label>
        <button type="button" className="link" onClick={() => downloadText('occupancy_limit.csv', template)}>
          Download an example
        </button>
      </div>
      {problem && (
        <div className="error" role="alert" data-testid="csv-problem">
          {problem}
        </div>
      )}
      {notes.map((n) => (
        <p key={n} className="small muted">
          {n}
        </p>
      ))}
    </section>
  );
}

function ChooseInTree({ connectionId }: { connectionId: string }) {
  const { tree, load } = useEstate();
  const draft = useBulk((s) => s.draft);
  const [checked, setChecked] = useState<Set<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [field, setField] = useState<LocationFieldId>('occupancy_limit');
  const [value, setValue] = useState('');
  useEffect(() => {
    void load();
  }, [load]);
  const valueProblem = value.trim() === '' ? null : (() => {
    const v = parseFieldValue(field, value);
    return v.ok ? null : v.reason;
  })();
  const f = fieldById(field);
  const preview = () => {
    const parsed = parseFieldValue(field, value);
    if (!parsed.ok) return;
    const rows = [...checked].map((id) => ({ row: null, uuid: locationUuidOf(id)!, values: { [field]: parsed.value }, problem: null }));
    void draft({ connectionId: connectionId || undefined, source: 'selection', label: `${f.label} = ${value.trim()} on ${rows.length} location${rows.length === 1 ? '' : 's'}`, fields: [field], rows });
  };
  if (!tree) return <p className="muted">Loading the store tree…</p>;
  return (
    <section className="card admin-source">
      <h2>Choose in the tree</h2>
      <div className="admin-pick">
        <StoreTreeList
          tree={tree}
          selected={selected}
          onSelect={setSelected}
          checks={{
            checked,
            onCheck: (ids, on) =>
              setChecked((cur) => {
                const next = new Set(cur);
                for (const id of ids) {
                  if (on) next.add(id);
                  else next.delete(id);
                }
                return next;
              }),
          }}
        />
        <div className="form admin-set">
          <label>
            Field
            <select aria-label="Field to set" value={field} onChange={(e) => setField(e.target.value as LocationFieldId)}>
              {locationFields.filter((x) => x.id !== 'parent_uuid').map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </select>
          </label>
          <p className="small muted">
            {f.note} Applies to {f.appliesTo.map((k) => (k === 'sublocation' ? 'sublocations' : `${k}s`)).join(' and ')}: other checked locations are refused in the preview.
          </p>
          <label>
            New value
            <input aria-label="New value" value={value} onChange={(e) => setValue(e.target.value)} placeholder={f.kind === 'boolean' ? 'true or false' : f.kind === 'sublocation_type' ? 'entrance, fitting_room, display, other' : ''} />
          </label>
          {valueProblem && <div className="error">{valueProblem}</div>}
          <div className="actions">
            <button type="button" className="primary" disabled={checked.size === 0 || value.trim() === '' || valueProblem !== null} onClick={preview}>
              Preview {checked.size} location{checked.size === 1 ? '' : 's'}
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}

function BulkSummaryCard() {
  const { summary, busy, error, stopped, confirm, cancel, retry, discard, close } = useBulk();
  const connectivity = useConnectivity();
  if (!summary) return null;
  const c = summary.counts;
  const offline = connectivity.browserOffline || (connectivity.unreachable?.connectionIds.includes(summary.connectionId) ?? false);
  const sent = c.done + c.failed + c.unknown + c.not_sent;
  const toSend = c.pending + c.sending + sent;
  const notDone = c.failed + c.unknown + c.not_sent;
  return (
    <section className="card admin-summary" aria-label="Bulk change">
      <h2>
        {summary.label} <span className="small muted">· {summary.connectionName}</span>
      </h2>
      <p data-testid="bulk-counts">
        {summary.state === 'draft' ? (
          <>
            <strong>{c.change.toLocaleString()}</strong> will change · <strong>{(c.invalid + c.unknown_location).toLocaleString()}</strong> refused ({c.invalid} invalid, {c.unknown_location} unknown location) · {c.no_change} no change
          </>
        ) : (
          <>
            <strong>{c.done.toLocaleString()}</strong> done · {c.failed} failed · {c.unknown} outcome unknown · {c.not_sent} not sent{c.pending + c.sending > 0 ? ` · ${c.pending + c.sending} to go` : ''} · {(c.invalid + c.unknown_location).toLocaleString()} refused before sending · {c.no_change} no change
          </>
        )}
      </p>
      {summary.running && (
        <div className="export-progress">
          <progress max={toSend} value={sent} aria-label="Rows sent" /> <span className="small">{sent.toLocaleString()} of {toSend.toLocaleString()} sent, at most 3 at a time (RetailNext's limit)</span>
        </div>
      )}
      {stopped && !summary.running && <div className="notice" role="status">{stopped}</div>}
      {error && <ErrorMessage error={error} />}
      {busy && <p className="muted">{busy}</p>}
      {offline && !summary.running && <div className="error">RetailNext cannot be reached: writes are refused while offline, never queued.</div>}
      <div className="actions">
        {summary.state === 'draft' && (
          <>
            <button type="button" className="primary" disabled={c.change === 0 || !!busy || offline} onClick={() => void confirm()}>
              Confirm and send {c.change.toLocaleString()} row{c.change === 1 ? '' : 's'}
            </button>
            <button type="button" onClick={() => void discard()} disabled={!!busy}>
              Discard
            </button>
          </>
        )}
        {summary.running && (
          <button type="button" className="danger" disabled={summary.cancelling} onClick={() => void cancel()}>
            {summary.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        {summary.state === 'confirmed' && !summary.running && notDone > 0 && (
          <button type="button" className="primary" disabled={!!busy || offline} onClick={() => void retry()}>
            Retry {notDone} row{notDone === 1 ? '' : 's'} not done
          </button>
        )}
        {summary.state === 'confirmed' && !summary.running && (
          <>
            <a href={`#changes/bulk-${summary.id}`}>See them in the change log</a>
            <button type="button" onClick={close}>
              Close
            </button>
          </>
        )}
      </div>
      {summary.state === 'draft' && <p className="small muted">Nothing has been sent yet. Rows refused here are never sent; each says why.</p>}
      {c.unknown > 0 && !summary.running && <p className="small">Rows whose outcome is unknown were on their way when the console stopped: RetailNext may have applied them. Sending a location's fields again is harmless (the same values), so Retry sends them again.</p>}
    </section>
  );
}

export function BulkView() {
  const { summary, recent, error, busy, loadRecent, reloadShown, open } = useBulk();
  const tree = useEstate((s) => s.tree);
  const load = useEstate((s) => s.load);
  const connections = useConnections((s) => s.connections);
  const rn = useMemo(() => connections.filter((c) => c.vendor === 'retailnext'), [connections]);
  const [connectionId, setConnectionId] = useState('');
  const [mode, setMode] = useState<'csv' | 'tree'>('csv');
  // A recent run that could not be opened: read again by itself if the core was lost meanwhile.
  const [openFailed, setOpenFailed] = useState<{ bulkId: number; error: ContractError } | null>(null);
  const openRun = async (bulkId: number) => {
    setOpenFailed(null);
    const failed = await open(bulkId);
    if (failed) setOpenFailed({ bulkId, error: failed });
  };
  useEffect(() => followBulkProgress(), []);
  // The recent runs and an open run's counts follow the core's progress events, which a core that stopped did not send.
  useCoreBack(() => void reloadShown());
  useEffect(() => {
    void loadRecent();
    void load();
    return followCacheChanges(() => void load(true));
  }, [loadRecent, load]);
  const connectionReady = rn.length === 1 || connectionId !== '';
  const recentShown = useMemo(() => recent.filter((r) => r.state === 'confirmed'), [recent]);
  return (
    <div className="it-view admin-view">
      <div className="view-header">
        <h1>Bulk changes</h1>
        <DataAgeNote fetchedAt={newestAge(tree)} />
      </div>
      {rn.length === 0 && <p className="muted">Bulk changes are made to RetailNext locations: add a RetailNext connection (or try the Demo workspace) first.</p>}
      {tree && tree.ages.length === 0 && rn.length > 0 && <EmptyCache what="locations" />}
      {openFailed ? <ErrorMessage error={openFailed.error} onBack={() => void openRun(openFailed.bulkId)} /> : !summary && error && <ErrorMessage error={error} />}
      {summary ? (
        <>
          <BulkSummaryCard />
          <BulkTable />
        </>
      ) : (
        rn.length > 0 && (
          <>
            <RetailNextChoice value={connectionId} onChange={setConnectionId} />
            <div className="actions" role="tablist">
              <button type="button" role="tab" aria-selected={mode === 'csv'} className={mode === 'csv' ? 'primary' : undefined} onClick={() => setMode('csv')}>
                Import a CSV
              </button>
              <button type="button" role="tab" aria-selected={mode === 'tree'} className={mode === 'tree' ? 'primary' : undefined} onClick={() => setMode('tree')}>
                Choose in the tree
              </button>
            </div>
            {busy && <p className="muted">{busy}</p>}
            {connectionReady && (mode === 'csv' ? <ImportCsv connectionId={connectionId} /> : <ChooseInTree connectionId={connectionId} />)}
            {recentShown.length > 0 && (
              <section className="card">
                <h2>Recent bulk changes</h2>
                <ul className="it-updates small">
                  {recentShown.map((r) => (
                    <li key={r.id}>
                      <button
                        type="button"
                        className="link"
                        onClick={() => void openRun(r.id)}
                      >
                        {r.label}
                      </button>{' '}
                      — {formatTime(r.confirmedAt)}: {r.counts.done} done{r.counts.failed + r.counts.unknown + r.counts.not_sent > 0 ? `, ${r.counts.failed + r.counts.unknown + r.counts.not_sent} not done` : ''}
                      {r.running ? ' (sending now)' : ''}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )
      )}
    </div>
  );
}
