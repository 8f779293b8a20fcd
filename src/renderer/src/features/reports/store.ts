import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { isRecord, readFields, readNullable, readOneOf, readString, type Read } from '../../../../shared/app/keptShape';
import type { ContractError } from '../../../../shared/contract/errors';
import type { LastYearMatch } from '../../../../shared/reports/time';
import { isIntraday, type Granularity, type HeatmapResult, type ReportNode, type ReportResult } from '../../../../shared/reports/types';
import { lastYearMatches, type LastYearMatch as Match } from '../../../../shared/reports/time';
import { granularities } from '../../../../shared/reports/types';
import { api, latestCall, type LatestCall } from '../../api/client';
import { kept } from '../../ui/keptState';
import { provisionalRange } from '../sync/store';
import { plural } from '../../../../shared/text/plural';

export interface ReportQueryState {
  nodeId: string;
  from: string;
  to: string;
  granularity: Granularity;
  lastYear: LastYearMatch;
  /** the hours filter (hour and 15-minute reports, Exteros): from this hour (null = every hour) up to `hourTo` (exclusive; past midnight it wraps) */
  hourFrom: number | null;
  hourTo: number;
}

/** The hours a filter keeps: 10 to 14 is 10, 11, 12, 13; 22 to 2 is 22, 23, 0, 1; null = every hour. */
export function chosenHours(q: Pick<ReportQueryState, 'granularity' | 'hourFrom' | 'hourTo'>): number[] | null {
  if (!isIntraday(q.granularity) || q.hourFrom === null) return null;
  const out: number[] = [];
  for (let h = q.hourFrom; out.length < 24; h = (h + 1) % 24) {
    if (out.length > 0 && h === q.hourTo % 24) break;
    out.push(h);
  }
  return out.length === 24 ? null : out;
}

interface ReportsState {
  tree: ReportNode[];
  treeLoaded: boolean;
  query: ReportQueryState;
  /** the days were chosen here or kept from before a reload: the core's default range no longer replaces them */
  rangeChosen: boolean;
  report: ReportResult | null;
  heatmap: HeatmapResult | null;
  running: boolean;
  /** increases with every report shown: the charts mark which one they drew */
  runCount: number;
  /** The result shown was kept from before this page was loaded (a reload): said above it. */
  restored: boolean;
  error: ContractError | null;
  notice: string | null;
  /** The report shown: a newer run gives up the one still running (and its heat map). */
  runCalls: LatestCall;
  loadTree(): Promise<void>;
  setQuery(q: Partial<ReportQueryState>): void;
  run(): Promise<void>;
  fetchPredictions(): Promise<void>;
  exportPdf(): Promise<void>;
}

/**
 * Every store by day over the range Sync fetches by default: until the core says it (every cached
 * store's last 7 days by its own calendar, loadTree), that range with no store known.
 */
export function defaultQuery(now = new Date()): ReportQueryState {
  return { nodeId: 'all', ...provisionalRange(now), granularity: 'day', lastYear: 'weekday', hourFrom: null, hourTo: 24 };
}

const isoDate = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

const readQuery: Read<ReportQueryState> = (v) => {
  const hour = (max: number) => (h: unknown) => (typeof h === 'number' && Number.isInteger(h) && h >= 0 && h <= max ? h : undefined);
  const q = readFields<ReportQueryState>(v, { nodeId: readString, from: isoDate, to: isoDate, granularity: readOneOf(granularities), lastYear: readOneOf<Match>(lastYearMatches), hourFrom: readNullable(hour(23)), hourTo: hour(24) });
  // A query kept before the hours filter existed reads as every hour.
  return q && q.nodeId !== undefined && q.from && q.to && q.granularity && q.lastYear ? { ...q, hourFrom: q.hourFrom ?? null, hourTo: q.hourTo ?? 24 } as ReportQueryState : undefined;
};

/** A result as this version draws it (the fields the view reads); anything else is dropped and asked again. */
const readReport: Read<ReportResult> = (v) =>
  isRecord(v) && isRecord(v.node) && typeof v.node.name === 'string' && Array.isArray(v.buckets) && isRecord(v.totals) && isRecord(v.previous) && isRecord(v.lastYear) &&
  Array.isArray(v.sources) && Array.isArray(v.timeZones) && Array.isArray(v.gaps) && Array.isArray(v.salesCurrencies) && typeof v.generatedAt === 'string'
    ? (v as unknown as ReportResult)
    : undefined;
