import { matchesAlert } from '../../shared/alerts/filter';
import { AppError } from '../../shared/contract/errors';
import type { AlertBadge, AlertFilter, AlertList, NewAlertsEvent } from '../../shared/alerts/types';
import type { SyncRunView } from '../../shared/sync/types';
import type { CoreContext } from '../core/context';
import type { EstateModel } from '../estate/model';
import type { EstateService } from '../estate/service';
import { alertRow, deviceIndex, type DeviceIndex } from './rows';

/** A connection's alerts never seen, and the first new open ones (at most 5). */
export interface FreshAlerts {
  /**
   * The JSON text of their [uuid, new and open] pairs, handed to the cache writer as it is: a first
   * sync's baseline is every alert of the connection (18,000 on a large estate), which the core
   * neither parses nor inserts itself.
   */
  fresh: string;
  freshCount: number;
  newCount: number;
  sample: NewAlertsEvent['sample'];
}

/** A cache write made off the core's loop (the sync's writer thread): one statement, run once with `params`. */
export type CacheWrite = (sql: string, params: Array<string | number | null>) => Promise<unknown>;

/** Records a connection's fresh alerts (FreshAlerts.fresh, read by SQLite's json_each) as seen at a time. */
const recordSeenSql = `INSERT OR IGNORE INTO it_alerts_seen (connection_id, uuid, first_seen_at, acknowledged)
  SELECT ?, f.value ->> 0, ?, CASE WHEN f.value ->> 1 THEN 0 ELSE 1 END FROM json_each(?) AS f`;

/**
 * What the badge counts moved on: a health-alert sync's new current snapshot (a connection removed
 * takes its snapshots), or the record of seen alerts (a sync's new ones added, Mark seen).
 */
const badgeKeySql = `SELECT
  (SELECT ifnull(group_concat(id || ':' || created_at), '') FROM sync_snapshots WHERE state = 'current' AND dataset = 'health_alerts') || '|' ||
  (SELECT count(*) || ':' || total(acknowledged) FROM it_alerts_seen) AS k`;

/**
 * Health alerts from the cache, and which are new: after each health-alert sync, alerts never seen
 * before are recorded; the open ones raise `alerts.new` and a desktop notification where the shell
 * can show one. The first sync of a connection only sets the baseline (nothing is "new" in it).
 */
export class AlertsService {
  private devices: { model: EstateModel; index: DeviceIndex } | null = null;
  private badgeKept: { key: string; badge: AlertBadge } | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly estate: EstateService,
    /** What a sync brought (freshAfterSync): the core asks its estate read lane. */
    private readonly freshOf?: (connectionId: string) => Promise<FreshAlerts>,
    /** Where the record of what it brought is written: the sync's writer thread (else the core's connection). */
    private readonly write?: CacheWrite,
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

  badge(): AlertBadge {
    // One query: the sidebar asks as the console starts, before any model of the estate is built, and
    // the desktop's tray (open critical alerts) at most once a second while a sync runs. It reads every
    // cached alert (15-17 ms of the core's loop for 18,000), so its answer is kept until what it counts
    // changed, which costs a scan of the seen record's narrow rows (1-2 ms).
    const key = (this.ctx.db.prepare(badgeKeySql).get() as { k: string }).k;
    if (this.badgeKept?.key === key) return this.badgeKept.badge;
    const r = this.ctx.db
      .prepare(
        `SELECT count(*) AS open, count(s.uuid) AS fresh, count(CASE WHEN a.severity = 'critical' THEN 1 END) AS critical FROM cached_health_alerts a
           LEFT JOIN it_alerts_seen s ON s.connection_id = a.connection_id AND s.uuid = a.uuid AND s.acknowledged = 0
          WHERE a.resolved IS NOT 1`,
      )
      .get() as { open: number; fresh: number; critical: number };
    const badge = { newCount: r.fresh, open: r.open, openCritical: r.critical };
    this.badgeKept = { key, badge };
    return badge;
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

  /**
   * Called when a sync run ends; records the health alerts it brought that were never seen, and
   * raises the open ones. Runs one at a time, in the order the syncs ended: what is new is read (on
   * the estate's read lane: the alerts and store names of the whole estate) against what the last
   * one recorded.
   */
  onSyncFinished(run: SyncRunView): Promise<void> {
    if (run.dataset !== 'health_alerts' || run.status !== 'ok') return this.recording;
    const next = this.recording.then(async () => await this.record(run.connectionId, this.freshOf ? await this.freshOf(run.connectionId) : this.freshAfterSync(run.connectionId)));
    this.recording = next.catch(() => undefined);
    return next;
  }

  private recording: Promise<void> = Promise.resolve();

  /** The connection's alerts never recorded as seen, and what a notification of the new open ones says. Reads only. */
  freshAfterSync(connectionId: string): FreshAlerts {
    const db = this.ctx.db;
    // What a notification says needs the alerts and store names only.
    const model = this.estate.topModel();
    const devices = this.devicesOf(model);
    const baseline = (db.prepare('SELECT count(*) AS n FROM it_alerts_seen WHERE connection_id = ?').get(connectionId) as { n: number }).n === 0;
    const seen = new Set((db.prepare('SELECT uuid FROM it_alerts_seen WHERE connection_id = ?').all(connectionId) as Array<{ uuid: string }>).map((r) => r.uuid));
    const fresh: Array<[string, boolean]> = [];
    const out: Omit<FreshAlerts, 'fresh' | 'freshCount'> = { newCount: 0, sample: [] };
    for (const a of model.alerts) {
      if (a.connectionId !== connectionId || seen.has(a.uuid)) continue;
      const isNew = !baseline && !a.resolved;
      fresh.push([a.uuid, isNew]);
      if (!isNew) continue;
      out.newCount++;
      if (out.sample.length < 5) {
        const r = alertRow(model, devices, a, true);
        out.sample.push({ uuid: r.uuid, severity: r.severity, description: r.description, storeName: r.storeName, subjectName: r.subjectName });
      }
    }
    return { fresh: JSON.stringify(fresh), freshCount: fresh.length, ...out };
  }

  private async record(connectionId: string, { fresh, freshCount, newCount, sample }: FreshAlerts): Promise<void> {
    if (freshCount > 0) {
      const params = [connectionId, this.ctx.now().toISOString(), fresh];
      if (this.write) await this.write(recordSeenSql, params);
      else this.ctx.db.prepare(recordSeenSql).run(...params);
    }
    if (newCount === 0) return;
    this.ctx.emit('alerts.new', { connectionId, count: newCount, sample });
    const first = sample[0]!;
    const body = newCount === 1 ? `${first.storeName}: ${first.description} (${first.subjectName})` : `${newCount} new health alerts, e.g. ${first.storeName}: ${first.description}`;
    try {
      this.ctx.shell.notify?.(newCount === 1 ? 'New health alert' : 'New health alerts', body);
    } catch (e) {
      this.ctx.log.log('warn', 'alerts: desktop notification failed', { error: String(e) });
    }
  }
}
