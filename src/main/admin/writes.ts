import { randomUUID } from 'node:crypto';
import type { ParsedWrite } from '../../shared/admin/contract';
import type { ChangeView, WritePreview } from '../../shared/admin/types';
import { AppError, cancelledError } from '../../shared/contract/errors';
import type { ConnectionView } from '../../shared/connections/types';
import type { LocationCreate, UserCreate, UserUpdate } from '../vendors/retailnext/client';
import type { NewChange } from '../changeLog/changeLog';
import { retailNextClient, retailNextConnection, type AdminDeps } from './deps';
import { readLocation } from './locations';
import { openAt } from '../estate/storeHours';
import { checkConditions, instantOfLocal, occupancyStatus } from './occupancy';
import { outcomeOfError } from '../changeLog/outcome';
import { usersList } from './users';

const previewTtlMs = 30 * 60_000;

interface Pending {
  preview: WritePreview;
  change: NewChange;
  createdMs: number;
}

/**
 * Single writes (add a location, correct occupancy, create or update a user): previewed, then
 * confirmed once. The preview is taken out of the service as the confirm begins, so a second click
 * finds nothing to send; the change is recorded before the request leaves and completed after.
 */
export class SingleWrites {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: AdminDeps) {}

  private get db() {
    return this.deps.ctx.db;
  }

  async preview(w: ParsedWrite, signal?: AbortSignal): Promise<WritePreview> {
    const nowMs = this.deps.ctx.now().getTime();
    for (const [id, p] of this.pending) if (nowMs - p.createdMs > previewTtlMs) this.pending.delete(id);
    const { preview, change } = await this.build(w, signal);
    this.pending.set(preview.previewId, { preview, change, createdMs: nowMs });
    return preview;
  }

  private base(connection: ConnectionView, kind: WritePreview['kind'], target: string, targetName: string | null) {
    return { previewId: randomUUID(), kind, connectionId: connection.id, connectionName: connection.name, target, targetName, notes: [] as string[], blocked: null as string | null };
  }

  private async build(w: ParsedWrite, signal?: AbortSignal): Promise<{ preview: WritePreview; change: NewChange }> {
    switch (w.kind) {
      case 'location.create': {
        const parent = readLocation(this.db, w.parentUuid);
        if (!parent) throw new AppError('not_found', 'The parent location is not among the cached RetailNext locations.');
        const connection = retailNextConnection(this.deps, parent.connectionId);
        const region = w.locationType === 'region';
        let blocked: string | null = null;
        if (region && parent.kind !== 'region') blocked = 'A region can only be added beneath another region.';
        if (!region && parent.kind !== 'store') blocked = 'A sublocation (entrance, fitting room, display, other) can only be added beneath a store.';
        if (region && (w.area !== null || w.aggregateToParent !== null || w.aggregateToStore !== null)) blocked = 'Area and aggregation only apply to sublocations, not to a region.';
        const body: LocationCreate = { name: w.name, parent_uuid: parent.uuid, location_type: w.locationType };
        if (!region) {
          if (w.area !== null) body.area = w.area;
          if (w.aggregateToParent !== null) body.aggregate_to_parent = w.aggregateToParent;
          if (w.aggregateToStore !== null) body.aggregate_to_store = w.aggregateToStore;
        }
        const entrance = w.locationType === 'entrance';
        const p: WritePreview = {
          ...this.base(connection, 'location.create', parent.uuid, `${w.name} (in ${parent.name})`),
          lines: [
            { label: 'Name', before: null, after: w.name },
            { label: 'Type', before: null, after: w.locationType.replace('_', ' ') },
            { label: 'Parent', before: null, after: parent.name },
            ...(region ? [] : [
              { label: 'Area (sq ft)', before: null, after: w.area === null ? 'not set' : String(w.area) },
              { label: 'Aggregate to parent', before: null, after: String(w.aggregateToParent ?? entrance) + (w.aggregateToParent === null ? ' (RetailNext\'s default)' : '') },
              { label: 'Aggregate to store', before: null, after: String(w.aggregateToStore ?? entrance) + (w.aggregateToStore === null ? ' (RetailNext\'s default)' : '') },
            ]),
          ],
          body: { ...body },
          blocked,
        };
        if (!region) p.notes.push('Aggregate to store only matters when floor level conversion is enabled for the subscription.');
        return { preview: p, change: { connectionId: connection.id, connectionName: connection.name, kind: 'location.create', target: parent.uuid, targetName: p.targetName, before: null, sent: { ...body } } };
      }
      case 'occupancy.adjust': {
        const loc = readLocation(this.db, w.storeUuid);
        if (!loc || loc.kind !== 'store') throw new AppError('not_found', 'That store is not among the cached RetailNext locations.');
        const connection = retailNextConnection(this.deps, loc.connectionId);
        let client = null;
        let clientError: AppError | null = null;
        try {
          client = await retailNextClient(this.deps, connection, signal);
        } catch (e) {
          if (signal?.aborted) throw e;
          clientError = e instanceof AppError ? e : new AppError('internal', 'The connection could not be used.');
        }
        const now = this.deps.ctx.now();
        const status = await occupancyStatus(this.db, w.storeUuid, now, client, clientError, signal);
        const atMs = w.at ? instantOfLocal(w.at, status.timeZone) : now.getTime();
        if (Number.isNaN(atMs)) throw new AppError('invalid_input', 'That time is not valid.');
        const blockers: string[] = [];
        const notes: string[] = [];
        const check = { ...status, blockers, notes };
        if (w.at) {
          if (atMs > now.getTime() + 60_000) blockers.push('The correction time is in the future.');
          const { open, hours } = openAt(this.db, loc.connectionId, loc.uuid, status.timeZone, atMs);
          checkConditions({ ...check, hoursToday: hours }, open, `at ${w.at.replace('T', ' ')}`);
        } else {
          checkConditions(check, status.openNow, 'now');
        }
        if (status.liveError) blockers.push(`RetailNext cannot be asked now (${status.liveError.message}): a correction needs it reachable, and is never queued.`);
        const json: Record<string, unknown> = { store_uuid: loc.uuid, adjustment_count: w.count };
        if (w.at) {
          const iso = new Date(atMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
          Object.assign(json, { adjustment_time: iso, adjustment_date: iso });
        }
        const current = status.live?.occupancy ?? null;
        const p: WritePreview = {
          ...this.base(connection, 'occupancy.adjust', loc.uuid, loc.name),
          lines: [
            { label: 'Current occupancy', before: current === null ? 'unknown' : String(current), after: current === null ? `${w.count > 0 ? '+' : ''}${w.count}` : `${current + w.count} (${w.count > 0 ? '+' : ''}${w.count})` },
            { label: 'Occupancy limit', before: null, after: status.live?.limit != null ? String(status.live.limit) : status.cachedLimit !== null ? `${status.cachedLimit} (cached)` : 'none' },
            { label: 'When', before: null, after: w.at ? `${w.at.replace('T', ' ')} store time` : `now (${status.localNow} store time)` },
            { label: 'Reason', before: null, after: w.reason },
          ],
          body: json,
          blocked: blockers.length > 0 ? blockers.join(' ') : null,
        };
        p.notes.push(...notes, 'A correction adds to the count: it is sent once and never sent again automatically.');
        return { preview: p, change: { connectionId: connection.id, connectionName: connection.name, kind: 'occupancy.adjust', target: loc.uuid, targetName: loc.name, before: { occupancy: current, reason: w.reason }, sent: json } };
      }
      case 'user.create': {
        const connection = retailNextConnection(this.deps, w.connectionId);
        const list = usersList(this.db, { stores: false });
        const up = list.userProfiles.find((p) => p.id === w.userProfileId);
        const lp = w.locationProfileId ? list.locationProfiles.find((p) => p.id === w.locationProfileId) : undefined;
        const problems: string[] = [];
        if (!up) problems.push('Choose a user profile from the synced ones.');
        if (w.locationProfileId && w.locationIds) problems.push('Give either a location profile or custom locations, not both.');
        if (!w.locationProfileId && !(w.locationIds && w.locationIds.length > 0)) problems.push('Choose a location profile or at least one custom location.');
        if (w.locationProfileId && !lp) problems.push('Choose a location profile from the synced ones.');
        if (list.users.some((u) => u.connectionId === connection.id && u.email.toLowerCase() === w.email)) problems.push(`${w.email} is already a user of this subscription.`);
        const user: UserCreate = { email: w.email, type: 'sso', disabled: w.disabled, user_profile_id: w.userProfileId };
        if (w.name) user.name = w.name;
        if (w.locationIds && w.locationIds.length > 0) user.location_ids = w.locationIds;
        else if (w.locationProfileId) user.location_profile_id = w.locationProfileId;
        const p: WritePreview = {
          ...this.base(connection, 'user.create', w.email, w.name || w.email),
          lines: [
            { label: 'Email', before: null, after: w.email },
            { label: 'Name', before: null, after: w.name || `${w.email} (RetailNext's default)` },
            { label: 'Type', before: null, after: 'SSO (the only type the API can create)' },
            { label: 'User profile', before: null, after: up?.name ?? w.userProfileId },
            { label: 'Sees', before: null, after: user.location_ids ? `${user.location_ids.length} custom location${user.location_ids.length === 1 ? '' : 's'}` : `location profile ${lp?.name ?? w.locationProfileId ?? ''}` },
            { label: 'Disabled', before: null, after: w.disabled ? 'yes' : 'no' },
          ],
          body: { user },
          blocked: problems.length > 0 ? problems.join(' ') : null,
        };
        p.notes.push('If the subscription manages permissions through SAML attributes, RetailNext refuses profiles set here: they come from the identity provider.');
        return { preview: p, change: { connectionId: connection.id, connectionName: connection.name, kind: 'user.create', target: w.email, targetName: w.name || w.email, before: null, sent: { user } } };
      }
      case 'user.update': {
        const connection = retailNextConnection(this.deps, w.connectionId);
        const list = usersList(this.db, { stores: false });
        const u = list.users.find((x) => x.connectionId === connection.id && x.id === w.userId);
        if (!u) throw new AppError('not_found', 'That user is not among the synced users of this connection.');
        const body: UserUpdate = {} as UserUpdate;
        const lines: WritePreview['lines'] = [];
        const before: Record<string, unknown> = {};
        const problems: string[] = [];
        if (w.name !== undefined && w.name !== (u.name ?? '')) {
          body.name = w.name;
          lines.push({ label: 'Name', before: u.name, after: w.name });
          before.name = u.name;
        }
        if (w.disabled !== undefined && w.disabled !== u.disabled) {
          body.disabled = w.disabled;
          lines.push({ label: 'Disabled', before: u.disabled ? 'yes' : 'no', after: w.disabled ? 'yes' : 'no' });
          before.disabled = u.disabled;
        }
        if (w.userProfileId !== undefined && w.userProfileId !== u.userProfileId) {
          const up = list.userProfiles.find((p) => p.id === w.userProfileId);
          if (!up) problems.push('Choose a user profile from the synced ones.');
          body.user_profile_id = w.userProfileId;
          lines.push({ label: 'User profile', before: u.userProfileName ?? u.userProfileId, after: up?.name ?? w.userProfileId });
          before.user_profile_id = u.userProfileId;
        }
        if (w.locationProfileId !== undefined && w.locationIds !== undefined) problems.push('Give either a location profile or custom locations, not both.');
        const was = u.customLocationIds ? `${u.customLocationIds.length} custom location${u.customLocationIds.length === 1 ? '' : 's'}` : `location profile ${u.locationProfileName ?? u.locationProfileId ?? 'none'}`;
        if (w.locationProfileId !== undefined && (w.locationProfileId !== u.locationProfileId || u.customLocationIds)) {
          const lp = list.locationProfiles.find((p) => p.id === w.locationProfileId);
          if (!lp) problems.push('Choose a location profile from the synced ones.');
          Object.assign(body, { location_profile_id: w.locationProfileId });
          lines.push({ label: 'Sees', before: was, after: `location profile ${lp?.name ?? w.locationProfileId}` });
          before.location_profile_id = u.locationProfileId;
          before.location_ids = u.customLocationIds;
        }
        if (w.locationIds !== undefined && JSON.stringify([...w.locationIds].sort()) !== JSON.stringify([...(u.customLocationIds ?? [])].sort())) {
          Object.assign(body, { location_ids: w.locationIds });
          lines.push({ label: 'Sees', before: was, after: `${w.locationIds.length} custom location${w.locationIds.length === 1 ? '' : 's'}` });
          before.location_profile_id = u.locationProfileId;
          before.location_ids = u.customLocationIds;
        }
        if (lines.length === 0) problems.push('Nothing changes: the user already has these values.');
        const p: WritePreview = {
          ...this.base(connection, 'user.update', u.id, u.name ? `${u.name} (${u.email})` : u.email),
          lines,
          body: { ...body },
          blocked: problems.length > 0 ? problems.join(' ') : null,
        };
        if (body.disabled === true) p.notes.push('RetailNext\'s API has no way to delete a user: disabling is how an account is closed. The user keeps their profiles, so enabling them again restores their access.');
        if (body.name !== undefined || body.disabled !== undefined) p.notes.push('The document lists only the profile fields for an update; name and disabled are sent as the create call names them. Should RetailNext refuse them, its answer is kept in the change log.');
        return { preview: p, change: { connectionId: connection.id, connectionName: connection.name, kind: 'user.update', target: u.id, targetName: p.targetName, before, sent: { ...body } } };
      }
    }
  }

  async confirm(previewId: string, signal?: AbortSignal): Promise<ChangeView> {
    // A call given up before anything happened keeps its preview: confirming it again still works.
    if (signal?.aborted) throw cancelledError();
    const p = this.pending.get(previewId);
    // Taken out before anything else: a second click (or a second window) finds nothing to send.
    this.pending.delete(previewId);
    if (!p) throw new AppError('conflict', 'This preview was already sent, or it expired: preview the change again.');
    if (p.preview.blocked) throw new AppError('invalid_input', p.preview.blocked);
    return this.send(p.change, signal);
  }

  /**
   * Records the change as being sent, sends it once, records the answer and updates the cache from it.
   * The caller's `signal` can stop it only before the request leaves (the log then says "not sent");
   * the request itself is never given up half-way: it completes or fails on its own, and the log says which.
   */
  async send(change: NewChange, signal?: AbortSignal): Promise<ChangeView> {
    if (signal?.aborted) throw cancelledError();
    const { log, edits } = this.deps;
    const id = log.record(change, 'sending');
    try {
      const connection = this.deps.connections.get(change.connectionId);
      const client = await retailNextClient(this.deps, connection, signal).catch((e: unknown) => {
        // Given up while the key was read: "cancelled before it was sent", as just below.
        if (signal?.aborted) throw e;
        throw Object.assign(e instanceof AppError ? e : new AppError('internal', 'The connection could not be used.'), { beforeSend: true });
      });
      // Given up while the keys were read: nothing has left yet (the log says "cancelled before it was sent").
      if (signal?.aborted) throw cancelledError();
      const body = change.sent;
      switch (change.kind) {
        case 'location.create': {
          const node = await client.createLocation(body as unknown as LocationCreate);
          this.db.transaction(() => {
            log.complete(id, { status: 'done', vendorStatus: 200, message: `Added: RetailNext gave it the UUID ${node.uuid}.` });
            edits.location(change.connectionId, node);
          })();
          this.deps.ctx.emit('admin.cacheEdited', { datasets: ['locations'] });
          break;
        }
        case 'occupancy.adjust': {
          const b = body as { store_uuid: string; adjustment_count: number; adjustment_time?: string };
          await client.adjustOccupancy(b.store_uuid, b.adjustment_count, b.adjustment_time);
          log.complete(id, { status: 'done', vendorStatus: 200, message: 'RetailNext accepted the correction.' });
          break;
        }
        case 'user.create': {
          const user = await client.createUser((body as { user: UserCreate }).user);
          this.db.transaction(() => {
            log.complete(id, { status: 'done', vendorStatus: 200, message: `Created: RetailNext gave the user the id ${user.id}.` });
            edits.user(change.connectionId, user);
          })();
          this.deps.ctx.emit('admin.cacheEdited', { datasets: ['users'] });
          break;
        }
        case 'user.update': {
          const user = await client.updateUser(change.target, body as UserUpdate);
          this.db.transaction(() => {
            log.complete(id, { status: 'done', vendorStatus: 200, message: 'RetailNext accepted it; the cache shows its answer.' });
            edits.user(change.connectionId, user);
          })();
          this.deps.ctx.emit('admin.cacheEdited', { datasets: ['users'] });
          break;
        }
        case 'location.update': {
          const node = await client.updateLocation(change.target, body);
          this.db.transaction(() => {
            log.complete(id, { status: 'done', vendorStatus: 200, message: 'RetailNext accepted it; the cache shows its answer.' });
            edits.location(change.connectionId, node);
          })();
          this.deps.ctx.emit('admin.cacheEdited', { datasets: ['locations'] });
          break;
        }
        default:
          // Exports are sent by the exports service; nothing here may stay "sending".
          throw Object.assign(new AppError('invalid_input', 'This kind of change is not sent from administration.'), { beforeSend: true });
      }
    } catch (e) {
      const o = (e as { beforeSend?: boolean }).beforeSend ? { status: 'not_sent' as const, message: `Not sent: ${(e as Error).message}` } : outcomeOfError(e);
      log.complete(id, o);
    }
    return log.get(id)!;
  }

  /**
   * Sends a single write again. One that failed or was never sent goes again as a new entry; one
   * whose outcome is unknown is first looked for (a user by email, a location by parent and name),
   * and an occupancy correction of unknown outcome is never resent: it would count twice.
   */
  async retry(changeId: number, signal?: AbortSignal): Promise<ChangeView> {
    const { log } = this.deps;
    const old = log.get(changeId);
    if (!old) throw new AppError('not_found', 'That change is not in the log.');
    if (old.bulkId !== null) throw new AppError('invalid_input', 'This change belongs to a bulk change: retry it from there (Retry failed rows).');
    if (old.kind === 'export.start' || old.kind === 'export.delete') throw new AppError('conflict', 'A video export is sent again from the Exports view (Retry there), which checks it can be sent without making two.');
    if (old.status === 'done' || old.status === 'pending' || old.status === 'sending') throw new AppError('conflict', `This change is ${old.status === 'done' ? 'done' : 'still being sent'}: nothing to retry.`);
    const latest = this.db.prepare('SELECT id FROM admin_changes WHERE retry_of = ? LIMIT 1').get(changeId) as { id: number } | undefined;
    if (latest) throw new AppError('conflict', 'This change was already sent again: see the newer entry in the log.');
    const change: NewChange = { connectionId: old.connectionId, connectionName: old.connectionName, kind: old.kind, target: old.target, targetName: old.targetName, before: old.before, sent: old.sent, retryOf: old.id };
    if (old.status === 'unknown') {
      if (old.kind === 'occupancy.adjust') {
        throw new AppError('conflict', 'An occupancy correction whose outcome is unknown is not sent again: it adds to the count, so it might count twice. Check the store\'s current occupancy, then make a new correction if it is still needed.');
      }
      const connection = this.deps.connections.get(old.connectionId);
      const client = await retailNextClient(this.deps, connection, signal);
      if (old.kind === 'user.create') {
        const email = String((old.sent.user as { email?: string } | undefined)?.email ?? old.target);
        const found = (await client.listUsers({ email }, { signal })).find((u) => u.email.toLowerCase() === email.toLowerCase());
        if (found) {
          this.db.transaction(() => {
            log.complete(old.id, { status: 'done', vendorStatus: old.vendorStatus, message: `Checked: RetailNext has this user (id ${found.id}), so the create was applied. Not sent again.` });
            this.deps.edits.user(old.connectionId, found);
          })();
          return log.get(old.id)!;
        }
      }
      if (old.kind === 'location.create') {
        const b = old.sent as { name?: string; parent_uuid?: string; location_type?: string };
        const nodes = await client.queryLocations({ where: { parent_uuids: [b.parent_uuid ?? old.target] } }, { signal });
        const found = nodes.find((n) => n.name === b.name && n.location_type === b.location_type);
        if (found) {
          this.db.transaction(() => {
            log.complete(old.id, { status: 'done', vendorStatus: old.vendorStatus, message: `Checked: RetailNext has this location (UUID ${found.uuid}), so the create was applied. Not sent again.` });
            this.deps.edits.location(old.connectionId, found);
          })();
          return log.get(old.id)!;
        }
      }
    }
    return this.send(change, signal);
  }
}

