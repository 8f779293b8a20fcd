import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { ContractError } from '../../../../shared/contract/errors';
import type { ExportWritePreview } from '../../../../shared/exports/types';
import type { LiveSession, SavedWall } from '../../../../shared/live/types';
import { addToWall, cameraKey, clampPage, pageCount, pageOf, storeKey, type WallCamera, type WallLayout } from '../../../../shared/live/wall';
import { api } from '../../api/client';
import { kept } from '../../ui/keptState';
import { restoreWall, type StoredWall } from './restore';

interface LiveState {
  /** The wall: kept across view switches, reloads and (in the desktop app) restarts. */
  cameras: WallCamera[];
  layout: WallLayout;
  /** Page shown, 0-based. */
  page: number;
  exportMinutes: number;
  /** Open sessions (stream tokens) of the stores on the page shown, by storeKey; never stored. */
  sessions: Record<string, LiveSession>;
  /** Why a store on the page could not be opened, by storeKey. */
  storeErrors: Record<string, ContractError>;
  error: ContractError | null;
  notice: string | null;
  /** An export of a tile, previewed and waiting for its confirmation (never stored). */
  exportPreview: ExportWritePreview | null;
  closeExportPreview(): void;
  /** The saved wall last opened or saved, while the wall is the one it names. */
  wallName: string | null;
  /** Walls saved under a name, from the core (null: not read yet). */
  walls: SavedWall[] | null;
  wallsError: ContractError | null;
  loadWalls(): Promise<void>;
  /** Saves the wall under a name; the error (a taken name: conflict) is returned for the form to show. */
  saveWall(name: string, replace: boolean): Promise<ContractError | null>;
  openWall(wall: SavedWall): void;
  deleteWall(name: string): Promise<void>;
  add(cameras: WallCamera[], what: string): void;
  remove(key: string): void;
  clear(): Promise<void>;
  setLayout(layout: WallLayout): void;
  setPage(page: number): void;
  setExportMinutes(n: number): void;
  /** Opens the sessions the page shown needs and closes the others. */
  syncSessions(): Promise<void>;
  closeSessions(): Promise<void>;
  /** The core came back after it was lost: the sessions it held went with it, so the page's are opened again. */
  reopenSessions(): Promise<void>;
  /** Previews an export of the camera's last minutes (sent once confirmed). */
  exportLast(camera: WallCamera): Promise<void>;
}

/** Stores with a tile on the page shown. */
export function storesOnPage(s: Pick<LiveState, 'cameras' | 'layout' | 'page'>): Map<string, WallCamera> {
  const out = new Map<string, WallCamera>();
  for (const c of pageOf(s.cameras, s.layout, s.page)) if (!out.has(storeKey(c))) out.set(storeKey(c), c);
  return out;
}

