// In-page part of the board render bench, bundled for Chromium (a *.page.ts file: type-checked with the
// DOM, as the renderer is): the renderer's own OccupancyBoardView, React in production mode, the app's
// stylesheet, filled with the readings the real refresh returned in this run and half an hour of
// curves built by the board store's own addReadings. The API client answers the board's calls with that
// refresh, as the core just did (the bridge between them is not what is measured).
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { ok } from '../../src/shared/contract/errors';
import { sortByShare } from '../../src/shared/occupancyBoard/policy';
import type { BoardReading, BoardRefresh } from '../../src/shared/occupancyBoard/types';
import { setApiClient } from '../../src/renderer/src/api/client';
import { OccupancyBoardView } from '../../src/renderer/src/features/occupancyBoard/OccupancyBoardView';
import { addReadings, useBoard, type StoreCurve } from '../../src/renderer/src/features/occupancyBoard/store';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** The refresh's readings as read now, and the curves of the last 30 readings a minute apart. */
function boardOf(refresh: BoardRefresh, stores: number): { answer: BoardRefresh; curves: Record<string, StoreCurve> } {
  const now = Date.now();
  const readings = refresh.readings.slice(0, stores).map((r) => ({ ...r, readAt: new Date(now).toISOString() }));
  let curves: Record<string, StoreCurve> = {};
  for (let m = 30; m >= 1; m--) {
    const earlier: BoardReading[] = readings.map((r, i) => ({ ...r, readAt: new Date(now - m * 60_000).toISOString(), occupancy: r.occupancy === null ? null : Math.max(0, r.occupancy + ((i + m) % 7) - 3) }));
    curves = addReadings(curves, earlier);
  }
  curves = addReadings(curves, readings);
  return { answer: { ...refresh, readAt: new Date(now).toISOString(), readings }, curves };
}

/**
 * ms from handing the board its state to the next frame painted: the view mounted (first render) with
 * `stores` stores of the refresh. Checks the rows are there and unmounts.
 */
export async function renderRun(refresh: BoardRefresh, stores: number): Promise<{ ms: number; rowsInDom: number }> {
  const { answer, curves } = boardOf(refresh, stores);
  setApiClient({
    call: async (name) => (name === 'occupancyBoard.refresh' ? ok(answer) : ok({ shell: 'desktop' })) as never,
    subscribe: () => () => undefined,
  });
  const host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  const t0 = performance.now();
  const { readings, ...last } = answer;
  useBoard.setState({ readings: sortByShare(readings), last, curves, passed: [], refreshing: false, error: null });
  flushSync(() => root.render(createElement(OccupancyBoardView)));
  await nextFrame();
  const ms = performance.now() - t0;
  const rowsInDom = host.querySelectorAll('[data-testid=board-row]').length;
  root.unmount();
  host.remove();
  return { ms, rowsInDom };
}
