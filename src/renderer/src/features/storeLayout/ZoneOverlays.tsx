import { useMemo, useState } from 'react';
import { formatDayRange, formatMeasure, zoneMeasureInfo } from '../../../../shared/storeLayout/measures';
import { matrixCsv, matrixOrder, type MatrixSort, type TopFlow, type TransitionMatrix } from '../../../../shared/storeLayout/transitions';
import type { TransitionOptions, ZoneMeasure, ZoneMetrics, ZoneTransitions } from '../../../../shared/storeLayout/types';
import { DataAge } from '../../ui/DataAge';
import { downloadText } from '../../ui/downloadText';
import { flowPalette, flowScale, gradientCss, legendTicks } from './colour';
import { MatrixCanvas } from './MatrixCanvas';
import type { PlanMode } from './store';

const modes: Array<[PlanMode, string]> = [
  ['zones', 'Zones'],
  ['measures', 'Measures'],
  ['flows', 'Flows'],
];

/** The document's words for the transition options, said plainly. */
const metricLabels: Record<TransitionOptions['metric'], string> = { all: 'everyone', customer: 'customers', employee: 'employees' };
const kindLabels: Record<TransitionOptions['transitions'], string> = { direct_only: 'direct only', direct_and_indirect: 'direct and indirect', directionless: 'either direction' };
const dwellLabels: Record<TransitionOptions['dwells'], string> = { dwells_only: 'dwells only', non_dwells: 'passing through', all_traffic: 'all traffic' };

export interface OverlayControlsProps {
  mode: PlanMode;
  range: { from: string; to: string };
  measure: ZoneMeasure;
  options: TransitionOptions;
  setMode(mode: PlanMode): void;
  setRange(range: { from: string; to: string }): void;
  setMeasure(measure: ZoneMeasure): void;
  setOptions(options: Partial<TransitionOptions>): void;
}

/** What the plan shows (zones, a measure, flows) and for which days and options. */
export function OverlayControls(p: OverlayControlsProps) {
  return (
    <div className="fp-controls">
      <div className="fp-modes" role="radiogroup" aria-label="Show on the plan">
        {modes.map(([m, label]) => (
          <button key={m} type="button" role="radio" aria-checked={p.mode === m} className={p.mode === m ? 'fp-mode active' : 'fp-mode'} onClick={() => p.setMode(m)}>
            {label}
          </button>
        ))}
      </div>
      {p.mode !== 'zones' && (
        <>
          <label>
            From
            <input aria-label="From" type="date" value={p.range.from} max={p.range.to} onChange={(e) => e.target.value && p.setRange({ ...p.range, from: e.target.value })} />
          </label>
          <label>
            To
            <input aria-label="To" type="date" value={p.range.to} min={p.range.from} onChange={(e) => e.target.value && p.setRange({ ...p.range, to: e.target.value })} />
          </label>
        </>
      )}
      {p.mode === 'measures' && (
        <label>
          Colour by
          <select aria-label="Colour by" value={p.measure} onChange={(e) => p.setMeasure(e.target.value as ZoneMeasure)}>
            {(Object.keys(zoneMeasureInfo) as ZoneMeasure[]).map((m) => (
              <option key={m} value={m}>
                {zoneMeasureInfo[m].label}
              </option>
            ))}
          </select>
        </label>
      )}
      {p.mode === 'flows' && (
        <>
          <OptionSelect label="Who" value={p.options.metric} labels={metricLabels} onChange={(metric) => p.setOptions({ metric })} title="RetailNext's metrics option: all, customer or employee" />
          <OptionSelect label="Transitions" value={p.options.transitions} labels={kindLabels} onChange={(transitions) => p.setOptions({ transitions })} title="direct only: the next zone visited; direct and indirect: any zone visited later; either direction: A→B and B→A together" />
          <OptionSelect label="Count" value={p.options.dwells} labels={dwellLabels} onChange={(dwells) => p.setOptions({ dwells })} title="dwells only: visitors who lingered past the zone's dwell time; passing through: those who did not" />
        </>
      )}
    </div>
  );
}

