import { create } from 'zustand';
import type { ContractError } from '../../../../shared/contract/errors';
import type { ClipPreview, ExportJobView, ExportProgress, ExportSettings, ExportWritePreview, OpenResult, VerifyResult, VideoSources } from '../../../../shared/exports/types';
import type { CallInput } from '../../../../shared/contract/calls';
import { api } from '../../api/client';

interface ExportsState {
  jobs: ExportJobView[];
  progress: Record<string, ExportProgress>;
  sources: Record<string, VideoSources>;
  settings: ExportSettings | null;
  verify: Record<string, VerifyResult>;
  opened: Record<string, OpenResult>;
  errors: Record<string, ContractError>;
  /** Open previews of downloaded exports, by export id. */
  previews: Record<string, ClipPreview>;
  load(): Promise<void>;
  /** Opens the player of a downloaded export in its detail (null closes it). */
  preview(id: string, open: boolean): Promise<void>;
  /** `signal`: the view asking gives the read up when it is left (others asking keep it). */
  loadSources(connectionId: string, refresh?: boolean, signal?: AbortSignal): Promise<ContractError | null>;
  /** What starting this export would create at RetailNext (nothing is sent until it is confirmed). */
  previewStart(input: CallInput<'exports.startPreview'>): Promise<{ preview: ExportWritePreview } | { error: ContractError }>;
  /** What a retry or a delete at RetailNext would do; an error is kept under the export's id. */
  previewWrite(id: string, action: 'retry' | 'delete'): Promise<ExportWritePreview | null>;
  /** Sends a previewed start, retry or delete once. */
  confirm(previewId: string): Promise<{ job: ExportJobView } | { error: ContractError }>;
  /** Resolves whether the core did it (else the error is kept under the export's id). */
  act(id: string, action: 'cancel' | 'resume'): Promise<boolean>;
  verifyJob(id: string): Promise<void>;
  open(id: string, target: 'file' | 'folder'): Promise<void>;
  chooseFolder(): Promise<string | null>;
}

export const useExports = create<ExportsState>((set, get) => ({
  jobs: [],
  progress: {},
  sources: {},
  settings: null,
  verify: {},
  opened: {},
  errors: {},
  previews: {},

  async preview(id, open) {
    if (!open) return set((s) => ({ previews: omit(s.previews, id) }));
    const res = await api.call('exports.preview', { id });
    if (res.ok) set((s) => ({ previews: { ...s.previews, [id]: res.value }, errors: omit(s.errors, id) }));
    else set((s) => ({ errors: { ...s.errors, [id]: res.error } }));
  },

  async load() {
    const [jobs, settings] = await Promise.all([api.call('exports.list', {}), api.call('exports.settings', {})]);
    if (jobs.ok) set({ jobs: jobs.value });
    if (settings.ok) set({ settings: settings.value });
  },

  async loadSources(connectionId, refresh = false, signal) {
    if (get().sources[connectionId] && !refresh) return null;
    const res = await api.call('exports.sources', { connectionId, refresh }, { signal });
    if (!res.ok) return res.error;
    set((s) => ({ sources: { ...s.sources, [connectionId]: res.value } }));
    return null;
  },

  async previewStart(input) {
    const res = await api.call('exports.startPreview', input);
    return res.ok ? { preview: res.value } : { error: res.error };
  },

  async previewWrite(id, action) {
    const res = await api.call(action === 'retry' ? 'exports.retryPreview' : 'exports.deletePreview', { id });
    if (res.ok) set((s) => ({ errors: omit(s.errors, id) }));
    else set((s) => ({ errors: { ...s.errors, [id]: res.error } }));
    return res.ok ? res.value : null;
  },

  async confirm(previewId) {
    const res = await api.call('exports.confirm', { previewId });
    if (!res.ok) return { error: res.error };
    set((s) => ({ jobs: upsert(s.jobs, res.value), errors: omit(s.errors, res.value.id) }));
    return { job: res.value };
  },

  async act(id, action) {
    const res = await api.call(`exports.${action}`, { id });
    if (res.ok) set((s) => ({ jobs: upsert(s.jobs, res.value), errors: omit(s.errors, id) }));
    else set((s) => ({ errors: { ...s.errors, [id]: res.error } }));
    return res.ok;
  },

  async verifyJob(id) {
    const res = await api.call('exports.verify', { id });
    if (res.ok) set((s) => ({ verify: { ...s.verify, [id]: res.value }, errors: omit(s.errors, id) }));
    else set((s) => ({ errors: { ...s.errors, [id]: res.error } }));
  },

  async open(id, target) {
    const res = await api.call('exports.open', { id, target });
    if (res.ok) set((s) => ({ opened: { ...s.opened, [id]: res.value } }));
    else set((s) => ({ errors: { ...s.errors, [id]: res.error } }));
  },

  async chooseFolder() {
    const res = await api.call('exports.chooseFolder', {});
    return res.ok ? res.value.folder : null;
  },
}));

/** Keeps the list and the progress bars in step with the core. */
export function followExports(): () => void {
  const offChanged = api.subscribe('exports.changed', (job) => useExports.setState((s) => ({ jobs: upsert(s.jobs, job) })));
  const offProgress = api.subscribe('exports.progress', (p) => useExports.setState((s) => ({ progress: { ...s.progress, [p.id]: p } })));
  return () => {
    offChanged();
    offProgress();
  };
}

function upsert(list: ExportJobView[], job: ExportJobView): ExportJobView[] {
  const i = list.findIndex((j) => j.id === job.id);
  return i === -1 ? [job, ...list] : list.map((j) => (j.id === job.id ? job : j));
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}
