// The core in this test reaches the simulator with fetch; happy-dom would apply a page's same-origin rules to it.
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportJobView, VideoSources } from '../../src/shared/exports/types';
import { ExportsView } from '../../src/renderer/src/features/exports/ExportsView';
import { RenderProgress } from '../../src/renderer/src/features/exports/RenderProgress';
import { useExports } from '../../src/renderer/src/features/exports/store';
import { useConnections } from '../../src/renderer/src/features/connections/store';
import { useKeptFields } from '../../src/renderer/src/ui/keptState';
import { callOk } from '../support/core';
import { tempDir } from '../support/temp';
import { videoRig } from '../support/videoRig';

const { coreWithConnection } = videoRig();
afterEach(() => {
  cleanup();
  useExports.setState({ jobs: [], progress: {}, sources: {}, settings: null, verify: {}, opened: {}, errors: {}, previews: {} });
  useConnections.setState({ connections: [], loaded: false, loadError: null, tests: {} });
  // the form's draft is kept (keptState): each test starts from an empty one
  useKeptFields.setState({ fields: {} });
});

/** Waits for the cameras of the first appliance (the store list takes three vendor calls: seconds on a loaded machine). */
async function cameraBoxes(form: HTMLElement) {
  const fieldset = within(form).getByTestId('cameras-legend').closest('fieldset')!;
  return waitFor(() => {
    const boxes = within(fieldset as HTMLElement).getAllByRole('checkbox');
    expect(boxes.length).toBeGreaterThan(0);
    return boxes;
  }, { timeout: 15_000 });
}

describe('Exports view', () => {
  it('says which cameras are chosen, exports into a typed folder, lists it done with its evidence; Delete at RetailNext is apart and asks first', async () => {
    const { core } = await coreWithConnection();
    const folder = tempDir('roc-view-exports-');
    render(<ExportsView />);
    const form = await screen.findByRole('form', { name: 'New export' });
    const boxes = await cameraBoxes(form);
    const legend = within(form).getByTestId('cameras-legend');
    expect(legend.textContent).toBe(`Cameras to export: 0 of ${boxes.length} chosen`);
    fireEvent.click(boxes[0]!);
    expect(legend.textContent).toBe(`Cameras to export: 1 of ${boxes.length} chosen`);
    const name = boxes[0]!.closest('label')!.querySelector('.export-camera-name')!.firstChild!.textContent!;
    expect(within(form).getByTestId('chosen-cameras').textContent).toContain(name);
    expect(screen.getByTestId('utc-range').textContent).toBe('Choose a range: the same times in UTC show here.');
    fireEvent.click(within(form).getByRole('button', { name: 'Last 5 min' }));
    expect(screen.getByTestId('utc-range').textContent).toMatch(/UTC: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z → \d{4}-/);
    expect(screen.getByText(/In the browser, type the folder's full path/)).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Save into folder'), { target: { value: folder } });
    // a write to RetailNext: previewed first, nothing sent before Confirm
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Preview export…' })));
    const start = await within(form).findByRole('dialog', { name: 'Start this export at RetailNext?' });
    expect(screen.queryByTestId('export-job')).toBeNull();
    await act(async () => fireEvent.click(within(start).getByRole('button', { name: 'Confirm and start' })));
    await waitFor(() => expect(within(start).getByTestId('export-write-outcome').textContent).toMatch(/Kept in the Change log/));
    fireEvent.click(within(start).getByRole('button', { name: 'Close' }));
    const item = await screen.findByTestId('export-job');
    await waitFor(() => expect(item.getAttribute('data-state')).toBe('done'), { timeout: 20_000 });
    expect(within(item).getByTestId('sha256').textContent).toMatch(/^[0-9a-f]{64}$/);
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: 'Verify' })));
    // verifying re-hashes the file: seconds on a loaded machine
    await waitFor(() => expect(within(item).getByTestId('verify-result').getAttribute('data-matches')).toBe('true'), { timeout: 20_000 });
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: 'Open file' })));
    expect((await within(item).findByTestId('open-result')).textContent).toMatch(/browser.*cannot open/);

    // Delete at RetailNext: last, in the danger style, and nothing is sent before the confirmation
    const buttons = within(item).getAllByRole('button').map((b) => b.textContent);
    expect(buttons.at(-1)).toBe('Delete at RetailNext…');
    const del = within(item).getByRole('button', { name: 'Delete at RetailNext…' });
    expect(del.className).toContain('danger');
    await act(async () => fireEvent.click(del));
    const dialog = await within(item).findByRole('dialog', { name: 'Delete this export at RetailNext?' });
    const job = useExports.getState().jobs[0]!;
    expect(dialog.textContent).toContain(`The export task ${job.exportId} is deleted`);
    expect(dialog.textContent).toContain('The downloaded file stays');
    expect(dialog.textContent).toContain(job.filePath);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(within(item).queryByRole('dialog')).toBeNull();
    expect((await callOk<ExportJobView[]>(core, 'exports.list', {}))[0]!.remoteDeletedAt).toBeNull();
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: 'Delete at RetailNext…' })));
    const again = await within(item).findByRole('dialog', { name: 'Delete this export at RetailNext?' });
    await act(async () => fireEvent.click(within(again).getByRole('button', { name: 'Confirm and delete' })));
    await waitFor(() => expect(within(item).getByTestId('deleted-remote').textContent).toMatch(/the file on this computer stays/));
    fireEvent.click(within(again).getByRole('button', { name: 'Close' }));
    expect(within(item).queryByRole('button', { name: /Delete at RetailNext/ })).toBeNull();
    expect((await callOk<ExportJobView[]>(core, 'exports.list', {}))[0]).toMatchObject({ state: 'done', remoteDeletedAt: expect.any(String) });
  }, 60_000);

  it('tells cameras of one name apart by MAC, and the names they get in the list', async () => {
    const { core, connectionId } = await coreWithConnection();
    const sources = await callOk<VideoSources>(core, 'exports.sources', { connectionId });
    // a store of the simulated estate where two cameras have the same name
    const pick = sources.stores
      .map((s) => ({ store: s, all: s.appliances.flatMap((a) => a.channels) }))
      .find(({ all }) => all.some((c, i) => all.findIndex((d) => d.name === c.name) !== i));
    expect(pick, 'the simulated estate has a store with two cameras of one name').toBeTruthy();
    const { store, all } = pick!;
    const dup = all.find((c, i) => all.findIndex((d) => d.name === c.name) !== i)!;
    render(<ExportsView />);
    const form = await screen.findByRole('form', { name: 'New export' });
    await cameraBoxes(form);
    fireEvent.change(within(form).getByLabelText('Store'), { target: { value: store.uuid } });
    fireEvent.change(within(form).getByLabelText('Appliance'), { target: { value: dup.applianceId } });
    const label = within(form).getAllByRole('checkbox').map((b) => b.closest('label')!).find((l) => l.textContent!.includes(`MAC ${dup.mac}`));
    expect(label, `the camera "${dup.name}" shows its MAC ${dup.mac}`).toBeTruthy();
    fireEvent.click(within(label!).getByRole('checkbox'));
    const tail = dup.mac!.replace(/[^0-9A-F]/gi, '').slice(-6).toUpperCase();
    expect(within(form).getByTestId('chosen-cameras').textContent).toContain(`${dup.name} (${tail})`);
    // a camera whose name is its own shows no MAC
    const single = all.find((c) => all.filter((d) => d.name === c.name).length === 1 && c.applianceId === dup.applianceId);
    if (single) {
      const own = within(form).getAllByRole('checkbox').map((b) => b.closest('label')!).find((l) => l.querySelector('.export-camera-name')!.firstChild!.textContent === single.name)!;
      expect(own.textContent).not.toContain('MAC');
    }
  }, 60_000);
});