const readHeatmap: Read<HeatmapResult> = (v) => (isRecord(v) && Array.isArray(v.cells) && isRecord(v.node) ? (v as unknown as HeatmapResult) : undefined);

type KeptReports = Pick<ReportsState, 'query' | 'report' | 'heatmap'>;

const firstQuery = defaultQuery();

export const useReports = create<ReportsState>()(persist((set, get) => ({
  tree: [],
  treeLoaded: false,
  query: firstQuery,
  rangeChosen: false,
  report: null,
  heatmap: null,
  running: false,
  runCount: 0,
  restored: false,
  error: null,
  notice: null,
  runCalls: latestCall(),

  async loadTree() {
    const [r, range] = await Promise.all([api.call('reports.tree', {}), api.call('sync.defaultRange', {})]);
    if (range.ok && !get().rangeChosen) set((s) => ({ query: { ...s.query, ...range.value } }));
    if (r.ok) set({ tree: r.value, treeLoaded: true });
    else set({ treeLoaded: true, error: r.error });
  },

  setQuery(q) {
    set((s) => ({ query: { ...s.query, ...q }, rangeChosen: s.rangeChosen || q.from !== undefined || q.to !== undefined }));
  },

  async run() {
    const { hourFrom: _from, hourTo: _to, ...q } = get().query;
    const hours = chosenHours(get().query);
    set({ running: true, error: null, notice: null });
    const signal = get().runCalls.next();
    const report = await api.call('reports.run', hours ? { ...q, hours } : q, { signal });
    if (signal.aborted) return; // a newer run is on its way
    if (!report.ok) {
      set({ running: false, error: report.error });
      return;
    }
    set((s) => ({ running: false, report: report.value, heatmap: null, runCount: s.runCount + 1, restored: false }));
    // The heat map reads hourly rows: asked only once the report is on screen.
    const heat = await api.call('reports.heatmap', { nodeId: q.nodeId, from: q.from, to: q.to }, { signal });
    if (signal.aborted) return;
    if (get().report === report.value) set(heat.ok ? { heatmap: heat.value } : { error: heat.error });
  },

  async fetchPredictions() {
    const q = get().query;
    set({ notice: 'Fetching predicted traffic…', error: null });
    const r = await api.call('reports.fetchPredictions', { nodeId: q.nodeId, days: 7 });
    if (!r.ok) {
      set({ notice: null, error: r.error });
      return;
    }
    const failed = r.value.failures.length ? ` ${plural(r.value.failures.length, 'store')} failed (${r.value.failures[0]!.storeName}: ${r.value.failures[0]!.message}).` : '';
    set({ notice: `Predicted traffic kept for ${plural(r.value.stores, 'store')}, ${r.value.from} to ${r.value.to}.${failed}` });
    await get().run();
  },

  async exportPdf() {
    const rep = get().report;
    const name = rep ? `report ${rep.node.name.replace(/[^A-Za-z0-9 ._-]/g, '')} ${rep.from} to ${rep.to}.pdf` : 'report.pdf';
    const r = await api.call('reports.exportPdf', { fileName: name.slice(0, 116).trim() || 'report.pdf' });
    if (!r.ok) {
      set({ error: r.error });
      return;
    }
    if (r.value.saved) {
      set({ notice: `PDF saved: ${r.value.path}` });
      return;
    }
    // Browser mode: the browser makes the PDF. Said before the dialog, so the way stays on the page if none opens.
    set({ notice: `${r.value.reason} In the print dialog choose “Save as PDF” as the destination, then Save (file name: ${name.slice(0, 116).trim()}). No dialog? Press Ctrl+P (⌘P on a Mac).` });
    window.print();
  },
}), kept<ReportsState, KeptReports>({
  // The query and its result, so a reload shows the last report at once (its sources line gives the data's age).
  name: 'reports',
  version: 1,
  pick: (s) => ({ query: s.query, report: s.report, heatmap: s.heatmap }),
  read(stored) {
    const r = readFields<KeptReports>(stored, { query: readQuery, report: readNullable(readReport), heatmap: readNullable(readHeatmap) });
    // a result without the query it answers is not shown
    if (r && !r.query) return null;
    if (r && !r.report) delete r.heatmap;
    return r;
  },
  shrink: (k) => ({ query: k.query, report: null, heatmap: null }),
})));

// Read from sessionStorage as the store was made (synchronously): a result there is from before this page.
if (useReports.getState().report) useReports.setState({ restored: true });
// A query kept from before a reload (it replaced the first one) keeps its days.
if (useReports.getState().query !== firstQuery) useReports.setState({ rangeChosen: true });
