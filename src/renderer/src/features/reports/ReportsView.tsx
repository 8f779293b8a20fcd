import { useEffect, useMemo, useState } from 'react';
import { vendorLabels } from '../../../../shared/connections/types';
import { leadTraffic } from '../../../../shared/reports/figures';
import { currencyNote, formatCount, formatMoney, formatPercent } from '../../../../shared/reports/format';
import { formatAgo } from '../../../../shared/time/format';
import { formatDateTime } from '../../../../shared/time/format';
import { occupancyLabels } from '../../../../shared/reports/occupancy';
import { gapsTable, heatmapTable, reportTables, type ReportTable } from '../../../../shared/reports/tables';
import type { LastYearMatch } from '../../../../shared/reports/time';
import { demographicGroups, granularities, granularityLabels, isIntraday, type Granularity, type HeatmapResult, type ReportResult } from '../../../../shared/reports/types';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useConnections } from '../connections/store';
import { csvButton, DataTable } from './DataTable';
import { occupancySeries } from './occupancySeries';
import { useReports } from './store';
import { TimeChart, type validityColours, type ChartSeries } from './TimeChart';
import { plural } from '../../../../shared/text/plural';

const palette = ['#2457d6', '#0b8f6a', '#d9480f', '#7048e8', '#c2255c', '#1098ad', '#5c940d', '#e67700'];

