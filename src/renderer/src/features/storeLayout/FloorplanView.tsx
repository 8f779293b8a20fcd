import { useEffect, useMemo, useState } from 'react';
import { formatArea } from '../../../../shared/storeLayout/geometry';
import type { Floorplan, FloorplanZone } from '../../../../shared/storeLayout/types';
import { DataAge } from '../../ui/DataAge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useEstate } from '../stores/store';
import { FloorplanCanvas } from './FloorplanCanvas';
import { storeFromFloorplanHash, useStoreLayout } from './store';
import './storeLayout.css';

/**
 * A store's FPA floorplans, one tab per floor, drawn to scale from the zones' outlines (cm), with the
 * zone list beside: names, types, areas, and what is wrong with an outline the vendor sent.
 * Reached at #floorplan/<store uuid> from the store panel.
 */
export function FloorplanView() {
  const [storeUuid, setStoreUuid] = useState(storeFromFloorplanHash);
  const { floorplans, loading, error, floorId, selectedZone, hoveredZone, open, showFloor, selectZone, hoverZone } = useStoreLayout();
  const { tree, select } = useEstate();
  useEffect(() => {
    const on = () => setStoreUuid(storeFromFloorplanHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    if (storeUuid) void open(storeUuid);
  }, [storeUuid, open]);
  if (!storeUuid) return <p className="muted">Choose a store in the Stores view, then "Floorplan".</p>;
  const plan = floorplans?.floorplans.find((p) => p.id === floorId) ?? null;
  const back = () => {
    const node = tree?.nodes.find((x) => x.storeUuid === storeUuid);
    if (node) select(node.id);
    window.location.hash = '#stores';
  };
  return (
    <div className="fp-view">
      <div className="view-header">
        <h1>Floorplan{floorplans ? `: ${floorplans.storeName}` : ''}</h1>
        <div className="actions">
          {floorplans && <DataAge fetchedAt={floorplans.fetchedAt} label="fetched" staleAfterHours={24 * 30} />}
          <button type="button" onClick={() => void open(storeUuid, true)} disabled={loading}>
            {loading ? 'Fetching…' : 'Fetch again'}
          </button>
          <button type="button" className="link" onClick={back}>
            Back to the store
          </button>
        </div>
      </div>
      {error && <ErrorMessage error={error} />}
      {floorplans?.refreshError && (
        <ErrorMessage error={{ code: floorplans.refreshError.code as 'offline', message: `Not fetched again: ${floorplans.refreshError.message} The floorplans below are the cached ones.` }} />
      )}
      {loading && !floorplans && <p className="muted">Fetching the floorplans from RetailNext…</p>}
      {floorplans && floorplans.floorplans.length === 0 && (
        <p className="empty">RetailNext has no FPA floorplan for this store: it has no FPA sensors, or its zones have not been drawn yet.</p>
      )}
      {floorplans && floorplans.floorplans.length > 0 && (
        <>
          <div className="fp-floors" role="tablist" aria-label="Floors">
            {floorplans.floorplans.map((p) => (
              <button key={p.id} type="button" role="tab" aria-selected={p.id === floorId} className={p.id === floorId ? 'fp-floor active' : 'fp-floor'} onClick={() => showFloor(p.id)}>
                {p.name} <span className="muted small">({p.zones.length} zones)</span>
              </button>
            ))}
          </div>
          {plan && <FloorplanBody plan={plan} selectedZone={selectedZone} hoveredZone={hoveredZone} selectZone={selectZone} hoverZone={hoverZone} />}
        </>
      )}
    </div>
  );
}

function FloorplanBody({ plan, selectedZone, hoveredZone, selectZone, hoverZone }: { plan: Floorplan; selectedZone: string | null; hoveredZone: string | null; selectZone(id: string | null): void; hoverZone(id: string | null): void }) {
  const selected = plan.zones.find((z) => z.id === selectedZone) ?? null;
  const drawn = plan.zones.filter((z) => z.drawable).length;
  return (
    <>
      {plan.notes.length > 0 && (
        <ul className="fp-notes" aria-label="Notes on this floorplan">
          {plan.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="fp-split">
        <div className="fp-main card">
          {drawn > 0 ? (
            <FloorplanCanvas plan={plan} selectedId={selectedZone} hoverId={hoveredZone} onSelect={selectZone} onHover={hoverZone} />
          ) : (
            <p className="empty">Nothing on this floor can be drawn{plan.zones.length > 0 ? ': the zones are listed beside, with why.' : '.'}</p>
          )}
          <div className="fp-legend small">
            <span>
              <i className="fp-swatch fp-swatch-fpa" /> FPA zone
            </span>
            <span>
              <i className="fp-swatch fp-swatch-staff" /> staff zone
            </span>
            <span>
              <i className="fp-swatch fp-swatch-note" /> outline with a note
            </span>
            <span className="muted">Drawn to scale from the zones' outlines (cm). Wheel to zoom, drag to pan.</span>
          </div>
        </div>
        <aside className="fp-side card">
          {selected && <ZoneFacts zone={selected} />}
          <ZoneList zones={plan.zones} selectedZone={selectedZone} hoveredZone={hoveredZone} selectZone={selectZone} hoverZone={hoverZone} />
        </aside>
      </div>
    </>
  );
}

function ZoneFacts({ zone }: { zone: FloorplanZone }) {
  return (
    <section className="fp-facts" aria-label={`Zone ${zone.name}`}>
      <h2>{zone.name}</h2>
      <dl className="it-facts">
        <dt>Type</dt>
        <dd>{zone.type ?? '—'}</dd>
        <dt>Area</dt>
        <dd>{formatArea(zone.areaCm2)}</dd>
        <dt>Location</dt>
        <dd>{zone.locationName ?? '—'}</dd>
        <dt>Dwell after</dt>
        <dd>{zone.dwellThresholdMs === null ? '—' : `${zone.dwellThresholdMs.toLocaleString()} ms`}</dd>
        <dt>Zone buffer</dt>
        <dd>{zone.zoneThresholdMm === null ? '—' : `${zone.zoneThresholdMm.toLocaleString()} mm`}</dd>
      </dl>
      {zone.notes.map((n) => (
        <p key={n} className="fp-note small">
          {n}
        </p>
      ))}
    </section>
  );
}

type SortKey = 'name' | 'type' | 'area';

function ZoneList({ zones, selectedZone, hoveredZone, selectZone, hoverZone }: { zones: FloorplanZone[]; selectedZone: string | null; hoveredZone: string | null; selectZone(id: string | null): void; hoverZone(id: string | null): void }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const rows = useMemo(() => {
    const out = zones.slice();
    const by = (z: FloorplanZone) => (sort.key === 'area' ? z.areaCm2 ?? -1 : sort.key === 'type' ? z.type ?? '' : z.name.toLowerCase());
    out.sort((a, b) => {
      // zones with notes first, so the awkward ones are not missed
      if ((a.notes.length > 0) !== (b.notes.length > 0)) return a.notes.length > 0 ? -1 : 1;
      const x = by(a);
      const y = by(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (sort.desc ? -1 : 1);
    });
    return out;
  }, [zones, sort]);
  const head = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="it-sort" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key === 'area' }))}>
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  return (
    <div className="fp-zone-list">
      <table className="it-table-static" aria-label="Zones">
        <thead>
          <tr>
            {head('name', 'Zone')}
            {head('type', 'Type')}
            {head('area', 'Area')}
          </tr>
        </thead>
        <tbody>
          {rows.map((z) => (
            <tr
              key={z.id}
              data-testid="floorplan-zone"
              className={[z.id === selectedZone ? 'selected' : '', z.id === hoveredZone ? 'hovered' : '', z.notes.length ? 'noted' : ''].join(' ').trim() || undefined}
              onMouseEnter={() => hoverZone(z.id)}
              onMouseLeave={() => hoverZone(null)}
              onClick={() => selectZone(z.id === selectedZone ? null : z.id)}
            >
              <td>
                <button type="button" className="link" aria-pressed={z.id === selectedZone}>
                  {z.name}
                </button>
                {z.notes.length > 0 && (
                  <div className="fp-note small" title={z.notes.join(' ')}>
                    {z.notes[0]}
                  </div>
                )}
              </td>
              <td>{z.type ?? '—'}</td>
              <td className="num">{formatArea(z.areaCm2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
