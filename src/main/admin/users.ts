import type { ProfileOption, UserRow, UsersList } from '../../shared/admin/users';
import type { Db } from '../db/open';

interface StoreIndex {
  /** store uuid -> name */
  stores: Map<string, string>;
  /** The subscription ("Organization") above the top regions: granting it grants every store. */
  organisation: Set<string>;
  /** any location uuid -> the stores at or beneath it (a sublocation: its store) */
  storesUnder(uuid: string): string[];
}

/** The connection's regions and stores, and which stores lie beneath each location. */
export function storeIndex(db: Db, connectionId: string): StoreIndex {
  const rows = db.prepare("SELECT uuid, name, location_type, parent_uuid FROM cached_locations WHERE connection_id = ? AND archive_date IS NULL").all(connectionId) as Array<{ uuid: string; name: string; location_type: string; parent_uuid: string | null }>;
  const children = new Map<string, string[]>();
  const stores = new Map<string, string>();
  const typeOf = new Map<string, string>();
  const parentOf = new Map<string, string | null>();
  for (const r of rows) {
    typeOf.set(r.uuid, r.location_type);
    parentOf.set(r.uuid, r.parent_uuid);
    if (r.location_type === 'store') stores.set(r.uuid, r.name);
    if (r.parent_uuid) children.set(r.parent_uuid, [...(children.get(r.parent_uuid) ?? []), r.uuid]);
  }
  const memo = new Map<string, string[]>();
  const under = (uuid: string, depth = 0): string[] => {
    const hit = memo.get(uuid);
    if (hit) return hit;
    let out: string[];
    const type = typeOf.get(uuid);
    if (type === 'store') out = [uuid];
    else if (type && type !== 'region') {
      // a sublocation grants its store
      const parent = parentOf.get(uuid);
      out = parent && stores.has(parent) ? [parent] : [];
    } else if (depth > 64) out = [];
    else out = [...new Set((children.get(uuid) ?? []).flatMap((c) => under(c, depth + 1)))];
    memo.set(uuid, out);
    return out;
  };
  const organisation = new Set(rows.filter((r) => r.location_type === 'region' && r.parent_uuid && !typeOf.has(r.parent_uuid)).map((r) => r.parent_uuid!));
  return { stores, organisation, storesUnder: (uuid) => under(uuid) };
}

const noStores: StoreIndex = { stores: new Map(), organisation: new Set(), storesUnder: () => [] };

type UserDbRow = {
  connection_id: string;
  id: string;
  email: string;
  name: string | null;
  type: string | null;
  disabled: number;
  user_profile_id: string | null;
  location_profile_id: string | null;
  location_ids: string | null;
  last_sign_in_at: string | null;
  current_sign_in_at: string | null;
  invitation_accepted: number | null;
  fetched_at: string;
};

function list(text: string | null): string[] | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
  } catch {
    return null;
  }
}

/** The later of the two sign-in times RetailNext gives (current = this session, last = the one before). */
function lastSignIn(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Every synced RetailNext user with their profiles and the stores they can see. `stores: false`
 * leaves out the stores (storeCount 0, no names): a write's checks never read them, and expanding
 * every user's locations is most of the cost (400 users over 5,000 stores on a large estate).
 */
export function usersList(db: Db, { stores = true }: { stores?: boolean } = {}): UsersList {
  const connections = db.prepare("SELECT id, name FROM connections WHERE vendor = 'retailnext' ORDER BY is_demo, name").all() as Array<{ id: string; name: string }>;
  const users: UserRow[] = [];
  const userProfiles: ProfileOption[] = [];
  const locationProfiles: ProfileOption[] = [];
  let fetchedAt: string | null = null;
  let totalStores = 0;
  for (const c of connections) {
    const index = stores ? storeIndex(db, c.id) : noStores;
    totalStores += index.stores.size;
    const ups = new Map<string, { name: string; admin: boolean }>();
    for (const p of db.prepare('SELECT id, name, subscription_admin FROM cached_user_profiles WHERE connection_id = ? ORDER BY name').all(c.id) as Array<{ id: string; name: string; subscription_admin: number }>) {
      ups.set(p.id, { name: p.name, admin: p.subscription_admin === 1 });
      userProfiles.push({ id: p.id, name: p.name, subscriptionAdmin: p.subscription_admin === 1 });
    }
    const lps = new Map<string, { name: string; ids: string[] }>();
    for (const p of db.prepare('SELECT id, name, location_ids FROM cached_location_profiles WHERE connection_id = ? ORDER BY name').all(c.id) as Array<{ id: string; name: string; location_ids: string }>) {
      const ids = list(p.location_ids) ?? [];
      lps.set(p.id, { name: p.name, ids });
      locationProfiles.push({ id: p.id, name: p.name, locationCount: ids.length });
    }
    for (const u of db.prepare('SELECT * FROM cached_users WHERE connection_id = ? ORDER BY lower(coalesce(name, email))').all(c.id) as UserDbRow[]) {
      if (!fetchedAt || u.fetched_at > fetchedAt) fetchedAt = u.fetched_at;
      const up = u.user_profile_id ? ups.get(u.user_profile_id) : undefined;
      const custom = list(u.location_ids);
      const lp = !custom && u.location_profile_id ? lps.get(u.location_profile_id) : undefined;
      const granted = custom ?? lp?.ids ?? [];
      // An id that is no location in the cache but the parent of top regions is the organisation itself.
      const all = up?.admin === true || granted.some((id) => index.organisation.has(id));
      const seen = all ? [...index.stores.keys()] : [...new Set(granted.flatMap((id) => index.storesUnder(id)))];
      users.push({
        connectionId: c.id,
        connectionName: c.name,
        id: u.id,
        email: u.email,
        name: u.name,
        type: (u.type ?? 'local').toLowerCase(),
        disabled: u.disabled === 1,
        userProfileId: u.user_profile_id,
        userProfileName: up?.name ?? null,
        subscriptionAdmin: up?.admin ?? false,
        locationProfileId: custom ? null : u.location_profile_id,
        locationProfileName: lp?.name ?? null,
        customLocationIds: custom,
        storeCount: seen.length,
        allStores: index.stores.size > 0 && seen.length >= index.stores.size,
        storeNames: seen.slice(0, 3).map((s) => index.stores.get(s) ?? s),
        lastSignInAt: lastSignIn(u.last_sign_in_at, u.current_sign_in_at),
        invitationAccepted: u.invitation_accepted === null ? null : u.invitation_accepted === 1,
        fetchedAt: u.fetched_at,
      });
    }
  }
  return { users, userProfiles, locationProfiles, connections, fetchedAt, totalStores };
}