/** Reports over the offline cache: charts first, their numbers one click away, CSV and PDF. */
export function ReportsView() {
  const { tree, treeLoaded, query, report, heatmap, running, runCount, restored, error, notice, loadTree, setQuery, run, fetchPredictions, exportPdf } = useReports();
  useEffect(() => {
    if (!treeLoaded) void loadTree();
  }, [treeLoaded, loadTree]);
  const connectionCount = useConnections((s) => s.connections.length);
  // A list that could not be read says nothing about connections: then the Sync view is the way.
  const connectionsKnown = useConnections((s) => s.loaded && !s.loadError);
  const loadConnections = useConnections((s) => s.load);
  useEffect(() => void loadConnections(), [loadConnections]);
  const depth = useMemo(() => {
    const parents = new Map(tree.map((n) => [n.id, n.parentId]));
    const d = (id: string | null, n = 0): number => (id === null || n > 32 ? n : d(parents.get(id) ?? null, n + 1));
    return (id: string) => d(parents.get(id) ?? null);
  }, [tree]);
  // 15 minutes and chosen hours come from Exteros (its interval and hour): offered where it covers the stores.
  const node = tree.find((n) => n.id === query.nodeId);
  const exteros = node?.exteros === true;
  const intraday = isIntraday(query.granularity);
  const hourChoices = Array.from({ length: 24 }, (_, h) => h);

  return (
    <section className="view reports" aria-label="Reports">
      <header className="view-header">
        <h1>Reports</h1>
        <div className="actions no-print">
          <button onClick={() => void exportPdf()} disabled={!report}>PDF</button>
        </div>
      </header>
      <p className="muted no-print">From the local cache: works offline. To fill or refresh it, use the <a href="#sync">Sync</a> view.</p>
      {/* Run once the stores and the default days are in: a report of days the form no longer shows would not match it. */}
      <form className="report-controls no-print" onSubmit={(e) => { e.preventDefault(); if (treeLoaded) void run(); }}>
        <label>
          Stores
          <select aria-label="Stores" value={query.nodeId} onChange={(e) => setQuery({ nodeId: e.target.value })}>
            {(tree.length ? tree : [{ id: 'all', name: 'All stores', type: 'all' as const, parentId: null, storeCount: 0 }]).map((n) => (
              <option key={n.id} value={n.id}>{`${'\u00a0\u00a0'.repeat(depth(n.id))}${n.name}${n.type === 'store' ? '' : ` (${plural(n.storeCount, 'store')})`}`}</option>
            ))}
          </select>
        </label>
        <label>From<input aria-label="From" type="date" value={query.from} onChange={(e) => setQuery({ from: e.target.value })} /></label>
        <label>To<input aria-label="To" type="date" value={query.to} onChange={(e) => setQuery({ to: e.target.value })} /></label>
        <label>
          By
          <select aria-label="By" value={query.granularity} onChange={(e) => setQuery({ granularity: e.target.value as Granularity })}>
            {granularities.map((g) => (
              <option key={g} value={g} disabled={g === '15min' && !exteros && query.granularity !== '15min'}>
                {g === '15min' && !exteros ? `${granularityLabels[g]} (Exteros only)` : granularityLabels[g]}
              </option>
            ))}
          </select>
        </label>
        {intraday && (
          <fieldset className="report-hours" disabled={!exteros} title={exteros ? 'Keep only these hours of each day (each store\'s local time)' : 'Choosing hours comes from Exteros, which covers none of these stores'}>
            <label>
              Hours
              <select aria-label="Hours from" value={query.hourFrom ?? ''} onChange={(e) => setQuery({ hourFrom: e.target.value === '' ? null : Number(e.target.value) })}>
                <option value="">every hour</option>
                {hourChoices.map((h) => <option key={h} value={h}>{`from ${String(h).padStart(2, '0')}:00`}</option>)}
              </select>
            </label>
            {query.hourFrom !== null && (
              <label>
                to
                <select aria-label="Hours to" value={query.hourTo} onChange={(e) => setQuery({ hourTo: Number(e.target.value) })}>
                  {hourChoices.map((h) => h + 1).map((h) => <option key={h} value={h}>{`${String(h).padStart(2, '0')}:00`}</option>)}
                </select>
              </label>
            )}
          </fieldset>
        )}
        <label>
          Last year
          <select aria-label="Last year" value={query.lastYear} onChange={(e) => setQuery({ lastYear: e.target.value as LastYearMatch })} title="Retail compares weekday with weekday: the same weekdays 52 weeks (364 days) earlier. Or compare the same calendar dates.">
            <option value="weekday">same weekdays</option>
            <option value="date">same dates</option>
          </select>
        </label>
        <button className="primary" type="submit" disabled={running || !treeLoaded}>{running ? 'Running…' : 'Run report'}</button>
        <button type="button" onClick={() => void fetchPredictions()} disabled={running} title="RetailNext predicted traffic for the next 7 days">Fetch predictions</button>
      </form>
      {treeLoaded && tree.length > 1 && (query.granularity === '15min' || (intraday && query.hourFrom !== null)) && !exteros && (
        <p className="notice small no-print" data-testid="exteros-only">
          15-minute counts and chosen hours come from Exteros only (its interval and hour options), and no Exteros connection covers {node?.name ?? 'these stores'}. RetailNext and Flow count by the hour: choose “hour” and every hour.
        </p>
      )}
      {treeLoaded && tree.length <= 1 && (
        <div className="empty" data-testid="reports-empty">
          {connectionsKnown && connectionCount === 0 ? (
            <>No stores in the cache yet, and no connection to sync them from: add one in <a href="#connections">Connections</a> (or try the Demo workspace there), then sync its locations and KPIs in the <a href="#sync">Sync</a> view.</>
          ) : (
            <>No stores in the cache yet. In the <a href="#sync">Sync</a> view, sync a RetailNext connection's locations (and KPIs) first.</>
          )}
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      {notice && <p className="notice" role="status">{notice}</p>}
      {report && restored && !running && (
        <p className="small muted" role="note" data-testid="report-kept">
          Kept from the run at {formatDateTime(report.generatedAt)} (before this page was loaded); <button type="button" className="link" onClick={() => void run()}>run it again</button> for the newest cache.
        </p>
      )}
      {report && <ReportBody report={report} heatmap={heatmap} runCount={runCount} />}
    </section>
  );
}

function ReportBody({ report, heatmap, runCount }: { report: ReportResult; heatmap: HeatmapResult | null; runCount: number }) {
  const tables = useMemo(() => reportTables(report), [report]);
  const byId = (id: string) => tables.find((t) => t.id === id)!;
  const zone = isIntraday(report.granularity) && report.hourAxis === 'instant' ? report.timeZones[0]! : 'Etc/UTC';
  const quarterly = report.granularity === '15min';
  const b = report.buckets;
  const stem = `${report.node.name} ${report.from} ${report.to}`;
  const series = useMemo(() => {
    const s = (label: string, values: Array<number | null>, i: number, extra: Partial<ChartSeries> = {}): ChartSeries => ({ label, values, color: palette[i % palette.length]!, ...extra });
    return {
      traffic: [
        s('RetailNext in', b.map((x) => x.sums.rnIn), 0),
        s('RetailNext out', b.map((x) => x.sums.rnOut), 1),
        s('Flow in', b.map((x) => x.sums.flowIn), 2),
        s('Previous period', report.previous.traffic, 3, { dash: true, settled: true }),
        s(`Last year (${report.lastYearMatch === 'weekday' ? 'same weekdays' : 'same dates'})`, report.lastYear.traffic, 4, { dash: true, settled: true }),
      ],
      sales: [s('Transactions', b.map((x) => x.sums.transactions), 0, { bars: true }), s('Conversion', b.map((x) => x.ratios.conversion), 2, { right: true })],
      demographics: demographicGroups.map((g, i) => s(g.label, b.map((x) => x.sums[g.key]), i)),
      funnel: [
        s('Impressions', b.map((x) => x.sums.impressions), 0),
        s('Discoveries', b.map((x) => x.sums.discoveries), 1),
        s('Engagements', b.map((x) => x.sums.engagements), 2),
        s('Interactions', b.map((x) => x.sums.interactions), 3),
      ],
      occupancy: occupancySeries(report, [palette[0]!, palette[2]!]),
      predicted: [s('Predicted', b.map((x) => x.sums.predicted), 3, { dash: true }), s('Actual (RetailNext in)', b.map((x) => x.sums.rnIn), 0)],
    };
  }, [report, b]);
  const t = report.totals;
  const occupancy = occupancyLabels(report);
  return (
    <div className="report-body" data-testid="report">
      <h2 className="print-only">{report.node.name}: {report.from} to {report.to}, by {granularityLabels[report.granularity]}{report.hours ? `, ${hoursText(report.hours)}` : ''}</h2>
      {quarterly ? (
        <div className="report-summary card">
          <Kpi label="Impressions" value={formatCount(t.sums.impressions)} />
          <Kpi label="Discoveries" value={formatCount(t.sums.discoveries)} />
          <Kpi label="Engagements" value={formatCount(t.sums.engagements)} />
          <Kpi label="Interactions" value={formatCount(t.sums.interactions)} />
        </div>
      ) : (
      <div className="report-summary card">
        <Kpi label="Traffic" value={formatCount(leadTraffic(t.sums))} />
        <Kpi label="Conversion" value={formatPercent(t.ratios.conversion)} />
        <Kpi label={report.salesCurrencies.length === 1 ? 'Sales' : `Sales (${currencyNote(report.salesCurrencies)})`} value={formatMoney(t.sums.sales, report.salesCurrencies)} />
        <Kpi label="Interactions" value={formatCount(t.sums.interactions)} />
        <Kpi label={occupancy.share} value={formatPercent(t.occupancy.peakShareOfLimit)} />
      </div>
      )}
      <p className="small muted">
        {report.sources.length === 0 ? 'No source covers these stores yet.' : report.sources.map((s) => `${vendorLabels[s.vendor]} (${s.connectionName}): ${plural(s.stores, 'store')}, ${s.lastSyncedAt ? `synced ${formatAgo(s.lastSyncedAt)}` : 'never synced'}`).join(' · ')}
        {' · '}Times are each store's local time ({report.timeZones.join(', ') || 'none'}).
        {report.hours && ` Only ${hoursText(report.hours)} of each day.`}
      </p>
      {quarterly && (
        <p className="small notice" data-testid="quarter-note">
          At 15 minutes: the Exteros funnel only (impressions, discoveries, engagements, interactions). RetailNext and Flow count by the hour: see them by hour.
          {report.hourOnlyDays > 0 && ` ${plural(report.hourOnlyDays, 'store-day')} of this range were synced before 15-minute counts were kept and show no quarters: sync the Exteros KPIs of this range again (Sync view) to fetch them.`}
        </p>
      )}
      <Legend />
      {!quarterly && <ChartSection title="Traffic" table={byId('traffic')} stem={stem}><TimeChart title="Traffic" buckets={b} series={series.traffic} granularity={report.granularity} timeZone={zone} runId={runCount} /></ChartSection>}
      {!quarterly && <ChartSection title="Sales and conversion (Flow)" table={byId('sales')} stem={stem}><TimeChart title="Sales" buckets={b} series={series.sales} granularity={report.granularity} timeZone={zone} runId={runCount} /></ChartSection>}
      {!quarterly && <ChartSection title="Demographics (Flow)" table={byId('demographics')} stem={stem}><TimeChart title="Demographics" buckets={b} series={series.demographics} granularity={report.granularity} timeZone={zone} runId={runCount} /></ChartSection>}
      <ChartSection title={quarterly ? 'Exteros funnel, 15 minutes' : 'Exteros funnel'} table={byId('funnel')} stem={stem}><TimeChart title="Funnel" buckets={b} series={series.funnel} granularity={report.granularity} timeZone={zone} runId={runCount} /></ChartSection>
      {!quarterly && <ChartSection title={occupancy.chart} table={byId('occupancy')} stem={stem}><TimeChart title="Occupancy" buckets={b} series={series.occupancy} granularity={report.granularity} timeZone={zone} runId={runCount} /></ChartSection>}
      {!quarterly && <ChartSection title="Predicted and actual traffic" table={byId('predicted')} stem={stem}><TimeChart title="Predicted" buckets={b} series={series.predicted} granularity={report.granularity} timeZone={zone} runId={runCount} /></ChartSection>}
      <section className="card report-section">
        <div className="report-section-head"><h2>{byId('comparison').title}</h2>{csvButton(byId('comparison'), stem)}</div>
        <DataTable table={byId('comparison')} />
      </section>
      {heatmap && <HeatmapSection heatmap={heatmap} stem={stem} />}
      <GapsSection report={report} stem={stem} />
    </div>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return <div className="kpi"><div className="kpi-value">{value}</div><div className="kpi-label muted small">{label}</div></div>;
}

/** How the charts mark a period: its band's colour, the line's look there, and what it means. */
function Legend() {
  const dashes = (
    <svg className="legend-glyph" width="20" height="10" aria-hidden="true">
      <line x1="1" y1="5" x2="19" y2="5" stroke="currentColor" strokeWidth="2" strokeDasharray="5 3" />
    </svg>
  );
  const ring = (
    <svg className="legend-glyph" width="12" height="12" aria-hidden="true">
      <circle cx="6" cy="6" r="4.5" fill="#fff" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
  const items: Array<[keyof typeof validityColours, React.ReactNode, string]> = [
    ['missing', null, 'not synced'],
    ['stale', dashes, 'stale: fetched before the day ended (line dashed)'],
    ['provisional', ring, 'today, still counting (ring: the value so far; a triangle at the edge: beyond the scale of the whole days)'],
    ['imperfect', null, 'strip: holds hours RetailNext flagged incomplete or imputed'],
  ];
  return (
    <p className="report-legend small" data-testid="report-legend">
      {items.map(([k, glyph, text]) => <span key={k}><span className={`swatch swatch-${k}`} />{glyph}{text}</span>)}
    </p>
  );
}

function ChartSection({ title, table, stem, children }: { title: string; table: ReportTable; stem: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="card report-section">
      <div className="report-section-head">
        <h2>{title}</h2>
        <div className="actions no-print">
          <button className="small" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? 'Hide numbers' : 'Numbers'}</button>
          {csvButton(table, stem)}
        </div>
      </div>
      {children}
      {open && <DataTable table={table} />}
    </section>
  );
}

function HeatmapSection({ heatmap, stem }: { heatmap: HeatmapResult; stem: string }) {
  const table = heatmapTable(heatmap);
  const max = Math.max(1, ...heatmap.cells.flat().map((v) => v ?? 0));
  return (
    <section className="card report-section">
      <div className="report-section-head"><h2>Busiest hours ({heatmap.source === 'none' ? 'no traffic source' : `${vendorLabels[heatmap.source]} traffic`})</h2>{csvButton(table, stem)}</div>
      <p className="small muted">Averaged over {heatmap.from} to {heatmap.to}, each store's local time.</p>
      <p className="small">
        Peak hours: {heatmap.peakHours.length === 0 ? 'no data' : heatmap.peakHours.slice(0, 3).map((p) => `${String(p.hour).padStart(2, '0')}:00 (${formatCount(p.average)} a day)`).join(', ')}
      </p>
      <table className="heatmap" data-testid="heatmap">
        <thead><tr>{table.columns.map((c, i) => <th key={i}>{i === 0 ? '' : c.label.slice(0, 2)}</th>)}</tr></thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => j === 0 ? <th key={j}>{v}</th> : (
                <td key={j} title={v === null ? 'no data' : formatCount(v as number)} className={`heat-${v === null ? 'none' : Math.min(9, Math.floor(((v as number) / max) * 10))}`} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * What the cache lacks (days) and what the vendor flagged (hours), in words, with the same counts
 * the chart shades and the Numbers tables list.
 */
function GapsSection({ report, stem }: { report: ReportResult; stem: string }) {
  const table = gapsTable(report.gaps);
  const v = report.totals.validity;
  const missing = report.gaps.reduce((n, g) => n + g.missingDays, 0);
  const stale = report.gaps.reduce((n, g) => n + g.staleDays.length, 0);
  const provisional = report.gaps.reduce((n, g) => n + g.provisionalDays.length, 0);
  return (
    <section className="card report-section" data-testid="gaps">
      <div className="report-section-head"><h2>Missing, stale and flagged data</h2>{csvButton(table, stem)}</div>
      <ul className="small data-quality" data-testid="data-quality">
        <li>
          <strong>Days:</strong>{' '}
          {missing === 0 && stale === 0
            ? 'every store of every source has every past day of this range in the cache.'
            : `${plural(missing, 'store-day')} never synced (grey in the charts), ${plural(stale, 'store-day')} fetched before the day ended and not since (orange); listed below.`}
          {provisional > 0 && ` ${plural(provisional, 'store-day')} of today are still counting (blue, provisional).`}
        </li>
        <li>
          <strong>Hours RetailNext flagged:</strong>{' '}
          {v.incompleteHours + v.imputedHours === 0
            ? `none of the ${formatCount(v.hours)} cached hours.`
            : `${formatCount(v.incompleteHours)} incomplete and ${formatCount(v.imputedHours)} imputed of ${formatCount(v.hours)} cached hours. They are in the figures: RetailNext says collecting traffic went wrong during them (a sensor without power, say) and, for imputed hours, filled in its own estimate. The yellow strip under a chart's period and the Validity column of its Numbers show where.`}
        </li>
      </ul>
      {report.gaps.length > 0 && <DataTable table={table} />}
      {report.storesWithoutData > 0 && <p className="small">{plural(report.storesWithoutData, 'store')} with no data from any source in this range.</p>}
    </section>
  );
}

/** "10:00 to 14:00" for hours 10-13; a list when they are not one stretch. */
function hoursText(hours: number[]): string {
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const stretch = hours.every((h, i) => i === 0 || h === (hours[i - 1]! + 1) % 24);
  if (stretch) return `${hh(hours[0]!)} to ${hh((hours.at(-1)! + 1) % 24)}`;
  return `hours ${hours.map(hh).join(', ')}`;
}
