import { useEffect, useState } from 'react';
import { alertTypeLabel } from '../../../../shared/alerts/labels';
import { auditRules } from '../../../../shared/audit/rules';
import type { ContractError } from '../../../../shared/contract/errors';
import type { DeviceDetail, DeviceKind } from '../../../../shared/inventory/device';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { alertLink, deviceLink, findingLink } from '../../ui/links';
import { DataAgeNote } from '../stores/age';
import { formatTime } from '../../ui/TimeText';
import { formatAgo } from '../../../../shared/time/format';
import { plural } from '../../../../shared/text/plural';

const yesNo = (v: boolean | null) => (v === null ? '—' : v ? 'yes' : 'no');
const ruleLabel = (id: string) => auditRules.find((r) => r.id === id)?.label ?? id;
/** "0", "2 open", "1 open of 3" (not "0 open of 0"). */
const alertCount = (alerts: Array<{ resolved: boolean }>) => {
  const open = alerts.filter((a) => !a.resolved).length;
  return alerts.length === 0 ? '0' : open === alerts.length ? `${open} open` : `${open} open of ${alerts.length}`;
};

/** One device: its store, channels, alerts, audit findings and when it was last heard, from the cache. */
export function DeviceDetailPanel({ kind, id, version, onClose, onStore }: { kind: DeviceKind; id: string; version: unknown; onClose(): void; onStore(uuid: string): void }) {
  const [detail, setDetail] = useState<DeviceDetail | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    void api.call('inventory.device', { kind, id }).then((r) => {
      if (!live) return;
      if (r.ok) return setDetail(r.value);
      setDetail(null);
      setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [kind, id, version]);

  const d = detail && detail.kind === kind ? detail : null;
  return (
    <aside className="card it-panel it-device" aria-label={d ? `Device ${d.name}` : 'Device'} data-testid="device-detail">
      <div className="it-device-head">
        <h2>{d?.name ?? id}</h2>
        <button type="button" onClick={onClose} aria-label="Close the device detail">
          Close
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {!d && !error && <p className="muted">Loading…</p>}
      {d && (
        <>
          <p className="small muted">
            {d.description} · <DataAgeNote fetchedAt={d.fetchedAt} />
          </p>
          <dl className="it-facts">
            <dt>Store</dt>
            <dd>
              {d.store.known && d.store.uuid ? (
                <button type="button" className="link" onClick={() => onStore(d.store.uuid!)}>
                  {d.store.name}
                </button>
              ) : (
                d.store.name
              )}
            </dd>
            <dt>Last heard</dt>
            <dd data-testid="device-last-heard">{d.lastHeard ? `${formatAgo(d.lastHeard)} (${formatTime(d.lastHeard)})` : d.kind === 'appliance' ? 'not reported for appliances' : 'never'}</dd>
            {d.facts.map((f) => (
              <span key={f.label} style={{ display: 'contents' }}>
                <dt>{f.label}</dt>
                <dd className={/MAC|IP|UUID|ID/.test(f.label) ? 'mono' : undefined}>{f.value}</dd>
              </span>
            ))}
          </dl>
          {d.related.length > 0 && (
            <>
              <h3>{d.kind === 'appliance' ? `Cameras (${d.related.length})` : d.kind === 'channel' ? 'Camera' : 'Appliance'}</h3>
              <ul className="it-alert-list">
                {d.related.map((r) => (
                  <li key={`${r.kind}-${r.id}`}>
                    <a href={deviceLink(r.kind, r.id)}>{r.name}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
          {d.kind !== 'appliance' && (
            <>
              <h3>{d.kind === 'channel' ? 'Channel' : `Video channels (${d.channels.length})`}</h3>
              {d.channels.length === 0 ? (
                <p className="small muted">No video channel in the cache for this camera.</p>
              ) : (
                <table className="it-table-static small" aria-label="Video channels">
                  <thead>
                    <tr>
                      <th>Channel</th>
                      <th>Resolution</th>
                      <th>Recording</th>
                      <th>Retention</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.channels.map((c) => (
                      <tr key={c.uuid}>
                        <td>{c.name}</td>
                        <td>{c.resolution ?? '—'}{c.frameRate ? ` · ${c.frameRate} fps` : ''}</td>
                        <td>{yesNo(c.recording)}</td>
                        <td>{c.retentionDays === null ? '—' : plural(c.retentionDays, 'day')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
          <h3>Alerts ({alertCount(d.alerts)})</h3>
          {d.alerts.length === 0 ? (
            <p className="small muted">No health alert about this device in the cache.</p>
          ) : (
            <ul className="it-alert-list" data-testid="device-alerts">
              {d.alerts.slice(0, 20).map((a) => (
                <li key={a.uuid}>
                  <span className={`it-sev it-sev-${a.severity}`}>{a.severity}</span> <a href={alertLink(a.uuid)}>{alertTypeLabel(a.type)}</a>{' '}
                  <span className="small muted">
                    {a.description} · {formatTime(a.createdTime)}
                    {a.resolved ? ' · resolved' : ' · open'}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h3>Audit findings ({d.findings.length})</h3>
          {d.findings.length === 0 ? (
            <p className="small muted">The audit found nothing about this device.</p>
          ) : (
            <ul className="it-alert-list" data-testid="device-findings">
              {d.findings.map((f) => (
                <li key={f.id}>
                  <span className={`it-sev it-sev-${f.severity}`}>{f.severity}</span> <a href={findingLink(f.id)}>{ruleLabel(f.rule)}</a> <span className="small muted">{f.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}
