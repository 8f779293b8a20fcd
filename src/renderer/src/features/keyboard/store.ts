import { create } from 'zustand';
import type { AppCommand } from '../../../../shared/app/shortcuts';
import type { ContractError } from '../../../../shared/contract/errors';
import type { CameraNames } from '../../../../shared/inventory/contract';
import { api } from '../../api/client';

interface KeyboardState {
  /** The overlay shown: the command palette or the shortcuts dialog (one at a time). */
  open: AppCommand | null;
  /** Where the focus was before the first overlay opened: it goes back there on close. */
  returnTo: HTMLElement | null;
  show(what: AppCommand): void;
  /** Closes the overlay; `restoreFocus` false when the choice moved the person elsewhere. */
  close(restoreFocus?: boolean): void;
  /** The cameras the palette searches, asked for when it first opens and again after the cache changed. */
  cameras: CameraNames | null;
  camerasStale: boolean;
  camerasError: ContractError | null;
  loadCameras(): Promise<void>;
  camerasChanged(): void;
}

export const useKeyboard = create<KeyboardState>((set, get) => ({
  open: null,
  returnTo: null,
  show(what) {
    const { open, returnTo } = get();
    const focused = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    set({ open: what, returnTo: open ? returnTo : focused });
  },
  close(restoreFocus = true) {
    const back = get().returnTo;
    set({ open: null, returnTo: null });
    // After React has removed the overlay: the element may be gone with a view that closed.
    if (restoreFocus && back) setTimeout(() => back.isConnected && back.focus(), 0);
  },
  cameras: null,
  camerasStale: true,
  camerasError: null,
  async loadCameras() {
    if (!get().camerasStale) return;
    set({ camerasStale: false });
    const result = await api.call('inventory.cameraNames', {});
    if (result.ok) set({ cameras: result.value, camerasError: null });
    else set({ camerasError: result.error, camerasStale: true });
  },
  camerasChanged: () => set({ camerasStale: true }),
}));