describe('while RetailNext renders', () => {
  const started = Date.parse('2026-03-29T00:59:50Z');
  const job = (estimate: ExportJobView['renderEstimate']): ExportJobView => ({
    id: 'j1',
    request: { connectionId: 'c', storeUuid: 's', storeName: 'Store', timeZone: 'Europe/London', applianceId: 'a', channels: [{ uuid: 'u', name: 'Door' }], start: '2026-03-29T00:50:00Z', end: '2026-03-29T00:55:00Z', analyticsOverlay: false, infoOverlay: false, raw: false, resolution: null },
    exportId: 'e1',
    state: 'in_progress',
    reason: null,
    folder: '/x',
    filePath: null,
    bytesDone: 0,
    bytesTotal: null,
    createdAt: new Date(started).toISOString(),
    updatedAt: new Date(started).toISOString(),
    renderStartedAt: new Date(started).toISOString(),
    renderEstimate: estimate,
    remoteDeletedAt: null,
    evidence: null,
  });

  it('shows the time so far and the estimate from past renders, and says the vendor reports no progress', () => {
    render(<RenderProgress job={job({ seconds: 40, basedOn: 5 })} now={started + 12_000} />);
    const text = screen.getByTestId('render-progress').textContent!;
    expect(text).toContain('12 s so far');
    expect(text).toContain('about 40 s in all, 28 s left (from the last 5 exports of this connection)');
    expect(text).toContain('RetailNext does not report progress');
    const bar = screen.getByRole('progressbar', { name: 'Rendering, estimated from past exports' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([12, 40]);
  });

  it('past the estimate it says so; with no past render it says there is no estimate yet', () => {
    render(<RenderProgress job={job({ seconds: 40, basedOn: 1 })} now={started + 95_000} />);
    expect(screen.getByTestId('render-progress').textContent).toContain('1 min 35 s so far · taking longer than the usual 40 s (from the last export of this connection)');
    cleanup();
    render(<RenderProgress job={job(null)} now={started + 3_000} />);
    expect(screen.getByTestId('render-progress').textContent).toContain('3 s so far · no estimate yet');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
