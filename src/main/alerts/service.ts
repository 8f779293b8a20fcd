import { matchesAlert } from '../../shared/alerts/filter';
import { AppError } from '../../shared/contract/errors';
import type { AlertFilter, AlertList, AlertRow } from '../../shared/alerts/types';
import type { SyncRunView } from '../../shared/sync/types';
import type { CoreContext } from '../core/context';
import type { EstateModel } from '../estate/model';
import type { EstateService } from '../estate/service';
import { alertRow, deviceIndex, type DeviceIndex } from './rows';

/**
 * Health alerts from the cache, and which are new: after each health-alert sync, alerts never seen
 * before are recorded; the open ones raise `alerts.new` and a desktop notification where the shell
 * can show one. The first sync of a connection only sets the baseline (nothing is "new" in it).
 */
export class AlertsService {
  private devices: { model: EstateModel; index: DeviceIndex } | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly estate: EstateService,
  ) {}

  private devicesOf(model: EstateModel): DeviceIndex {
    if (this.devices?.model !== model) this.devices = { model, index: deviceIndex(model) };
    return this.devices.index;
  }

  private unacknowledged(): Set<string> {
    const rows = this.ctx.db.prepare('SELECT connection_id, uuid FROM it_alerts_seen WHERE acknowledged = 0').all() as Array<{ connection_id: string; uuid: string }>;
    return new Set(rows.map((r) => `${r.connection_id}|${r.uuid}`));
  }

  private acknowledgements(): Map<string, string> {
    const rows = this.ctx.db.prepare('SELECT connection_id, uuid, acknowledged_at FROM it_alert_acknowledgements').all() as Array<{ connection_id: string; uuid: string; acknowledged_at: string }>;
    return new Map(rows.map((r) => [`${r.connection_id}|${r.uuid}`, r.acknowledged_at]));
  }

  list(filter: AlertFilter): AlertList {
    const model = this.estate.model();
    const devices = this.devicesOf(model);
    const fresh = this.unacknowledged();
    const acks = this.acknowledgements();
    const all = model.alerts.map((a) => alertRow(model, devices, a, !a.resolved && fresh.has(`${a.connectionId}|${a.uuid}`), acks.get(`${a.connectionId}|${a.uuid}`) ?? null));
    const alerts = all.filter((a) => matchesAlert(a, filter)).sort((a, b) => (b.createdMs ?? 0) - (a.createdMs ?? 0) || (a.uuid < b.uuid ? -1 : 1));
    const stores = new Map<string, { uuid: string | null; name: string }>();
    for (const a of all) stores.set(a.storeUuid ?? '', { uuid: a.storeUuid, name: a.storeName });
    let fetchedAt: string | null = null;
    for (const sets of model.snapshots.values()) {
      const f = sets.get('health_alerts');
      if (f && (!fetchedAt || f > fetchedAt)) fetchedAt = f;
    }
    return {
      alerts,
      facets: {
        severities: [...new Set(all.map((a) => a.severity))].sort(),
        types: [...new Set(all.map((a) => a.type))].sort(),
        stores: [...stores.values()].sort((x, y) => x.name.localeCompare(y.name)),
      },
      total: all.length,
      fetchedAt,
      newCount: all.filter((a) => a.isNew).length,
    };
  }

  badge(): { newCount: number; open: number } {
    // One query: the sidebar asks as the console starts, before any model of the estate is built.
    const r = this.ctx.db
      .prepare(
        `SELECT count(*) AS open, count(s.uuid) AS fresh FROM cached_health_alerts a
           LEFT JOIN it_alerts_seen s ON s.connection_id = a.connection_id AND s.uuid = a.uuid AND s.acknowledged = 0
          WHERE a.resolved IS NOT 1`,
      )
      .get() as { open: number; fresh: number };
    return { newCount: r.fresh, open: r.open };
  }

  markSeen(): { seen: number } {
    return { seen: this.ctx.db.prepare('UPDATE it_alerts_seen SET acknowledged = 1 WHERE acknowledged = 0').run().changes };
  }

  /** Acknowledges one cached alert in this console only (RetailNext documents no acknowledgement to send). */
  acknowledge(connectionId: string, uuid: string, acknowledged: boolean): { acknowledgedAt: string | null } {
    const db = this.ctx.db;
    const known = db.prepare('SELECT 1 FROM cached_health_alerts WHERE connection_id = ? AND uuid = ?').get(connectionId, uuid);
    if (!known) throw new AppError('not_found', 'This alert is no longer in the cache (a sync may have removed it). Reload the alerts.');
    if (!acknowledged) {
      db.prepare('DELETE FROM it_alert_acknowledgements WHERE connection_id = ? AND uuid = ?').run(connectionId, uuid);
      return { acknowledgedAt: null };
    }
    const at = this.ctx.now().toISOString();
    db.prepare('INSERT INTO it_alert_acknowledgements (connection_id, uuid, acknowledged_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(connectionId, uuid, at);
    const row = db.prepare('SELECT acknowledged_at FROM it_alert_acknowledgements WHERE connection_id = ? AND uuid = ?').get(connectionId, uuid) as { acknowledged_at: string };
    return { acknowledgedAt: row.acknowledged_at };
  }

  /** Called when a sync run ends. */
  onSyncFinished(run: SyncRunView): void {
    if (run.dataset !== 'health_alerts' || run.status !== 'ok') return;
    const db = this.ctx.db;
    // What a notification says needs the alerts and store names only.
    const model = this.estate.topModel();
    const devices = this.devicesOf(model);
    const now = this.ctx.now().toISOString();
    const baseline = (db.prepare('SELECT count(*) AS n FROM it_alerts_seen WHERE connection_id = ?').get(run.connectionId) as { n: number }).n === 0;
    const seen = new Set((db.prepare('SELECT uuid FROM it_alerts_seen WHERE connection_id = ?').all(run.connectionId) as Array<{ uuid: string }>).map((r) => r.uuid));
    const fresh = model.alerts.filter((a) => a.connectionId === run.connectionId && !seen.has(a.uuid));
    const insert = db.prepare('INSERT OR IGNORE INTO it_alerts_seen (connection_id, uuid, first_seen_at, acknowledged) VALUES (?, ?, ?, ?)');
    const newOpen: AlertRow[] = [];
    db.transaction(() => {
      for (const a of fresh) {
        const isNew = !baseline && !a.resolved;
        insert.run(a.connectionId, a.uuid, now, isNew ? 0 : 1);
        if (isNew) newOpen.push(alertRow(model, devices, a, true));
      }
    })();
    if (newOpen.length === 0) return;
    const sample = newOpen.slice(0, 5).map((a) => ({ uuid: a.uuid, severity: a.severity, description: a.description, storeName: a.storeName, subjectName: a.subjectName }));
    this.ctx.emit('alerts.new', { connectionId: run.connectionId, count: newOpen.length, sample });
    const first = newOpen[0]!;
    const body = newOpen.length === 1 ? `${first.storeName}: ${first.description} (${first.subjectName})` : `${newOpen.length} new health alerts, e.g. ${first.storeName}: ${first.description}`;
    try {
      this.ctx.shell.notify?.(newOpen.length === 1 ? 'New health alert' : 'New health alerts', body);
    } catch (e) {
      this.ctx.log.log('warn', 'alerts: desktop notification failed', { error: String(e) });
    }
  }
}
