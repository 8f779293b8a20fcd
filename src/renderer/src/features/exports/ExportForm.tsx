import { useEffect, useMemo, useState } from 'react';
import { readArray, readBoolean, readNullable, readOneOf, readString } from '../../../../shared/app/keptShape';
import type { ContractError } from '../../../../shared/contract/errors';
import { toUtcSeconds, utcToZoned, zonedToUtc } from '../../../../shared/exports/zonedTime';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useKept } from '../../ui/keptState';
import { useConnections } from '../connections/store';
import { useExports } from './store';
import { ageOf } from './format';

const presets = [
  { label: 'Last 5 min', minutes: 5 },
  { label: 'Last 15 min', minutes: 15 },
  { label: 'Last hour', minutes: 60 },
];
const resolutions = ['640x480', '1024x768', '1280x720', '1920x1080'];
const noChannels: string[] = [];
const readStrings = readArray(readString, 64);
const readNullableString = readNullable(readString);

/** Pick a store, appliance, channels and a time range in the store's zone (UTC shown), then start. */
export function ExportForm() {
  const connections = useConnections((s) => s.connections).filter((c) => c.vendor === 'retailnext');
  const { sources, settings, loadSources, start, chooseFolder } = useExports();
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

  const conn = connectionId || connections[0]?.id || '';
  useEffect(() => {
    if (conn) void loadSources(conn).then(setError);
  }, [conn, loadSources]);
  useEffect(() => {
    if (settings && !folder) setFolder(settings.defaultFolder);
  }, [settings, folder]);

  const src = sources[conn];
  const stores = useMemo(() => (src?.stores ?? []).filter((s) => s.appliances.some((a) => a.channels.length > 0)), [src]);
  const store = stores.find((s) => s.uuid === storeUuid) ?? stores[0];
  const appliance = store?.appliances.find((a) => a.applianceId === applianceId) ?? store?.appliances.find((a) => a.channels.length > 0);
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
    const err = await start({
      connectionId: conn,
      storeUuid: store.uuid,
      applianceId: appliance.applianceId,
      channels: channels.filter((c) => appliance.channels.some((x) => x.uuid === c)),
      start: startUtc ?? '',
      end: endUtc ?? '',
      analyticsOverlay,
      infoOverlay,
      raw,
      resolution: channels.length > 1 ? resolution : null,
      folder: folder || undefined,
    });
    setBusy(false);
    setError(err);
  };

  if (connections.length === 0) return <p className="muted">Add a RetailNext connection (or try the Demo workspace) to export video.</p>;
  return (
    <form className="export-form" onSubmit={(e) => (e.preventDefault(), void submit())} aria-label="New export">
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
      {src && <span className="muted">Store list read {ageOf(src.fetchedAt)}. <button type="button" className="link" onClick={() => void loadSources(conn, true)}>Refresh</button></span>}
      <label>
        Appliance
        <select value={appliance?.applianceId ?? ''} onChange={(e) => (setApplianceId(e.target.value), setChannels([]))}>
          {store?.appliances.map((a) => (
            <option key={a.applianceId} value={a.applianceId}>{a.applianceId || 'Cameras without an appliance'}</option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Channels ({channels.length}/16)</legend>
        {appliance?.channels.map((c) => (
          <label key={c.uuid} className="check">
            <input
              type="checkbox"
              checked={channels.includes(c.uuid)}
              disabled={!channels.includes(c.uuid) && channels.length >= 16}
              onChange={(e) => setChannels((list) => (e.target.checked ? [...list, c.uuid] : list.filter((x) => x !== c.uuid)))}
            />
            {c.name}
            {!c.recordingEnabled && <span className="muted"> (not recording)</span>}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Time range, in the store's time ({zone})</legend>
        <div className="presets">
          {presets.map((p) => (
            <button key={p.minutes} type="button" onClick={() => preset(p.minutes)}>{p.label}</button>
          ))}
        </div>
        <label>
          From
          <input type="datetime-local" step="1" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" step="1" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <div className="muted" data-testid="utc-range">UTC: {startUtc ?? '—'} → {endUtc ?? '—'}</div>
      </fieldset>
      <fieldset>
        <legend>Options</legend>
        <label className="check"><input type="checkbox" checked={analyticsOverlay} onChange={(e) => setAnalytics(e.target.checked)} />Analytics overlay</label>
        <label className="check"><input type="checkbox" checked={infoOverlay} onChange={(e) => setInfo(e.target.checked)} />Info overlay</label>
        <label className="check"><input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} />Raw (uncompressed, much larger)</label>
        {channels.length > 1 && (
          <label>
            Resolution
            <select value={resolution} onChange={(e) => setResolution(e.target.value)}>
              {resolutions.map((r) => <option key={r}>{r}</option>)}
            </select>
          </label>
        )}
      </fieldset>
      <label>
        Save into folder
        <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/full/path/to/folder" />
      </label>
      {settings?.canChooseFolder ? (
        <button type="button" onClick={() => void chooseFolder().then((f) => f && setFolder(f))}>Choose folder…</button>
      ) : (
        <span className="muted">In the browser, type the folder's full path.</span>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || channels.length === 0 || !startUtc || !endUtc}>Start export</button>
      </div>
    </form>
  );
}
