import { useEffect, useMemo, useState } from 'react';
import { readArray, readBoolean, readNullable, readOneOf, readString } from '../../../../shared/app/keptShape';
import type { ContractError } from '../../../../shared/contract/errors';
import { cameraLabel, isNameShared, sharedNames } from '../../../../shared/exports/cameraNames';
import { toUtcSeconds, utcToZoned, zonedToUtc } from '../../../../shared/exports/zonedTime';
import type { ExportWritePreview } from '../../../../shared/exports/types';
import { useConnectivity } from '../../ui/connectivity';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useKept } from '../../ui/keptState';
import { useConnections } from '../connections/store';
import { useCameraLists } from './cameraSources';
import { CameraListAge } from './CameraListAge';
import { ExportWriteConfirm } from './ExportWriteConfirm';
import { useExports } from './store';

const presets = [
  { label: 'Last 5 min', minutes: 5 },
  { label: 'Last 15 min', minutes: 15 },
  { label: 'Last hour', minutes: 60 },
];
const resolutions = ['640x480', '1024x768', '1280x720', '1920x1080'];
/** RetailNext takes at most 16 cameras of one appliance in one export. */
const maxCameras = 16;
const noChannels: string[] = [];
const readStrings = readArray(readString, 64);
const readNullableString = readNullable(readString);

