import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatArea } from '../../../../shared/storeLayout/geometry';
import { formatMeasure, measureValue, zoneMeasureInfo } from '../../../../shared/storeLayout/measures';
import { topFlows, transitionMatrix, type TransitionMatrix } from '../../../../shared/storeLayout/transitions';
import type { Floorplan, FloorplanZone, PlanPoint, ZoneMeasure, ZoneMeasureValues, ZoneMetrics, ZoneTransitions } from '../../../../shared/storeLayout/types';
import { DataAge } from '../../ui/DataAge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useEstate } from '../stores/store';
import { measureScale } from './colour';
import type { FlowArrow } from './draw';
import { FloorplanCanvas } from './FloorplanCanvas';
import { storeFromFloorplanHash, useStoreLayout, type PlanMode } from './store';
import { MatrixCard, MeasureLegend, OverlayControls, TopFlows } from './ZoneOverlays';
import './storeLayout.css';
import { plural } from '../../../../shared/text/plural';

/**
 * A store's FPA floorplans, one tab per floor, drawn to scale from the zones' outlines (cm), with the
 * zone list beside: names, types, areas, and what is wrong with an outline the vendor sent.
 * Reached at #floorplan/<store uuid> from the store panel.
 */
export function FloorplanView() {
  const [storeUuid, setStoreUuid] = useState(storeFromFloorplanHash);
  const { floorplans, loading, error, floorId, selectedZone, hoveredZone, open, showFloor, selectZone, hoverZone, loadOverlay } = useStoreLayout();
  const { mode, range, measure, options, metrics, transitions, setMode, setRange, setMeasure, setOptions } = useStoreLayout();
  const { tree, select } = useEstate();
  useEffect(() => {
    const on = () => setStoreUuid(storeFromFloorplanHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    if (storeUuid) void open(storeUuid);
  }, [storeUuid, open]);
  useEffect(() => () => useStoreLayout.getState().leave(), []);
  if (!storeUuid) return <p className="muted">Choose a store in the Stores view, then "Floorplan".</p>;
  const plan = floorplans?.floorplans.find((p) => p.id === floorId) ?? null;
  const back = () => {
    const node = tree?.nodes.find((x) => x.storeUuid === storeUuid);
    if (node) select(node.id);
    window.location.hash = '#stores';
  };
  return (
    <div className={`fp-view fp-mode-${mode}`}>
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
      {error && <ErrorMessage error={error} onBack={storeUuid ? () => void open(storeUuid) : undefined} />}
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
                {p.name} <span className="muted small">({plural(p.zones.length, 'zone')})</span>
              </button>
            ))}
          </div>
          <OverlayControls mode={mode} range={range} measure={measure} options={options} setMode={setMode} setRange={setRange} setMeasure={setMeasure} setOptions={setOptions} />
          {mode === 'measures' && metrics.error && <ErrorMessage error={metrics.error} onBack={() => void loadOverlay()} />}
          {mode === 'flows' && transitions.error && <ErrorMessage error={transitions.error} onBack={() => void loadOverlay()} />}
          {mode === 'measures' && metrics.data?.refreshError && <ErrorMessage error={{ code: metrics.data.refreshError.code as 'offline', message: `Not fetched again: ${metrics.data.refreshError.message} The measures below are the cached ones.` }} />}
          {mode === 'flows' && transitions.data?.refreshError && <ErrorMessage error={{ code: transitions.data.refreshError.code as 'offline', message: `Not fetched again: ${transitions.data.refreshError.message} The flows below are the cached ones.` }} />}
          {plan && (
            <FloorplanBody
              plan={plan}
              storeName={floorplans.storeName}
              mode={mode}
              measure={measure}
              metrics={mode === 'measures' && metrics.data?.floorplanId === plan.id ? metrics.data : null}
              transitions={mode === 'flows' && transitions.data?.floorplanId === plan.id ? transitions.data : null}
              overlayLoading={(mode === 'measures' && metrics.loading) || (mode === 'flows' && transitions.loading)}
              selectedZone={selectedZone}
              hoveredZone={hoveredZone}
              selectZone={selectZone}
              hoverZone={hoverZone}
            />
          )}
        </>
      )}
    </div>
  );
}

