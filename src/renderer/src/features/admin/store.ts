import { create } from 'zustand';
import type { BulkRowInput } from '../../../../shared/admin/contract';
import { draftRowsPerCall } from '../../../../shared/admin/contract';
import type { LocationFieldId } from '../../../../shared/admin/fields';
import type { BulkSummary, ChangeStatus, PlanRow, PlanVerdict } from '../../../../shared/admin/types';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';
import { plural } from '../../../../shared/text/plural';

interface BulkState {
  summary: BulkSummary | null;
  rows: PlanRow[];
  total: number;
  offset: number;
  verdict: PlanVerdict | '';
  status: ChangeStatus | '';
  busy: string | null;
  error: ContractError | null;
  stopped: string | null;
  recent: BulkSummary[];
  /** Sends rows to a new draft in parts; the dry run comes back. */
  draft(input: { connectionId?: string; source: BulkSummary['source']; label: string; fields: LocationFieldId[]; rows: BulkRowInput[] }): Promise<BulkSummary | null>;
  /** Reads a run and shows it; its failure is returned (a read the view can make again), not kept here. */
  open(bulkId: number): Promise<ContractError | null>;
  page(offset: number, filter?: { verdict?: PlanVerdict | ''; status?: ChangeStatus | '' }): Promise<void>;
  confirm(): Promise<void>;
  cancel(): Promise<void>;
  retry(): Promise<void>;
  discard(): Promise<void>;
  loadRecent(): Promise<void>;
  /** Reads again what is shown: the recent runs, and the open run's page (its counts follow the core's events). */
  reloadShown(): Promise<void>;
  close(): void;
}

export const pageSize = 100;

export const useBulk = create<BulkState>((set, get) => {
  // Pages are asked for by the filter, the pager and progress events; only the newest answer is shown,
  // so a slow earlier answer cannot put back rows of a filter the user has left.
  let latestPage = 0;
  return {
    summary: null,
    rows: [],
    total: 0,
    offset: 0,
    verdict: '',
    status: '',
    busy: null,
    error: null,
    stopped: null,
    recent: [],

    async draft(input) {
      set({ busy: `Checking ${plural(input.rows.length, 'row')} against the cache…`, error: null, stopped: null });
      let summary: BulkSummary | null = null;
      for (let i = 0; i < input.rows.length || (i === 0 && input.rows.length === 0); i += draftRowsPerCall) {
        const part = input.rows.slice(i, i + draftRowsPerCall);
        const bulkId: number | undefined = summary === null ? undefined : (summary as BulkSummary).id;
        const r: Awaited<ReturnType<typeof api.call<'admin.bulk.draft'>>> = await api.call('admin.bulk.draft', { ...input, rows: part, ...(bulkId !== undefined ? { bulkId } : {}) });
        if (!r.ok) {
          if (summary) void api.call('admin.bulk.discard', { bulkId: summary.id });
          set({ busy: null, error: r.error });
          return null;
        }
        summary = r.value;
        set({ busy: `Checked ${Math.min(i + part.length, input.rows.length).toLocaleString('en-US')} of ${plural(input.rows.length, 'row')}…` });
        if (input.rows.length === 0) break;
      }
      set({ busy: null, summary, verdict: '', status: '' });
      await get().page(0);
      return summary;
    },

    async open(bulkId) {
      set({ summary: null, rows: [], error: null, stopped: null, verdict: '', status: '' });
      const r = await api.call('admin.bulk.preview', { bulkId, offset: 0, limit: pageSize });
      if (!r.ok) return r.error;
      set({ summary: r.value.summary, rows: r.value.rows, total: r.value.total, offset: 0 });
      return null;
    },

    async page(offset, filter) {
      const s = get().summary;
      if (!s) return;
      const verdict = filter?.verdict ?? get().verdict;
      const status = filter?.status ?? get().status;
      const ask = ++latestPage;
      set({ verdict, status });
      const r = await api.call('admin.bulk.preview', { bulkId: s.id, offset, limit: pageSize, verdict, status });
      if (ask !== latestPage) return;
      if (!r.ok) return set({ error: r.error });
      set({ summary: r.value.summary, rows: r.value.rows, total: r.value.total, offset, verdict, status });
    },

    async confirm() {
      const s = get().summary;
      if (!s || get().busy) return;
      set({ busy: 'Recording the rows in the change log…', error: null, stopped: null });
      const r = await api.call('admin.bulk.confirm', { bulkId: s.id });
      set({ busy: null });
      if (!r.ok) return set({ error: r.error });
      set({ summary: r.value });
      await get().page(0);
    },

    async cancel() {
      const s = get().summary;
      if (!s) return;
      const r = await api.call('admin.bulk.cancel', { bulkId: s.id });
      if (r.ok) set({ summary: r.value });
    },

    async retry() {
      const s = get().summary;
      if (!s || get().busy) return;
      set({ busy: 'Recording the rows to send again…', error: null, stopped: null });
      const r = await api.call('admin.bulk.retry', { bulkId: s.id });
      set({ busy: null });
      if (!r.ok) return set({ error: r.error });
      set({ summary: r.value });
      await get().page(get().offset);
    },

    async discard() {
      const s = get().summary;
      if (s && s.state === 'draft') await api.call('admin.bulk.discard', { bulkId: s.id });
      get().close();
    },

    async loadRecent() {
      const r = await api.call('admin.bulk.list', { limit: 10 });
      if (r.ok) set({ recent: r.value });
    },

    async reloadShown() {
      const { summary, offset } = get();
      await Promise.all([get().loadRecent(), summary ? get().page(offset) : undefined]);
    },

    close() {
      set({ summary: null, rows: [], total: 0, offset: 0, error: null, stopped: null, verdict: '', status: '' });
    },
  };
});

/** Follows bulk runs: counts move, the open page refreshes when a run ends. */
export function followBulkProgress(): () => void {
  return api.subscribe('admin.bulk.progress', (p) => {
    const st = useBulk.getState();
    if (!st.summary || st.summary.id !== p.bulkId) return;
    useBulk.setState({ summary: { ...st.summary, counts: p.counts, running: p.running }, stopped: p.stopped });
    if (!p.running) {
      void st.page(st.offset);
      void st.loadRecent();
    }
  });
}