export const useLive = create<LiveState>()(
  persist(
    (set, get) => {
      /** Store sessions being opened, shared by concurrent syncSessions calls (this store's own). */
      const opening = new Map<string, Promise<void>>();
      return {
        cameras: [],
        layout: 4,
        page: 0,
        exportMinutes: 5,
        sessions: {},
        storeErrors: {},
        error: null,
        notice: null,
        exportPreview: null,
        closeExportPreview() {
          set({ exportPreview: null });
        },
        wallName: null,
        walls: null,
        wallsError: null,

        async loadWalls() {
          const res = await api.call('live.walls.list', {});
          set(res.ok ? { walls: res.value, wallsError: null } : { wallsError: res.error });
        },

        async saveWall(name, replace) {
          const s = get();
          const res = await api.call('live.walls.save', { name, layout: s.layout, cameras: s.cameras, replace });
          if (!res.ok) return res.error;
          const saved = res.value;
          set((st) => ({
            wallName: saved.name,
            walls: [...(st.walls ?? []).filter((w) => w.name.toLowerCase() !== saved.name.toLowerCase()), saved].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })),
            notice: `Saved the wall "${saved.name}" (${saved.cameras.length} ${saved.cameras.length === 1 ? 'camera' : 'cameras'}, ${saved.layout} per page).`,
          }));
          return null;
        },

        openWall(wall) {
          const pages = pageCount(wall.cameras.length, wall.layout);
          set({
            cameras: wall.cameras,
            layout: wall.layout,
            page: 0,
            wallName: wall.name,
            storeErrors: {},
            notice: `Opened the wall "${wall.name}": ${wall.cameras.length} ${wall.cameras.length === 1 ? 'camera' : 'cameras'}${pages > 1 ? ` on ${pages} pages` : ''}.`,
          });
        },

        async deleteWall(name) {
          const res = await api.call('live.walls.delete', { name });
          if (!res.ok) {
            set({ wallsError: res.error });
            return;
          }
          set((s) => ({
            walls: (s.walls ?? []).filter((w) => w.name !== name),
            wallName: s.wallName === name ? null : s.wallName,
            wallsError: null,
            notice: `Deleted the saved wall "${name}". The cameras on the wall stay until you clear it.`,
          }));
        },

        add(cameras, what) {
          const s = get();
          const r = addToWall(s.cameras, cameras, s.layout, s.page, what);
          set({ cameras: r.cameras, page: r.page, notice: r.notice });
        },

        remove(key) {
          const s = get();
          const cameras = s.cameras.filter((c) => cameraKey(c) !== key);
          set({ cameras, page: clampPage(s.page, cameras.length, s.layout), notice: null });
        },

        async clear() {
          set({ cameras: [], page: 0, notice: null, storeErrors: {}, wallName: null });
          await get().closeSessions();
        },

        setLayout(layout) {
          const s = get();
          // keep the first camera of the page shown on the page shown
          const first = s.page * s.layout;
          set({ layout, page: clampPage(Math.floor(first / layout), s.cameras.length, layout), notice: null });
        },

        setPage(page) {
          const s = get();
          set({ page: clampPage(page, s.cameras.length, s.layout), notice: null });
        },

        setExportMinutes: (n) => set({ exportMinutes: Math.min(60, Math.max(1, Math.round(n) || 1)) }),

        async syncSessions() {
          const wanted = storesOnPage(get());
          const stale = Object.entries(get().sessions).filter(([k]) => !wanted.has(k));
          if (stale.length > 0) {
            set((s) => ({ sessions: Object.fromEntries(Object.entries(s.sessions).filter(([k]) => wanted.has(k))) }));
            await Promise.all(stale.map(([, v]) => api.call('live.close', { sessionId: v.sessionId })));
          }
          await Promise.all(
            [...wanted].map(([key, c]) => {
              if (get().sessions[key]) return Promise.resolve();
              let p = opening.get(key);
              if (!p) {
                p = (async () => {
                  const res = await api.call('live.open', { connectionId: c.connectionId, storeUuid: c.storeUuid });
                  if (!res.ok) {
                    set((s) => ({ storeErrors: { ...s.storeErrors, [key]: res.error } }));
                    return;
                  }
                  // the page may have moved on while the token was fetched
                  if (!storesOnPage(get()).has(key)) {
                    await api.call('live.close', { sessionId: res.value.sessionId });
                    return;
                  }
                  const { [key]: _gone, ...storeErrors } = get().storeErrors;
                  set((s) => ({ sessions: { ...s.sessions, [key]: res.value }, storeErrors }));
                })().finally(() => opening.delete(key));
                opening.set(key, p);
              }
              return p;
            }),
          );
        },

        async closeSessions() {
          const old = Object.values(get().sessions);
          set({ sessions: {} });
          await Promise.all(old.map((s) => api.call('live.close', { sessionId: s.sessionId })));
        },

        async reopenSessions() {
          // A new core knows none of the old one's sessions (its tiles are refused), and a store that
          // failed to open while it was away is asked for again; opening is a read (a stream token).
          const old = Object.values(get().sessions);
          set({ sessions: {}, storeErrors: {} });
          await Promise.all([...old.map((s) => api.call('live.close', { sessionId: s.sessionId })), get().syncSessions()]);
        },

        async exportLast(camera) {
          // recordings reach the vendor a little after live: the range ends a few seconds ago
          const end = Math.floor((Date.now() - 5_000) / 1000) * 1000;
          const start = end - get().exportMinutes * 60_000;
          const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
          // A write to RetailNext: previewed here, sent once confirmed (LiveView shows the preview).
          const res = await api.call('exports.startPreview', { connectionId: camera.connectionId, storeUuid: camera.storeUuid, applianceId: camera.applianceId, channels: [camera.channelUuid], start: iso(start), end: iso(end) });
          if (res.ok) set({ exportPreview: res.value, notice: null, error: null });
          else set({ error: res.error });
        },
      };
    },
    // The shared way views keep state (ui/keptState), in localStorage: a wall screen comes back with its
    // cameras after a restart of the desktop app, as a VMS client does (browser mode's origin changes with
    // its port, so there it lasts across reloads). Ids and names only: sessions (stream tokens) are opened again.
    kept<LiveState, StoredWall>({
      name: 'live',
      version: 1,
      keep: 'local',
      pick: (s) => ({ cameras: s.cameras, layout: s.layout, page: s.page, exportMinutes: s.exportMinutes, wallName: s.wallName }),
      read: (stored) => restoreWall(stored),
    }),
  ),
);
