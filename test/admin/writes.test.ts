import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessReport } from '../../src/shared/admin/access';
import type { OccupancyStatus } from '../../src/shared/admin/contract';
import type { ChangeView, WritePreview } from '../../src/shared/admin/types';
import type { UsersList } from '../../src/shared/admin/users';
import { openAdminRig, type AdminRig } from './rig';

describe('single writes, users and the access audit', () => {
  let rig: AdminRig;
  // RetailNext reports current occupancy only within store hours, so the clock is pinned (and ticks) from
  // a Wednesday afternoon in the Americas, evening in Europe: the test must not depend on when it runs.
  const pinnedAt = Date.parse('2026-06-10T18:30:00Z');
  const startedAt = Date.now();
  const now = () => new Date(pinnedAt + (Date.now() - startedAt));
  beforeAll(async () => {
    rig = await openAdminRig({}, { now });
    await rig.sync(['locations', 'store_hours', 'users']);
  }, 60_000);
  afterAll(async () => rig?.close());

  const preview = (write: unknown) => rig.call<WritePreview>('admin.write.preview', { write });
  const confirm = (p: WritePreview) => rig.call<ChangeView>('admin.write.confirm', { previewId: p.previewId });

  it('creates an SSO user (previewed, confirmed once, logged) and finds them in the Users view', async () => {
    const before = await rig.call<UsersList>('admin.users.list', {});
    const p = await preview({ kind: 'user.create', connectionId: rig.rn.id, email: 'New.Person@Example.com', name: 'New Person', userProfileId: before.userProfiles[0]!.id, locationProfileId: before.locationProfiles[0]!.id });
    expect(p.blocked).toBeNull();
    expect(p.body).toEqual({ user: { email: 'new.person@example.com', type: 'sso', disabled: false, user_profile_id: before.userProfiles[0]!.id, name: 'New Person', location_profile_id: before.locationProfiles[0]!.id } });
    const done = await confirm(p);
    expect(done).toMatchObject({ kind: 'user.create', status: 'done', vendorStatus: 200 });
    expect((await rig.fail('admin.write.confirm', { previewId: p.previewId })).code).toBe('conflict');
    expect(rig.sim.estate.users.filter((u) => u.email === 'new.person@example.com')).toHaveLength(1);
    const after = await rig.call<UsersList>('admin.users.list', {});
    const row = after.users.find((u) => u.email === 'new.person@example.com')!;
    expect(row).toMatchObject({ type: 'sso', name: 'New Person', locationProfileName: before.locationProfiles[0]!.name });
    expect(row.storeCount).toBeGreaterThan(0);
    // the same email again is refused before sending
    const again = await preview({ kind: 'user.create', connectionId: rig.rn.id, email: 'new.person@example.com', userProfileId: before.userProfiles[0]!.id, locationProfileId: before.locationProfiles[0]!.id });
    expect(again.blocked).toMatch(/already a user/);
    expect((await rig.fail('admin.write.confirm', { previewId: again.previewId })).message).toMatch(/already a user/);
  });

  it('disables a user instead of deleting, says why, and the cache shows RetailNext\'s answer', async () => {
    const list = await rig.call<UsersList>('admin.users.list', {});
    const u = list.users.find((x) => !x.disabled)!;
    const p = await preview({ kind: 'user.update', connectionId: rig.rn.id, userId: u.id, disabled: true });
    expect(p.lines).toEqual([{ label: 'Disabled', before: 'no', after: 'yes' }]);
    expect(p.notes.join(' ')).toMatch(/no way to delete a user/);
    expect((await confirm(p)).status).toBe('done');
    expect(rig.sim.estate.users.find((x) => x.id === u.id)!.disabled).toBe(true);
    expect((await rig.call<UsersList>('admin.users.list', {})).users.find((x) => x.id === u.id)!.disabled).toBe(true);
  });

  it('adds a display under a store; a region only under a region', async () => {
    const store = rig.sim.estate.stores[0]!;
    const p = await preview({ kind: 'location.create', parentUuid: store.uuid, name: 'Spring Window', locationType: 'display', area: 53.1 });
    expect(p.blocked).toBeNull();
    const done = await confirm(p);
    expect(done.message).toMatch(/UUID/);
    const created = rig.sim.estate.sublocations.find((s) => s.name === 'Spring Window' && s.parent_uuid === store.uuid)!;
    expect(created).toMatchObject({ location_type: 'display', area: 53.1, aggregate_to_parent: false });
    const editable = await rig.call<{ kind: string; fields: string[] }>('admin.locations.editable', { uuid: created.uuid });
    expect(editable).toMatchObject({ kind: 'sublocation', fields: ['name', 'parent_uuid', 'location_type', 'area', 'aggregate_to_parent', 'aggregate_to_store'] });
    const bad = await preview({ kind: 'location.create', parentUuid: store.uuid, name: 'North', locationType: 'region' });
    expect(bad.blocked).toBe('A region can only be added beneath another region.');
  });

  it('occupancy: the limit and the store hours are checked before sending, in words', async () => {
    const noLimit = rig.sim.estate.stores.find((s) => s.occupancy_limit === null);
    if (noLimit) {
      const p = await preview({ kind: 'occupancy.adjust', storeUuid: noLimit.uuid, count: 3, reason: 'door counter missed a group' });
      expect(p.blocked).toMatch(/has no occupancy limit: RetailNext accepts occupancy corrections only when the store's limit is set/);
    }
    const openNow = (s: (typeof rig.sim.estate.stores)[number]): boolean => {
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: s.time_zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now());
      const part = (t: string) => local.find((p) => p.type === t)!.value;
      const h = s.hours[['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'))];
      const hm = `${part('hour')}:${part('minute')}`;
      return !!h && h.open < h.close && hm >= h.open && hm < h.close;
    };
    const store = rig.sim.estate.stores.find((s) => s.occupancy_limit !== null && s.hours.every((h) => h !== null) && openNow(s))!;
    expect(store, 'a store with a limit that is open at the pinned time').toBeDefined();
    const status = await rig.call<OccupancyStatus>('admin.occupancy.status', { storeUuid: store.uuid });
    expect(status.live?.limit).toBe(store.occupancy_limit);
    // Yesterday at 03:30 local (every demo store is closed then) and at opening + 1 hour.
    const yesterday = new Date(Date.parse(`${status.localNow.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(`${yesterday}T00:00:00Z`).getUTCDay();
    const open = store.hours[weekday]!.open;
    const closed = await preview({ kind: 'occupancy.adjust', storeUuid: store.uuid, count: -2, at: `${yesterday}T03:30`, reason: 'test' });
    expect(closed.blocked).toMatch(/The store is closed at .* RetailNext accepts occupancy corrections only within store hours/);
    const atOpen = `${yesterday}T${String(Number(open.slice(0, 2)) + 1).padStart(2, '0')}:${open.slice(3)}`;
    const ok = await preview({ kind: 'occupancy.adjust', storeUuid: store.uuid, count: 5, at: atOpen, reason: 'a group came in through the loading dock' });
    expect(ok.blocked).toBeNull();
    const done = await confirm(ok);
    expect(done).toMatchObject({ kind: 'occupancy.adjust', status: 'done' });
    expect(done.before).toMatchObject({ reason: 'a group came in through the loading dock' });
    // an unknown outcome would never be resent; a done one has nothing to retry
    expect((await rig.fail('admin.changes.retry', { changeId: done.id })).code).toBe('conflict');
  });

  it('access audit: a dormant user is a finding with the reason; the threshold is editable', async () => {
    const report = await rig.call<AccessReport>('admin.access.report', {});
    const doc = report.findings.find((f) => f.rule === 'dormant_user' && f.subjectId === '2abe8330-5e0f-11ea-8522-c0009d2f3ea6');
    expect(doc?.reason).toMatch(/^Enabled but last signed in 2020-03-04 12:01 UTC, \d{1,3}(,\d{3})* days .*ago \(the limit is 90 days\)\.$/);
    await rig.call('admin.access.saveSettings', { settings: { ...report.settings, dormantDays: 3650 } });
    const relaxed = await rig.call<AccessReport>('admin.access.report', {});
    expect(relaxed.findings.some((f) => f.rule === 'dormant_user' && f.subjectId === doc!.subjectId)).toBe(false);
    expect(relaxed.findings.some((f) => f.rule === 'local_with_sso')).toBe(true);
    await rig.call('admin.access.saveSettings', { settings: null });
  });
});
