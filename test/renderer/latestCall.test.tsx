import { afterEach, describe, expect, it } from 'vitest';
import { setApiClient, type ApiClient } from '../../src/renderer/src/api/client';
import { useBoard } from '../../src/renderer/src/features/occupancyBoard/store';
import { defaultQuery, useReports } from '../../src/renderer/src/features/reports/store';
import { useStoreLayout } from '../../src/renderer/src/features/storeLayout/store';
import { useEstate } from '../../src/renderer/src/features/stores/store';
import { startTestCore } from '../support/core';
import { ids, seedTestCache } from '../reports/cache';

/** The renderer's client over a real core, keeping the signal each call was made with. */
function recordingClient(): Array<{ name: string; signal: AbortSignal | undefined }> {
  const core = startTestCore({ now: () => new Date('2026-04-20T16:00:00Z') });
  seedTestCache(core.context.db, ['101']).write(ids.flow, ['101'], ['2026-04-19'], [{ storeKey: '101', day: '2026-04-19', hour: 11, enters: 37, exits: 47, sales: 51854, transactions: 12, itemsSold: 22 }]);
  const calls: Array<{ name: string; signal: AbortSignal | undefined }> = [];
  const client: ApiClient = {
    call: (name, input, options) => {
      calls.push({ name, signal: options?.signal });
      return core.invoke(name, structuredClone(input), options?.signal) as never;
    },
    subscribe: (name, listener) => core.subscribe((event, payload) => (event as string) === name && listener(payload as never)),
  };
  setApiClient(client);
  return calls;
}

afterEach(() => {
  useReports.setState({ query: defaultQuery(), rangeChosen: false, report: null, heatmap: null, running: false, error: null, notice: null });
  useEstate.setState({ selected: null, panel: null, panelError: null });
  useBoard.setState({ refreshing: false, error: null });
});

// A view that drops a call (a newer request supersedes it, the view is left) cancels it, so the
// core stops its work; the dropped answer ("cancelled") never reaches the screen.
describe('views give up the calls they drop', () => {
  it('a newer report run cancels the one still running, and the newer one is shown', async () => {
    const calls = recordingClient();
    useReports.setState({ query: { nodeId: 'all', from: '2026-04-17', to: '2026-04-19', granularity: 'day', lastYear: 'weekday', hourFrom: null, hourTo: 24 }, rangeChosen: true });
    const first = useReports.getState().run();
    useReports.getState().setQuery({ from: '2026-04-18' });
    const second = useReports.getState().run();
    await Promise.all([first, second]);
    const runs = calls.filter((c) => c.name === 'reports.run');
    expect(runs.map((c) => c.signal?.aborted)).toEqual([true, false]);
    const s = useReports.getState();
    expect(s.error).toBeNull();
    expect(s.running).toBe(false);
    expect(s.report?.from).toBe('2026-04-18');
  });

  it('choosing another store cancels the panel still being read; choosing none cancels it too', async () => {
    const calls = recordingClient();
    const a = useEstate.getState().loadPanel('00000000-0000-0000-0000-00000000000a');
    const b = useEstate.getState().loadPanel('00000000-0000-0000-0000-00000000000b');
    await Promise.all([a, b]);
    expect(calls.filter((c) => c.name === 'estate.store').map((c) => c.signal?.aborted)).toEqual([true, false]);
    const c = useEstate.getState().loadPanel('00000000-0000-0000-0000-00000000000c');
    useEstate.getState().select(null);
    await c;
    expect(calls.filter((x) => x.name === 'estate.store').at(-1)?.signal?.aborted).toBe(true);
    expect(useEstate.getState()).toMatchObject({ panel: null, panelError: null });
  });

  it('leaving the floorplan view cancels the overlay still being read; it shows no error', async () => {
    const calls = recordingClient();
    useStoreLayout.setState({ storeUuid: '00000000-0000-0000-0000-00000000000a', floorId: 'f1', mode: 'measures' });
    const loading = useStoreLayout.getState().loadOverlay();
    expect(useStoreLayout.getState().metrics.loading).toBe(true);
    useStoreLayout.getState().leave();
    await loading;
    expect(calls.find((c) => c.name === 'storeLayout.zoneMetrics')?.signal?.aborted).toBe(true);
    expect(useStoreLayout.getState().metrics).toMatchObject({ loading: false, error: null });
  });

  it('a board refresh given up (the board left) shows no error and is not left refreshing', async () => {
    const calls = recordingClient();
    const left = new AbortController();
    const refreshing = useBoard.getState().refresh(left.signal);
    left.abort();
    await refreshing;
    expect(calls.find((c) => c.name === 'occupancyBoard.refresh')?.signal).toBe(left.signal);
    expect(useBoard.getState()).toMatchObject({ refreshing: false, error: null });
  });
});
