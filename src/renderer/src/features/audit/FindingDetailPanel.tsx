import { useEffect, useState } from 'react';
import { alertTypeLabel } from '../../../../shared/alerts/labels';
import { auditRules, type Finding } from '../../../../shared/audit/rules';
import { findingSince } from '../../../../shared/audit/since';
import type { ContractError } from '../../../../shared/contract/errors';
import type { DeviceDetail, DeviceKind } from '../../../../shared/inventory/device';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { alertLink, deviceLink, findingLink } from '../../ui/links';
import { formatTime, TimeText } from '../../ui/TimeText';
import { formatAgo } from '../../../../shared/time/format';

const deviceKinds: Partial<Record<Finding['subject'], DeviceKind>> = { camera: 'camera', appliance: 'appliance', channel: 'channel' };
const subjectWords: Record<Finding['subject'], string> = { camera: 'Camera', appliance: 'Appliance', channel: 'Video channel', exteros_location: 'Exteros location', store: 'Store' };
const kpiRules: ReadonlySet<Finding['rule']> = new Set(['traffic_validity', 'in_out_imbalance', 'exteros_stale']);

/** The device a finding is about, as the inventory knows it (last heard, alerts, when fetched); null for a store or an Exteros location. */
function useDevice(f: Finding | null): { detail: DeviceDetail | null; error: ContractError | null } {
  const kind = f ? deviceKinds[f.subject] : undefined;
  const id = f?.subjectId;
  const [state, setState] = useState<{ key: string; detail: DeviceDetail | null; error: ContractError | null } | null>(null);
  useEffect(() => {
    if (!kind || !id) return;
    let live = true;
    void api.call('inventory.device', { kind, id }).then((r) => {
      if (live) setState({ key: `${kind}/${id}`, detail: r.ok ? r.value : null, error: r.ok ? null : r.error });
    });
    return () => {
      live = false;
    };
  }, [kind, id]);
  return state && state.key === `${kind}/${id}` ? state : { detail: null, error: null };
}

/**
 * One finding (#audit/<finding id>): what is wrong, the device and its store, since when, what to
 * do, and links to the device's detail in Inventory, its store, its alerts and its other findings.
 */
export function FindingDetailPanel({ id, findings, onClose, onStore }: { id: string; findings: readonly Finding[] | null; onClose(): void; onStore(f: Finding): void }) {
  const f = findings?.find((x) => x.id === id) ?? null;
  const { detail, error } = useDevice(f);
  const rule = f ? auditRules.find((r) => r.id === f.rule) : undefined;
  const kind = f ? deviceKinds[f.subject] : undefined;
  const since = f ? findingSince(f, detail?.fetchedAt ?? null) : null;
  const others = f && findings ? findings.filter((x) => x.subjectId === f.subjectId && x.subject === f.subject && x.id !== f.id) : [];
  const openAlerts = detail?.alerts.filter((a) => !a.resolved) ?? [];

  return (
    <aside className="card it-panel it-device it-finding-detail" aria-label={f ? `Finding ${rule?.label ?? f.rule}` : 'Finding'} data-testid="finding-detail">
      <div className="it-device-head">
        <h2>{rule?.label ?? (f ? f.rule : 'Finding')}</h2>
        <button type="button" onClick={onClose} aria-label="Close the finding detail">
          Close
        </button>
      </div>
      {!findings && <p className="muted">Loading…</p>}
      {findings && !f && (
        <p data-testid="finding-gone">
          This finding is not in the audit any more: the problem was fixed, the device left the inventory, or the rule was turned off in the audit settings. The list shows what the audit finds now.
        </p>
      )}
      {f && (
        <>
          <p>
            <span className={`it-sev it-sev-${f.severity}`}>{f.severity}</span> <span data-testid="finding-reason">{f.reason}</span>
          </p>
          <dl className="it-facts">
            <dt>{subjectWords[f.subject]}</dt>
            <dd>
              {kind ? (
                <a href={deviceLink(kind, f.subjectId)} title="Open this device's detail in Inventory">
                  {f.subjectName}
                </a>
              ) : (
                f.subjectName
              )}
              {f.subjectName !== f.subjectId && <div className="small muted mono">{f.subjectId}</div>}
            </dd>
            <dt>Store</dt>
            <dd>
              {f.storeUuid ? (
                <button type="button" className="link" onClick={() => onStore(f)} title="Open this store in Stores">
                  {f.storeName}
                </button>
              ) : (
                f.storeName
              )}
            </dd>
            <dt>Since</dt>
            <dd data-testid="finding-since">
              {since?.kind === 'time' && (
                <>
                  {since.label} <TimeText iso={since.at} /> ({formatAgo(since.at)})
                </>
              )}
              {since?.kind === 'day' && (
                <>
                  {since.label} <span className="nowrap">{since.day}</span>
                </>
              )}
              {since?.kind === 'unknown' && (
                <>
                  {since.note}
                  {since.seenAt && (
                    <div className="small muted">
                      It was so in the data fetched <TimeText iso={since.seenAt} /> ({formatAgo(since.seenAt)}).
                    </div>
                  )}
                </>
              )}
            </dd>
            {detail && detail.kind === 'camera' && (
              <>
                <dt>Last heard</dt>
                <dd>
                  {detail.lastHeard ? (
                    <>
                      {formatAgo(detail.lastHeard)} (<TimeText iso={detail.lastHeard} />)
                    </>
                  ) : (
                    'never'
                  )}
                </dd>
              </>
            )}
          </dl>
          <h3>What to do</h3>
          <p data-testid="finding-advice">{rule?.advice}</p>
          {error && <ErrorMessage error={error} />}
          <h3>Links</h3>
          <ul className="it-alert-list" data-testid="finding-links">
            {kind && (
              <li>
                <a href={deviceLink(kind, f.subjectId)}>{f.subjectName} in Inventory</a> <span className="small muted">its channels, alerts and findings</span>
              </li>
            )}
            {f.storeUuid && (
              <li>
                <button type="button" className="link" onClick={() => onStore(f)}>
                  {f.storeName} in Stores
                </button>{' '}
                <span className="small muted">the store's devices and counts</span>
              </li>
            )}
            {kpiRules.has(f.rule) && (
              <li>
                <a href="#reports">Reports</a> <span className="small muted">the store's traffic by day and hour</span>
              </li>
            )}
            {openAlerts.slice(0, 5).map((a) => (
              <li key={a.uuid}>
                <a href={alertLink(a.uuid)}>Open alert: {alertTypeLabel(a.type)}</a> <span className="small muted">raised {formatTime(a.createdTime)}</span>
              </li>
            ))}
            {others.slice(0, 10).map((o) => (
              <li key={o.id}>
                <a href={findingLink(o.id)}>Also: {auditRules.find((r) => r.id === o.rule)?.label ?? o.rule}</a> <span className={`it-sev it-sev-${o.severity}`}>{o.severity}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
