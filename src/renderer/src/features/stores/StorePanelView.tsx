import { useState } from 'react';
import type { StorePanel, VendorLink } from '../../../../shared/estate/types';
import { openDeviceRecord } from '../inventory/store';
import { openAlert } from '../alerts/store';
import { formatTime, TimeText } from '../../ui/TimeText';
import { formatAgo } from '../../../../shared/time/format';
import { useEstate } from './store';
import { CountBadges } from './StoreTreeList';
import { VendorLinkEditor } from './VendorLinkEditor';
import { LocationActions } from '../admin/LocationAdmin';
import { plural } from '../../../../shared/text/plural';
import { vendorLabels } from '../../../../shared/connections/types';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

export function StorePanelView({ panel }: { panel: StorePanel }) {
  const tree = useEstate((s) => s.tree);
  const [editing, setEditing] = useState<VendorLink | null>(null);
  return (
    <section className="card it-panel" aria-label={`Store ${panel.name}`}>
      <h2>
        {panel.name} <CountBadges counts={panel.counts} />
      </h2>
      {!panel.known && <p className="error">This store is not in the RetailNext locations of the cache: its devices and alerts are shown under Unplaced.</p>}
      {panel.known && <LocationActions key={panel.storeUuid} uuid={panel.storeUuid} kind="store" />}
      {panel.known && (
        <p className="actions">
          {/* the store layout feature's view (it reads this feature's store, so it is linked, not imported) */}
          <a href={`#floorplan/${encodeURIComponent(panel.storeUuid)}`}>Floorplan and zone flows</a>
        </p>
      )}
      <dl className="it-facts">
        <dt>Region</dt>
        <dd>{dash(panel.region)}</dd>
        <dt>Store id</dt>
        <dd>{dash(panel.storeId)}</dd>
        <dt>Time zone</dt>
        <dd>{dash(panel.timeZone)}</dd>
        <dt>Hours today</dt>
        <dd>{panel.hoursToday ? `${dash(panel.hoursToday.open)} – ${dash(panel.hoursToday.close)}` : 'not in the cache'}{panel.today ? <span className="nowrap"> ({panel.today})</span> : ''}</dd>
        <dt>Area</dt>
        <dd>{panel.area === null ? '—' : `${panel.area.toLocaleString()} sq ft`}</dd>
        <dt>Occupancy</dt>
        <dd data-testid="store-occupancy">
          {panel.occupancy ? `${Math.round(panel.occupancy.value)}${panel.occupancyLimit === null ? '' : ` of ${panel.occupancyLimit}`} at ${String(panel.occupancy.hour).padStart(2, '0')}:00 (${panel.occupancy.provisional ? 'provisional, ' : ''}fetched ${formatAgo(panel.occupancy.fetchedAt)})` : 'not in the cache'}
          {!panel.occupancy && panel.occupancyLimit !== null && `; the limit is ${panel.occupancyLimit}`}
          {panel.occupancyLimit === null && '; no limit set'}
        </dd>
      </dl>

      <h3>Last data update</h3>
      <ul className="it-updates small">
        {panel.updates.map((u) => (
          <li key={`${u.connectionId}-${u.what}`}>
            <span className={`vendor-badge vendor-${u.vendor}`}>{u.connectionName}</span> {u.what}:{' '}
            {u.fetchedAt ? (
              <>
                <TimeText iso={u.fetchedAt} /> ({formatAgo(u.fetchedAt)})
              </>
            ) : (
              'never'
            )}
          </li>
        ))}
        {panel.updates.length === 0 && <li className="muted">Nothing cached for this store yet.</li>}
      </ul>

      {panel.links.length > 0 && (
        <>
          <h3>Other vendors</h3>
          <ul className="it-updates small">
            {panel.links.map((l) => (
              <li key={`${l.connectionId}-${l.key}`}>
                <span className={`vendor-badge vendor-${l.vendor}`}>{vendorLabels[l.vendor]}</span> {l.key} ({l.kind}) — {l.reason}{' '}
                <button type="button" className="link" onClick={() => setEditing(l)}>
                  Change placement
                </button>
              </li>
            ))}
          </ul>
          {editing && tree && <VendorLinkEditor key={editing.key} tree={tree} link={editing} />}
        </>
      )}

      <h3>Devices ({panel.devices.length})</h3>
      {panel.devices.length === 0 && (
        <p className="muted" data-testid="store-no-devices">
          No cameras or appliances of this store are in the cache{panel.known ? ' yet: the inventory sync (Sync view) brings them.' : '.'}
        </p>
      )}
      {panel.devices.length > 0 && (
        <table className="it-table-static" aria-label="Devices of the store">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>ID</th>
              <th>Last heard</th>
              <th>Issues</th>
            </tr>
          </thead>
          <tbody>
            {panel.devices.map((d) => (
              <tr key={`${d.kind}-${d.id}`} data-testid="store-device">
                <td>
                  <button type="button" className="link" onClick={() => openDeviceRecord(d.kind === 'camera' ? 'cameras' : 'appliances', d.id)}>
                    {d.name}
                  </button>
                </td>
                <td>{d.type}</td>
                <td className="mono">{d.id}</td>
                <td>{d.lastHeard ? formatAgo(d.lastHeard) : '—'}</td>
                <td>
                  {d.openAlerts > 0 && <span className="it-count it-count-alert">{plural(d.openAlerts, 'open alert')}</span>} {d.findings > 0 && <span className="it-count it-count-finding">{plural(d.findings, 'finding')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Alerts ({panel.alerts.filter((a) => !a.resolved).length} open)</h3>
      <ul className="it-alert-list">
        {panel.alerts.slice(0, 30).map((a) => (
          <li key={a.uuid} className={a.resolved ? 'muted' : undefined}>
            <button type="button" className="link" onClick={() => openAlert(a.uuid)}>
              <span className={`it-sev it-sev-${a.severity}`}>{a.severity}</span> {a.description} — {a.subjectName}
            </button>{' '}
            <span className="small muted">{formatTime(a.createdTime)}</span>
          </li>
        ))}
        {panel.alerts.length === 0 && <li className="muted">No alerts cached for this store.</li>}
      </ul>
    </section>
  );
}
