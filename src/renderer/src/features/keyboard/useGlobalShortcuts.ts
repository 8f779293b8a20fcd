import { useEffect } from 'react';
import { api } from '../../api/client';
import { followCacheChanges } from '../stores/store';
import { isMacPlatform, isTypingTarget, ShortcutReader } from './keys';
import { useKeyboard } from './store';

/**
 * The console's keys, from the one table: views (Ctrl+1…, g then a letter), the command palette and
 * the shortcuts dialog; the desktop menu's own commands arrive as `app.command`. Single keys do nothing
 * while typing in a field; with an overlay open, only the overlays' own accelerators act.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const reader = new ShortcutReader(isMacPlatform(navigator.platform));
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.repeat) return;
      const action = reader.read(e, isTypingTarget(e.target), Date.now());
      if (!action) return;
      const keyboard = useKeyboard.getState();
      if ('command' in action) {
        e.preventDefault();
        if (keyboard.open === action.command) keyboard.close();
        else keyboard.show(action.command);
      } else if (!keyboard.open) {
        e.preventDefault();
        window.location.hash = `#${action.view}`;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    const offMenu = api.subscribe('app.command', ({ command }) => useKeyboard.getState().show(command));
    const offCache = followCacheChanges(() => useKeyboard.getState().camerasChanged());
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      offMenu();
      offCache();
    };
  }, []);
}
