import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeWindow, readWindowPlace, windowPlaceRecord, type Rect } from '../../src/shared/app/windowBounds';
import { windowOpening } from '../../src/main/shell/electron/windowPlace';
import { mainWindowSizes } from '../../src/main/shell/electron/windowOptions';
import { tempDir } from '../support/temp';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 876 }; // 1440x900 less a 24 px menu bar
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const leftMonitor: Rect = { x: -1920, y: 200, width: 1920, height: 1040 };
const sizes = mainWindowSizes;

describe('window bounds: where the desktop window opens', () => {
  it('first start: the default size, centred (no position), never larger than the primary work area', () => {
    expect(placeWindow(null, [laptop], sizes)).toEqual({ bounds: { width: 1360, height: 860 }, maximized: false });
    expect(placeWindow(null, [{ x: 0, y: 0, width: 1024, height: 740 }], sizes)).toEqual({ bounds: { width: 1024, height: 740 }, maximized: false });
  });

  it('puts a window back where it was on a display still there, maximised state included', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1100 }, maximized: true };
    expect(placeWindow(saved, [laptop, rightMonitor], sizes)).toEqual(saved);
  });

  it('a display unplugged since: the window comes back on the nearest display, moved and shrunk inside its work area', () => {
    const onGoneMonitor = { bounds: { x: 1600, y: 100, width: 1800, height: 1100 }, maximized: false };
    const placed = placeWindow(onGoneMonitor, [laptop], sizes);
    expect(placed.bounds).toEqual({ x: 0, y: 0, width: 1440, height: 876 });
    const small = { bounds: { x: 3000, y: 900, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(small, [laptop], sizes).bounds).toEqual({ x: 440, y: 176, width: 1000, height: 700 });
  });

  it('a window half off a display is moved wholly onto the display it overlaps most', () => {
    const half = { bounds: { x: -600, y: 300, width: 1200, height: 800 }, maximized: false };
    // overlaps the left monitor (600 px) and the laptop (600 px wide but shorter): the larger area wins
    const placed = placeWindow(half, [laptop, leftMonitor], sizes);
    expect(placed.bounds).toEqual({ x: -1200, y: 300, width: 1200, height: 800 });
    const bottom = { bounds: { x: 100, y: 700, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(bottom, [laptop], sizes).bounds).toEqual({ x: 100, y: 176, width: 1000, height: 700 });
  });

  it('a saved size below the minimum grows to it; a display smaller than the minimum gets the whole display', () => {
    const tiny = { bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false };
    expect(placeWindow(tiny, [laptop], sizes).bounds).toEqual({ x: 10, y: 10, width: 900, height: 600 });
    expect(placeWindow(tiny, [{ x: 0, y: 0, width: 800, height: 560 }], sizes).bounds).toEqual({ x: 0, y: 0, width: 800, height: 560 });
  });

  it('reads only a saved place of its shape and version: anything else is the default place', () => {
    const good = windowPlaceRecord({ bounds: { x: -1900, y: 250, width: 1200, height: 800 }, maximized: true });
    expect(readWindowPlace(JSON.parse(JSON.stringify(good)))).toEqual({ bounds: good.bounds, maximized: true });
    for (const bad of [null, 'x', 7, {}, { version: 2, bounds: good.bounds }, { version: 1 }, { version: 1, bounds: { x: 0, y: 0, width: 0, height: 600 } }, { version: 1, bounds: { x: 'a', y: 0, width: 900, height: 600 } }, { version: 1, bounds: { x: 1e9, y: 0, width: 900, height: 600 } }, { version: 1, bounds: { x: Number.NaN, y: 0, width: 900, height: 600 } }]) {
      expect(readWindowPlace(bad)).toBeNull();
    }
  });

  it('the shell reads its file in the user data folder; a missing or broken file opens the default window', () => {
    const dir = tempDir('roc-window-');
    expect(windowOpening(dir, [laptop])).toEqual({ bounds: { width: 1360, height: 860 }, maximized: false });
    fs.writeFileSync(path.join(dir, 'window.json'), '{"version":1,"bounds":{"x":');
    expect(windowOpening(dir, [laptop])).toEqual({ bounds: { width: 1360, height: 860 }, maximized: false });
    fs.writeFileSync(path.join(dir, 'window.json'), JSON.stringify(windowPlaceRecord({ bounds: { x: 20, y: 30, width: 1000, height: 700 }, maximized: false })));
    expect(windowOpening(dir, [laptop])).toEqual({ bounds: { x: 20, y: 30, width: 1000, height: 700 }, maximized: false });
  });
});