/** One of the transition options as a labelled select, its values said in the words of `labels`. */
function OptionSelect<V extends string>({ label, value, labels, title, onChange }: { label: string; value: V; labels: Record<V, string>; title: string; onChange(value: V): void }) {
  return (
    <label>
      {label}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as V)} title={title}>
        {(Object.entries(labels) as Array<[V, string]>).map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The measure's legend: what is shown, for which days, and the colour scale with its figures. */
export function MeasureLegend({ metrics, measure, max, scale }: { metrics: ZoneMetrics; measure: ZoneMeasure; max: number; scale: (v: number) => string }) {
  const ticks = legendTicks(max);
  return (
    <div className="fp-measure-legend" data-testid="measure-legend">
      <div className="small">
        <strong>{zoneMeasureInfo[measure].legend}</strong>, {formatDayRange(metrics.from, metrics.to)}, store hours{metrics.timeZone ? ` (${metrics.timeZone})` : ''}
      </div>
      <div className="fp-scale-legend" aria-label={`Colour scale from 0 to ${formatMeasure(max, measure)}`}>
        <div className="fp-gradient" style={{ background: gradientCss(scale, max) }} />
        <div className="fp-ticks small">
          {ticks.map((t) => (
            <span key={t} style={{ left: `${max > 0 ? (t / max) * 100 : 0}%` }}>
              {formatMeasure(t, measure)}
            </span>
          ))}
        </div>
      </div>
      <span className="small">
        <i className="fp-swatch fp-swatch-none" /> no measure
      </span>
      <DataAge fetchedAt={metrics.fetchedAt} label="fetched" staleAfterHours={24 * 7} />
    </div>
  );
}

/** The largest flows between two zones, listed; picking one selects its from-zone on the plan. */
export function TopFlows({ flows, selectZone }: { flows: TopFlow[]; selectZone(id: string): void }) {
  if (flows.length === 0) return <p className="muted small">No flows between zones in this range.</p>;
  return (
    <section aria-label="Top flows">
      <h2>Top flows</h2>
      <ol className="fp-top-flows">
        {flows.map((f) => (
          <li key={`${f.from.id}>${f.to.id}`} data-testid="top-flow">
            <button type="button" className="link" onClick={() => selectZone(f.from.id)}>
              <span className={f.from.known ? '' : 'fp-unknown'}>{f.from.name}</span> → <span className={f.to.known ? '' : 'fp-unknown'}>{f.to.name}</span>
            </button>
            <span className="num">
              {Math.round(f.value).toLocaleString('en-US')} <span className="muted">({f.share.toFixed(1)}%)</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const sorts: Array<[MatrixSort, string]> = [
  ['name', 'zone name'],
  ['leaving', 'flows leaving'],
  ['arriving', 'flows arriving'],
];

/** The from → to matrix with its order, scale, totals and CSV. */
export function MatrixCard({ transitions, matrix, storeName, selectZone }: { transitions: ZoneTransitions; matrix: TransitionMatrix; storeName: string; selectZone(id: string): void }) {
  const [sort, setSort] = useState<{ key: MatrixSort; desc: boolean }>({ key: 'leaving', desc: true });
  const order = useMemo(() => matrixOrder(matrix, sort.key, sort.desc), [matrix, sort]);
  const heat = useMemo(() => flowScale(matrix.max), [matrix]);
  const palette = useMemo(() => flowPalette(matrix.max), [matrix]);
  const o = transitions.options;
  const csv = () => {
    const name = `zone-transitions-${storeName}-${transitions.from}-${transitions.to}`.replace(/[^A-Za-z0-9-]+/g, '-');
    downloadText(`${name}.csv`, matrixCsv(matrix, order));
  };
  return (
    <section className="card fp-matrix-card" aria-label="Transition matrix">
      <div className="fp-matrix-head">
        <h2>From → to</h2>
        <span className="small">
          {metricLabels[o.metric]}, {kindLabels[o.transitions]}, {dwellLabels[o.dwells]}, {formatDayRange(transitions.from, transitions.to)}, store hours:{' '}
          <strong data-testid="transitions-total">{Math.round(matrix.total).toLocaleString('en-US')}</strong> transitions
        </span>
        <div className="actions">
          <label className="small">
            Order by{' '}
            <select aria-label="Order by" value={sort.key} onChange={(e) => setSort({ key: e.target.value as MatrixSort, desc: e.target.value !== 'name' })}>
              {sorts.map(([k, l]) => (
                <option key={k} value={k}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => setSort((s) => ({ ...s, desc: !s.desc }))} aria-label={sort.desc ? 'Descending: reverse' : 'Ascending: reverse'} title="Reverse the order">
            {sort.desc ? '▼' : '▲'}
          </button>
          <button type="button" onClick={csv} disabled={matrix.n === 0}>
            Export CSV
          </button>
        </div>
      </div>
      <div className="fp-legend small">
        <span>Rows: the zone left; columns: the zone entered next. Leaving and arriving are the totals of the vendor's counts.</span>
        <span className="fp-heat-legend">
          0 <i className="fp-gradient fp-gradient-small" style={{ background: gradientCss(heat, matrix.max, true) }} /> {Math.round(matrix.max).toLocaleString('en-US')}
        </span>
        {matrix.zones.some((z) => !z.known) && <span className="fp-unknown">italic: not on this floorplan</span>}
      </div>
      {matrix.n > 0 ? <MatrixCanvas matrix={matrix} order={order} palette={palette} onPick={selectZone} /> : <p className="empty">No transitions in this range.</p>}
    </section>
  );
}