interface BodyProps {
  plan: Floorplan;
  storeName: string;
  mode: PlanMode;
  measure: ZoneMeasure;
  metrics: ZoneMetrics | null;
  transitions: ZoneTransitions | null;
  overlayLoading: boolean;
  selectedZone: string | null;
  hoveredZone: string | null;
  selectZone(id: string | null): void;
  hoverZone(id: string | null): void;
}

/** How many flows the plan draws as arrows: more is a tangle. */
const arrowCount = 15;

function FloorplanBody({ plan, storeName, mode, measure, metrics, transitions, overlayLoading, selectedZone, hoveredZone, selectZone, hoverZone }: BodyProps) {
  const selected = plan.zones.find((z) => z.id === selectedZone) ?? null;
  const drawn = plan.zones.filter((z) => z.drawable).length;
  const byZone = useMemo(() => new Map((metrics?.values ?? []).map((v) => [v.zoneId, v])), [metrics]);
  const max = useMemo(() => Math.max(0, ...(metrics?.values ?? []).map((v) => measureValue(v, measure) ?? 0)), [metrics, measure]);
  const scale = useMemo(() => measureScale(max), [max]);
  const matrix = useMemo(() => (transitions ? transitionMatrix(transitions.zones, transitions.flows) : null), [transitions]);
  const top = useMemo(() => (matrix ? topFlows(matrix, Math.max(arrowCount, 10)) : []), [matrix]);
  const fillOf = useMemo(() => {
    if (!metrics) return undefined;
    return (z: FloorplanZone) => {
      const v = measureValue(byZone.get(z.id), measure);
      return v === null ? '#eceef2' : scale(v);
    };
  }, [metrics, byZone, measure, scale]);
  const arrows = useCallback((centres: Map<string, PlanPoint>): FlowArrow[] => flowArrows(top.slice(0, arrowCount), centres), [top]);
  const describe = useMemo(() => {
    if (metrics) return (z: FloorplanZone) => describeMeasures(byZone.get(z.id));
    if (matrix) return (z: FloorplanZone) => describeFlows(matrix, z.id);
    return undefined;
  }, [metrics, byZone, matrix]);
  const notes = [...plan.notes, ...(metrics?.notes ?? []), ...(transitions?.notes ?? [])];
  return (
    <>
      {notes.length > 0 && (
        <ul className="fp-notes" aria-label="Notes on this floorplan">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="fp-split">
        <div className="fp-main card">
          {drawn > 0 ? (
            <FloorplanCanvas plan={plan} selectedId={selectedZone} hoverId={hoveredZone} onSelect={selectZone} onHover={hoverZone} fillOf={fillOf} arrows={matrix ? arrows : undefined} describe={describe} />
          ) : (
            <p className="empty">Nothing on this floor can be drawn{plan.zones.length > 0 ? ': the zones are listed beside, with why.' : '.'}</p>
          )}
          {mode === 'measures' && metrics ? (
            <MeasureLegend metrics={metrics} measure={measure} max={max} scale={scale} />
          ) : (
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
              {mode === 'flows' && transitions && (
                <span>
                  <i className="fp-arrow-swatch" /> the {Math.min(arrowCount, top.length)} largest flows between zones, width by count
                </span>
              )}
              {mode === 'flows' && transitions && <DataAge fetchedAt={transitions.fetchedAt} label="fetched" staleAfterHours={24 * 7} />}
              {mode === 'zones' && <span className="muted">Drawn to scale from the zones' outlines (cm). Wheel to zoom, drag to pan.</span>}
            </div>
          )}
          {overlayLoading && (
            <p className="muted small" role="status">
              {mode === 'measures' ? 'Fetching the zone measures…' : 'Fetching the zone transitions…'}
            </p>
          )}
        </div>
        <aside className="fp-side card">
          {selected && <ZoneFacts zone={selected} />}
          {mode === 'flows' && matrix && <TopFlows flows={top.slice(0, 10)} selectZone={selectZone} />}
          <ZoneList zones={plan.zones} measure={metrics ? measure : null} byZone={byZone} selectedZone={selectedZone} hoveredZone={hoveredZone} selectZone={selectZone} hoverZone={hoverZone} />
        </aside>
      </div>
      {mode === 'flows' && transitions && matrix && <MatrixCard transitions={transitions} matrix={matrix} storeName={storeName} selectZone={selectZone} />}
    </>
  );
}

/** Arrows for flows between two zones both drawn on the plan, width in proportion to the count (2 to 12 px). */
function flowArrows(flows: ReturnType<typeof topFlows>, centres: Map<string, PlanPoint>): FlowArrow[] {
  const max = flows[0]?.value ?? 0;
  const out: FlowArrow[] = [];
  for (const f of flows) {
    const from = centres.get(f.from.id);
    const to = centres.get(f.to.id);
    if (!from || !to || max <= 0) continue;
    out.push({ from, to, width: 2 + 10 * (f.value / max), label: `${f.from.name} → ${f.to.name}: ${Math.round(f.value)}` });
  }
  return out;
}

function describeMeasures(v: ZoneMeasureValues | undefined): string {
  if (!v) return 'No measures for this zone.';
  return `${formatMeasure(v.trafficIn, 'traffic_in')} visitors · ${formatMeasure(v.dwells, 'dwells')} dwells · average dwell ${formatMeasure(v.averageDwellSeconds, 'average_dwell_time')}`;
}

function describeFlows(m: TransitionMatrix, zoneId: string): string {
  const i = m.zones.findIndex((z) => z.id === zoneId);
  if (i < 0) return 'No transitions for this zone.';
  return `${Math.round(m.rowTotals[i]!).toLocaleString('en-US')} leaving · ${Math.round(m.colTotals[i]!).toLocaleString('en-US')} arriving`;
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

type SortKey = 'name' | 'type' | 'area' | 'measure';

interface ZoneListProps {
  zones: FloorplanZone[];
  /** The measure shown beside each zone, if the plan is coloured by one. */
  measure: ZoneMeasure | null;
  byZone: Map<string, ZoneMeasureValues>;
  selectedZone: string | null;
  hoveredZone: string | null;
  selectZone(id: string | null): void;
  hoverZone(id: string | null): void;
}

function ZoneList({ zones, measure, byZone, selectedZone, hoveredZone, selectZone, hoverZone }: ZoneListProps) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const rows = useMemo(() => {
    const out = zones.slice();
    const by = (z: FloorplanZone) =>
      sort.key === 'measure' ? (measure ? measureValue(byZone.get(z.id), measure) ?? -1 : -1) : sort.key === 'area' ? z.areaCm2 ?? -1 : sort.key === 'type' ? z.type ?? '' : z.name.toLowerCase();
    out.sort((a, b) => {
      // zones with notes first, so the awkward ones are not missed
      if ((a.notes.length > 0) !== (b.notes.length > 0)) return a.notes.length > 0 ? -1 : 1;
      const x = by(a);
      const y = by(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (sort.desc ? -1 : 1);
    });
    return out;
  }, [zones, sort, measure, byZone]);
  const head = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="it-sort" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key === 'area' || key === 'measure' }))}>
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
            {measure && head('measure', zoneMeasureInfo[measure].label.replace(/ \(.*\)$/, ''))}
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
              {measure && <td className="num">{formatMeasure(measureValue(byZone.get(z.id), measure), measure)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
