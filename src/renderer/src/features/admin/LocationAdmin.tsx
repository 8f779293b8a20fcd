import { useEffect, useState } from 'react';
import type { EditableLocation, WriteInput } from '../../../../shared/admin/contract';
import { fieldById, formatFieldValue, parseFieldValue, sublocationTypes, type FieldValue, type LocationFieldId } from '../../../../shared/admin/fields';
import { changeStatusLabels, type BulkSummary, type PlanRow } from '../../../../shared/admin/types';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';
import { useConnectivity } from '../../ui/connectivity';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { DiffTable } from './DiffTable';
import { WriteConfirm } from './WriteConfirm';

/** The hash route of a store's occupancy correction (other views link to it). */
export const occupancyRoute = (storeUuid: string) => `#occupancy/${encodeURIComponent(storeUuid)}`;

function FieldInput({ field, value, onChange, parents }: { field: LocationFieldId; value: string; onChange(v: string): void; parents: EditableLocation['parents'] }) {
  const f = fieldById(field);
  if (f.kind === 'boolean') {
    return (
      <select aria-label={f.label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">not in the cache</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (f.kind === 'sublocation_type') {
    return (
      <select aria-label={f.label} value={value} onChange={(e) => onChange(e.target.value)}>
        {sublocationTypes.map((t) => (
          <option key={t} value={t}>
            {t.replace('_', ' ')}
          </option>
        ))}
      </select>
    );
  }
  if (f.kind === 'uuid') {
    return (
      <select aria-label={f.label} value={value} onChange={(e) => onChange(e.target.value)}>
        {!parents.some((p) => p.uuid === value) && <option value={value}>{value || 'none'}</option>}
        {parents.map((p) => (
          <option key={p.uuid} value={p.uuid}>
            {p.name}
          </option>
        ))}
      </select>
    );
  }
  return <input aria-label={f.label} value={value} inputMode={f.kind === 'text' ? undefined : 'decimal'} onChange={(e) => onChange(e.target.value)} />;
}

/**
 * Edit a location's documented fields (only those the document says apply to it), checked before
 * anything is sent, then previewed, confirmed and logged as a one-row bulk change.
 */
function LocationEditForm({ uuid, onClose }: { uuid: string; onClose(): void }) {
  const [loc, setLoc] = useState<EditableLocation | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<ContractError | null>(null);
  const [bulk, setBulk] = useState<BulkSummary | null>(null);
  const [row, setRow] = useState<PlanRow | null>(null);
  const [sending, setSending] = useState(false);
  const connectivity = useConnectivity();
  const load = () =>
    void api.call('admin.locations.editable', { uuid }).then((r) => {
      if (!r.ok) return setError(r.error);
      setError(null);
      setLoc(r.value);
      setValues(Object.fromEntries(r.value.fields.map((f) => [f, r.value.values[f] === null || r.value.values[f] === undefined ? '' : String(r.value.values[f])])));
    });
  useEffect(load, [uuid]);
  useEffect(() => {
    if (!bulk) return;
    return api.subscribe('admin.bulk.progress', (p) => {
      if (p.bulkId !== bulk.id || p.running) return;
      void api.call('admin.bulk.preview', { bulkId: bulk.id, limit: 1 }).then((r) => {
        if (r.ok) {
          setBulk(r.value.summary);
          setRow(r.value.rows[0] ?? null);
        }
      });
    });
  }, [bulk]);
  if (error && !loc) return <ErrorMessage error={error} onBack={load} />;
  if (!loc) return <p className="muted">Loading…</p>;
  const problems: string[] = [];
  const changed: Partial<Record<LocationFieldId, FieldValue>> = {};
  for (const f of loc.fields) {
    const raw = values[f] ?? '';
    const before = loc.values[f];
    if (raw === '' || raw === (before === null || before === undefined ? '' : String(before))) continue;
    const v = parseFieldValue(f, raw);
    if (v.ok) changed[f] = v.value;
    else problems.push(v.reason);
  }
  const preview = async () => {
    setError(null);
    const r = await api.call('admin.bulk.draft', { connectionId: loc.connectionId, source: 'edit', label: `Edit ${loc.name}`, fields: Object.keys(changed) as LocationFieldId[], rows: [{ row: null, uuid: loc.uuid, values: changed, problem: null }] });
    if (!r.ok) return setError(r.error);
    const p = await api.call('admin.bulk.preview', { bulkId: r.value.id, limit: 1 });
    if (!p.ok) return setError(p.error);
    setBulk(p.value.summary);
    setRow(p.value.rows[0] ?? null);
  };
  const confirm = async () => {
    if (!bulk || sending) return;
    setSending(true);
    const r = await api.call('admin.bulk.confirm', { bulkId: bulk.id });
    setSending(false);
    if (!r.ok) return setError(r.error);
    setBulk(r.value);
  };
  const offline = connectivity.browserOffline || (connectivity.unreachable?.connectionIds.includes(loc.connectionId) ?? false);
  const finished = bulk && bulk.state === 'confirmed' && !bulk.running && row?.status;
  return (
    <div className="card admin-edit" role="form" aria-label={`Edit ${loc.name}`}>
      <h3>Edit {loc.name}</h3>
      {!bulk && (
        <>
          <div className="form admin-fields">
            {loc.fields.map((f) => (
              <label key={f}>
                {fieldById(f).label}
                <FieldInput field={f} value={values[f] ?? ''} parents={loc.parents} onChange={(v) => setValues({ ...values, [f]: v })} />
                <span className="small muted">{fieldById(f).note}</span>
              </label>
            ))}
          </div>
          {problems.map((p) => (
            <div key={p} className="error">
              {p}
            </div>
          ))}
          <div className="actions">
            <button type="button" className="primary" disabled={problems.length > 0 || Object.keys(changed).length === 0} onClick={() => void preview()}>
              Preview
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
      {bulk && row && (
        <>
          <DiffTable
            lines={row.diffs.map((d) => ({
              key: d.field,
              label: fieldById(d.field).label,
              before: d.before === null ? 'not in the cache' : formatFieldValue(d.field, d.before),
              after: formatFieldValue(d.field, d.after),
            }))}
          />
          {row.verdict !== 'change' && (
            <div className="error" role="alert">
              Not sent: {row.reason}
            </div>
          )}
          {finished ? (
            <div className={row.status === 'done' ? 'success' : 'error'} role="status" data-testid="change-outcome" data-status={row.status ?? ''}>
              <strong>{changeStatusLabels[row.status!]}</strong> {row.message}
            </div>
          ) : bulk.state === 'confirmed' ? (
            <p className="muted">Sending…</p>
          ) : (
            <div className="actions">
              <button type="button" className="primary" disabled={row.verdict !== 'change' || sending || offline} onClick={() => void confirm()}>
                Confirm and send
              </button>
              <button
                type="button"
                onClick={() => {
                  void api.call('admin.bulk.discard', { bulkId: bulk.id });
                  setBulk(null);
                  setRow(null);
                }}
              >
                Back
              </button>
            </div>
          )}
          {offline && !finished && <div className="error">RetailNext cannot be reached: writes are refused while offline, never queued.</div>}
          {finished && (
            <div className="actions">
              <button type="button" onClick={onClose}>
                Close
              </button>
            </div>
          )}
        </>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}

function AddLocationForm({ parentUuid, parentKind, onClose }: { parentUuid: string; parentKind: 'store' | 'region'; onClose(): void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<string>(parentKind === 'store' ? 'entrance' : 'region');
  const [area, setArea] = useState('');
  const [aggParent, setAggParent] = useState('');
  const [aggStore, setAggStore] = useState('');
  const [write, setWrite] = useState<WriteInput | null>(null);
  const areaProblem = area.trim() === '' ? null : (() => {
    const v = parseFieldValue('area', area);
    return v.ok ? null : v.reason;
  })();
  const bool = (s: string) => (s === '' ? null : s === 'true');
  return (
    <div className="card admin-edit" role="form" aria-label={parentKind === 'store' ? 'Add a sublocation' : 'Add a region'}>
      <h3>{parentKind === 'store' ? 'Add a sublocation' : 'Add a region'}</h3>
      {!write && (
        <>
          <div className="form admin-fields">
            <label>
              Name
              <input aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            {parentKind === 'store' && (
              <>
                <label>
                  Type
                  <select aria-label="Type" value={type} onChange={(e) => setType(e.target.value)}>
                    {sublocationTypes.map((t) => (
                      <option key={t} value={t}>
                        {t.replace('_', ' ')}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Area (sq ft)
                  <input aria-label="Area (sq ft)" value={area} onChange={(e) => setArea(e.target.value)} inputMode="decimal" />
                </label>
                <label>
                  Aggregate to parent
                  <select aria-label="Aggregate to parent" value={aggParent} onChange={(e) => setAggParent(e.target.value)}>
                    <option value="">RetailNext's default ({type === 'entrance' ? 'true' : 'false'})</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                </label>
                <label>
                  Aggregate to store
                  <select aria-label="Aggregate to store" value={aggStore} onChange={(e) => setAggStore(e.target.value)}>
                    <option value="">RetailNext's default ({type === 'entrance' ? 'true' : 'false'})</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                </label>
              </>
            )}
            {parentKind === 'region' && <p className="small muted">A region is added beneath this region. Stores cannot be created through the API.</p>}
          </div>
          {areaProblem && <div className="error">{areaProblem}</div>}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={name.trim() === '' || areaProblem !== null}
              onClick={() =>
                setWrite({ kind: 'location.create', parentUuid, name: name.trim(), locationType: type as 'region', area: area.trim() === '' ? null : Number(area), aggregateToParent: bool(aggParent), aggregateToStore: bool(aggStore) })
              }
            >
              Preview
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
      <WriteConfirm write={write} onCancel={onClose} />
    </div>
  );
}

/** The write actions of a store, a region or a sublocation, where the tree shows it. */
export function LocationActions({ uuid, kind }: { uuid: string; kind: 'store' | 'region' | 'sublocation' }) {
  const [open, setOpen] = useState<'edit' | 'add' | null>(null);
  return (
    <div className="admin-actions no-print">
      <div className="actions">
        <button type="button" onClick={() => setOpen(open === 'edit' ? null : 'edit')}>
          Edit {kind}
        </button>
        {kind !== 'sublocation' && (
          <button type="button" onClick={() => setOpen(open === 'add' ? null : 'add')}>
            {kind === 'store' ? 'Add sublocation' : 'Add region'}
          </button>
        )}
        {kind === 'store' && <a href={occupancyRoute(uuid)}>Correct occupancy</a>}
      </div>
      {open === 'edit' && <LocationEditForm key={uuid} uuid={uuid} onClose={() => setOpen(null)} />}
      {open === 'add' && kind !== 'sublocation' && <AddLocationForm key={uuid} parentUuid={uuid} parentKind={kind} onClose={() => setOpen(null)} />}
    </div>
  );
}
