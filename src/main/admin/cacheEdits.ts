import type { Db } from '../db/open';
import type { LocationNode, RnUser } from '../vendors/retailnext/schemas';

/**
 * The cache updated from RetailNext's answers to writes (never from what was sent): the row of the
 * current snapshot changes in place, and `cache_edits` moves on so that every view built on the
 * cache (the estate model, the store tree) knows it changed. The next sync replaces it all anyway.
 */
export class CacheEdits {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  private snapshot(connectionId: string, dataset: 'locations' | 'users'): number | null {
    const r = this.db.prepare("SELECT id FROM sync_snapshots WHERE connection_id = ? AND dataset = ? AND state = 'current'").get(connectionId, dataset) as { id: number } | undefined;
    return r?.id ?? null;
  }

  private bump(dataset: string): void {
    this.db
      .prepare('INSERT INTO cache_edits (dataset, version, updated_at) VALUES (?, 1, ?) ON CONFLICT (dataset) DO UPDATE SET version = version + 1, updated_at = excluded.updated_at')
      .run(dataset, this.now().toISOString());
  }

  /** A location as RetailNext answered an update or a create. Returns whether the cache changed. */
  location(connectionId: string, node: LocationNode): boolean {
    const snap = this.snapshot(connectionId, 'locations');
    if (snap === null) return false;
    const row = this.db.prepare('SELECT rowid AS rid, extra FROM cache_locations WHERE snapshot_id = ? AND uuid = ?').get(snap, node.uuid) as { rid: number; extra: string | null } | undefined;
    let extra: Record<string, unknown> = {};
    try {
      extra = row?.extra ? (JSON.parse(row.extra) as Record<string, unknown>) : {};
    } catch {
      extra = {};
    }
    for (const k of ['aggregate_to_parent', 'aggregate_to_store'] as const) if (node[k] !== undefined && node[k] !== null) extra[k] = node[k];
    if (row) {
      const sets = ['name = ?', 'location_type = ?', 'extra = ?'];
      const args: unknown[] = [node.name, node.location_type, JSON.stringify(extra)];
      // Only what the answer carries: an update's answer has no time zone or store id, which stay.
      if (node.parent_uuid !== undefined) {
      sets.push('parent_uuid = ?');
      args.push(node.parent_uuid);
    }
      if (node.area !== undefined) {
      sets.push('area = ?');
      args.push(node.area);
    }
      if (node.occupancy_limit !== undefined) {
      sets.push('occupancy_limit = ?');
      args.push(node.occupancy_limit);
    }
      if (node.archive_date !== undefined) {
      sets.push('archive_date = ?');
      args.push(node.archive_date);
    }
      if (node.store_id !== undefined) {
      sets.push('store_id = ?');
      args.push(node.store_id);
    }
      if (node.time_zone !== undefined) {
      sets.push('time_zone = ?');
      args.push(node.time_zone);
    }
      this.db.prepare(`UPDATE cache_locations SET ${sets.join(', ')} WHERE rowid = ?`).run(...args, row.rid);
    } else {
      this.db
        .prepare('INSERT INTO cache_locations (snapshot_id, connection_id, uuid, name, location_type, parent_uuid, store_id, time_zone, area, occupancy_limit, archive_date, extra, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(snap, connectionId, node.uuid, node.name, node.location_type, node.parent_uuid ?? null, node.store_id ?? null, node.time_zone ?? null, node.area ?? null, node.occupancy_limit ?? null, node.archive_date ?? null, JSON.stringify(extra), this.now().toISOString());
    }
    this.bump('locations');
    return true;
  }

  /** A user as RetailNext answered a create or an update. */
  user(connectionId: string, u: RnUser): boolean {
    const snap = this.snapshot(connectionId, 'users');
    if (snap === null) return false;
    const row = this.db.prepare('SELECT rowid AS rid FROM cache_users WHERE snapshot_id = ? AND id = ?').get(snap, u.id) as { rid: number } | undefined;
    const access = u.location_ids ? { location_profile_id: null, location_ids: JSON.stringify(u.location_ids) } : { location_profile_id: u.location_profile_id ?? null, location_ids: null };
    if (row) {
      const sets = ['email = ?', 'type = ?', 'disabled = ?', 'location_profile_id = ?', 'location_ids = ?'];
      const args: unknown[] = [u.email, u.type, u.disabled ? 1 : 0, access.location_profile_id, access.location_ids];
      if (u.name !== undefined) {
      sets.push('name = ?');
      args.push(u.name);
    }
      if (u.user_profile_id !== undefined) {
      sets.push('user_profile_id = ?');
      args.push(u.user_profile_id);
    }
      if (u.last_sign_in_at !== undefined) {
      sets.push('last_sign_in_at = ?');
      args.push(u.last_sign_in_at);
    }
      if (u.current_sign_in_at !== undefined) {
      sets.push('current_sign_in_at = ?');
      args.push(u.current_sign_in_at);
    }
      if (u.invitation_accepted !== undefined) {
      sets.push('invitation_accepted = ?');
      args.push(u.invitation_accepted === null ? null : u.invitation_accepted ? 1 : 0);
    }
      this.db.prepare(`UPDATE cache_users SET ${sets.join(', ')} WHERE rowid = ?`).run(...args, row.rid);
    } else {
      this.db
        .prepare('INSERT INTO cache_users (snapshot_id, connection_id, id, email, name, type, disabled, user_profile_id, location_profile_id, location_ids, last_sign_in_at, current_sign_in_at, invitation_accepted, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(snap, connectionId, u.id, u.email, u.name ?? null, u.type, u.disabled ? 1 : 0, u.user_profile_id ?? null, access.location_profile_id, access.location_ids, u.last_sign_in_at ?? null, u.current_sign_in_at ?? null, u.invitation_accepted === null || u.invitation_accepted === undefined ? null : u.invitation_accepted ? 1 : 0, this.now().toISOString());
    }
    this.bump('users');
    return true;
  }
}
