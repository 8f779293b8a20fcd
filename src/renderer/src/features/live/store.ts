import { create } from 'zustand';
import type { ContractError } from '../../../../shared/contract/errors';
import type { LiveSession } from '../../../../shared/live/types';
import { api } from '../../api/client';

interface LiveState {
  sessions: LiveSession[];
  grid: 1 | 4 | 9 | 16;
  exportMinutes: number;
  error: ContractError | null;
  notice: string | null;
  open(connectionId: string, storeUuid: string, add: boolean): Promise<void>;
  closeAll(): Promise<void>;
  setGrid(grid: 1 | 4 | 9 | 16): void;
  setExportMinutes(n: number): void;
  exportLast(session: LiveSession, channelUuid: string): Promise<void>;
}

export const useLive = create<LiveState>((set, get) => ({
  sessions: [],
  grid: 4,
  exportMinutes: 5,
  error: null,
  notice: null,

  async open(connectionId, storeUuid, add) {
    const res = await api.call('live.open', { connectionId, storeUuid });
    if (!res.ok) return set({ error: res.error });
    if (!add) await get().closeAll();
    set((s) => ({ sessions: [...s.sessions.filter((x) => x.storeUuid !== storeUuid), res.value], error: null }));
  },

  async closeAll() {
    const old = get().sessions;
    set({ sessions: [] });
    await Promise.all(old.map((s) => api.call('live.close', { sessionId: s.sessionId })));
  },

  setGrid: (grid) => set({ grid }),
  setExportMinutes: (n) => set({ exportMinutes: Math.min(60, Math.max(1, Math.round(n) || 1)) }),

  async exportLast(session, channelUuid) {
    const ch = session.channels.find((c) => c.uuid === channelUuid);
    if (!ch) return;
    // recordings reach the vendor a little after live: the range ends a few seconds ago
    const end = Math.floor((Date.now() - 5_000) / 1000) * 1000;
    const start = end - get().exportMinutes * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
    const res = await api.call('exports.start', { connectionId: session.connectionId, storeUuid: session.storeUuid, applianceId: ch.applianceId, channels: [ch.uuid], start: iso(start), end: iso(end) });
    if (res.ok) set({ notice: `Export of the last ${get().exportMinutes} min of ${ch.name} started: follow it in Exports.`, error: null });
    else set({ error: res.error });
  },
}));