/** Pick a store, appliance, cameras and a time range in the store's zone (UTC shown), preview, then confirm. */
export function ExportForm() {
  const connections = useConnections((s) => s.connections).filter((c) => c.vendor === 'retailnext');
  const { settings, previewStart, chooseFolder } = useExports();
  const browserOffline = useConnectivity((s) => s.browserOffline);
  // The draft stays across view switches and reloads (keptState.ts).
  const [connectionId, setConnectionId] = useKept('exports.form.connectionId', '', readString);
  const [storeUuid, setStoreUuid] = useKept('exports.form.storeUuid', '', readString);
  const [applianceId, setApplianceId] = useKept<string | null>('exports.form.applianceId', null, readNullableString);
  const [channels, setChannels] = useKept<string[]>('exports.form.channels', noChannels, readStrings);
  const [from, setFrom] = useKept('exports.form.from', '', readString);
  const [to, setTo] = useKept('exports.form.to', '', readString);
  const [analyticsOverlay, setAnalytics] = useKept('exports.form.analyticsOverlay', false, readBoolean);
  const [infoOverlay, setInfo] = useKept('exports.form.infoOverlay', false, readBoolean);
  const [raw, setRaw] = useKept('exports.form.raw', false, readBoolean);
  const [resolution, setResolution] = useKept('exports.form.resolution', '1024x768', readOneOf(resolutions));
  const [folder, setFolder] = useKept('exports.form.folder', '', readString);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<ExportWritePreview | null>(null);

  const conn = connectionId || connections[0]?.id || '';
  // The cached estate first (offline too), then RetailNext's list when online: as the live wall's camera tree.
  const connection = connections.find((c) => c.id === conn);
  const listed = useMemo(() => (connection ? [connection] : []), [connection]);
  const list = useCameraLists(listed)[0];
  useEffect(() => {
    if (settings && !folder) setFolder(settings.defaultFolder);
  }, [settings, folder]);

  const src = list?.sources;
  const stores = useMemo(() => (src?.stores ?? []).filter((s) => s.appliances.some((a) => a.channels.length > 0)), [src]);
  const store = stores.find((s) => s.uuid === storeUuid) ?? stores[0];
  const appliance = store?.appliances.find((a) => a.applianceId === applianceId) ?? store?.appliances.find((a) => a.channels.length > 0);
  const shared = useMemo(() => sharedNames(store?.appliances.flatMap((a) => a.channels) ?? []), [store]);
  const cameras = appliance?.channels ?? [];
  const chosen = cameras.filter((c) => channels.includes(c.uuid));
  const zone = store?.timeZone ?? 'UTC';
  const startUtc = from ? zonedToUtc(from, zone) : null;
  const endUtc = to ? zonedToUtc(to, zone) : null;

  const preset = (minutes: number) => {
    const end = Date.now() - 60_000;
    setFrom(utcToZoned(toUtcSeconds(end - minutes * 60_000), zone));
    setTo(utcToZoned(toUtcSeconds(end), zone));
  };

  const submit = async () => {
    if (!store || !appliance) return;
    setBusy(true);
    setPreview(null);
    const res = await previewStart({
      connectionId: conn,
      storeUuid: store.uuid,
      applianceId: appliance.applianceId,
      channels: chosen.map((c) => c.uuid),
      start: startUtc ?? '',
      end: endUtc ?? '',
      analyticsOverlay,
      infoOverlay,
      raw,
      resolution: chosen.length > 1 ? resolution : null,
      folder: folder || undefined,
    });
    setBusy(false);
    setError('error' in res ? res.error : null);
    if ('preview' in res) setPreview(res.preview);
  };

  if (connections.length === 0) return <p className="muted">Add a RetailNext connection (or try the Demo workspace) to export video.</p>;
  return (
    <form className="export-form" onSubmit={(e) => (e.preventDefault(), void submit())} aria-label="New export">
      <div className="export-source">
        <label>
          Connection
          <select value={conn} onChange={(e) => (setConnectionId(e.target.value), setStoreUuid(''), setChannels([]))}>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </label>
        <label>
          Store
          <select value={store?.uuid ?? ''} onChange={(e) => (setStoreUuid(e.target.value), setApplianceId(null), setChannels([]))}>
            {stores.map((s) => (
              <option key={s.uuid} value={s.uuid}>{s.name}</option>
            ))}
          </select>
        </label>
        <label>
          Appliance
          <select value={appliance?.applianceId ?? ''} onChange={(e) => (setApplianceId(e.target.value), setChannels([]))}>
            {store?.appliances.map((a) => (
              <option key={a.applianceId} value={a.applianceId} title={a.applianceId || undefined}>
                {a.channels.length === 1 ? '1 camera' : `${a.channels.length} cameras`} {a.applianceId ? `on ${a.applianceId}` : 'without an appliance'}
              </option>
            ))}
          </select>
        </label>
        {list && (
          <div className="export-source-age">
            <CameraListAge list={list} named={false} />
            {src && !browserOffline && (
              <button type="button" className="link small" onClick={() => void list.refresh()}>
                Refresh from RetailNext
              </button>
            )}
          </div>
        )}
      </div>
      <fieldset className="export-cameras">
        <legend data-testid="cameras-legend">
          Cameras to export: {chosen.length} of {cameras.length} chosen
        </legend>
        <div className="export-cameras-tools">
          <button type="button" className="link" disabled={cameras.length === 0 || chosen.length === Math.min(cameras.length, maxCameras)} onClick={() => setChannels(cameras.slice(0, maxCameras).map((c) => c.uuid))}>
            {cameras.length > maxCameras ? `Choose the first ${maxCameras}` : 'Choose all'}
          </button>
          <button type="button" className="link" disabled={chosen.length === 0} onClick={() => setChannels([])}>Clear</button>
          {cameras.length > maxCameras && <span className="muted small">RetailNext takes at most {maxCameras} cameras in one export.</span>}
          {chosen.length > 1 && <span className="muted small">Several cameras come as one video, side by side.</span>}
        </div>
        {cameras.length === 0 ? (
          <p className="muted">No cameras on this appliance: pick another appliance or store.</p>
        ) : (
          <div className="export-camera-list">
            {cameras.map((c) => {
              const sameName = isNameShared(c, shared);
              return (
                <label key={c.uuid} className="check" title={c.mac ? `${c.name} · MAC ${c.mac}` : c.name}>
                  <input
                    type="checkbox"
                    checked={channels.includes(c.uuid)}
                    disabled={!channels.includes(c.uuid) && chosen.length >= maxCameras}
                    onChange={(e) => setChannels((list) => (e.target.checked ? [...list, c.uuid] : list.filter((x) => x !== c.uuid)))}
                  />
                  <span className="export-camera-name">
                    {c.name}
                    {sameName && c.mac && <span className="muted small"> · MAC {c.mac}</span>}
                    {!c.recordingEnabled && <span className="muted small"> · not recording</span>}
                  </span>
                </label>
              );
            })}
          </div>
        )}
        {chosen.length > 0 && (
          <p className="muted small export-chosen" data-testid="chosen-cameras">
            Chosen: {chosen.map((c) => cameraLabel(c, isNameShared(c, shared))).join(', ')}
          </p>
        )}
      </fieldset>
      <fieldset className="export-range">
        <legend>Time range, in the store's time ({zone})</legend>
        <div className="presets">
          {presets.map((p) => (
            <button key={p.minutes} type="button" onClick={() => preset(p.minutes)}>{p.label}</button>
          ))}
        </div>
        <div className="export-range-fields">
          <label>
            From
            <input type="datetime-local" step="1" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To
            <input type="datetime-local" step="1" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        <div className="muted small" data-testid="utc-range">
          {startUtc || endUtc ? `UTC: ${startUtc ?? '—'} → ${endUtc ?? '—'}` : 'Choose a range: the same times in UTC show here.'}
        </div>
      </fieldset>
      <fieldset className="export-options">
        <legend>Options</legend>
        <label className="check"><input type="checkbox" checked={analyticsOverlay} onChange={(e) => setAnalytics(e.target.checked)} />Analytics overlay</label>
        <label className="check"><input type="checkbox" checked={infoOverlay} onChange={(e) => setInfo(e.target.checked)} />Info overlay (camera name and time)</label>
        <label className="check"><input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} />Raw (uncompressed, much larger)</label>
        {chosen.length > 1 && (
          <label>
            Resolution
            <select value={resolution} onChange={(e) => setResolution(e.target.value)}>
              {resolutions.map((r) => <option key={r}>{r}</option>)}
            </select>
          </label>
        )}
      </fieldset>
      <div className="export-folder">
        <label>
          Save into folder
          <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/full/path/to/folder" />
        </label>
        {settings?.canChooseFolder ? (
          <button type="button" onClick={() => void chooseFolder().then((f) => f && setFolder(f))}>Choose folder…</button>
        ) : (
          <span className="muted small">In the browser, type the folder's full path.</span>
        )}
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="actions export-submit">
        <button type="submit" className="primary" disabled={busy || preview !== null || chosen.length === 0 || !startUtc || !endUtc}>Preview export…</button>
        {chosen.length === 0 ? <span className="muted small">Choose at least one camera.</span> : !startUtc || !endUtc ? <span className="muted small">Set the time range (or press a preset).</span> : null}
      </div>
      {preview && <ExportWriteConfirm key={preview.previewId} preview={preview} onClose={() => setPreview(null)} />}
    </form>
  );
}
