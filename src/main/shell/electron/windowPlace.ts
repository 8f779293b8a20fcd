import type { BrowserWindow, Rectangle } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { placeWindow, readWindowPlace, windowPlaceRecord, type WindowOpening } from '../../../shared/app/windowBounds';
import { mainWindowSizes } from './windowOptions';

/**
 * The window's size, position and maximised state, kept in `window.json` in the user data folder and
 * put back on a display that is still there (the rules: shared/app/windowBounds.ts, unit tested).
 */
const fileName = 'window.json';

/** Where the window opens, given the displays' work areas (the primary first). */
export function windowOpening(dataDir: string, workAreas: Rectangle[]): WindowOpening {
  let saved = null;
  try {
    saved = readWindowPlace(JSON.parse(fs.readFileSync(path.join(dataDir, fileName), 'utf8')));
  } catch {
    // none yet, or unreadable: the default place
  }
  return placeWindow(saved, workAreas, mainWindowSizes);
}

/** Saves the window's place as it moves (a second after the last move) and when it closes. */
export function keepWindowPlace(win: BrowserWindow, dataDir: string, log: (message: string) => void): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed() || win.isMinimized()) return;
    const record = windowPlaceRecord({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    const file = path.join(dataDir, fileName);
    try {
      // Written whole then renamed: a crash mid-write never leaves half a file.
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(record));
      fs.renameSync(`${file}.tmp`, file);
    } catch (e) {
      log(`The window's place could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1000);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', later);
  win.on('close', save);
}
