/** The Users view: RetailNext users as synced, with what they can see resolved from their profiles. */
export interface UserRow {
  connectionId: string;
  connectionName: string;
  id: string;
  email: string;
  name: string | null;
  type: 'local' | 'sso' | string;
  disabled: boolean;
  userProfileId: string | null;
  userProfileName: string | null;
  subscriptionAdmin: boolean;
  /** Either a location profile... */
  locationProfileId: string | null;
  locationProfileName: string | null;
  /** ...or custom locations (`location_ids`). */
  customLocationIds: string[] | null;
  /** Stores the user can see, resolved through regions; null = every store (a subscription admin or the organisation). */
  storeCount: number;
  allStores: boolean;
  /** The first few store names, for the table. */
  storeNames: string[];
  lastSignInAt: string | null;
  invitationAccepted: boolean | null;
  fetchedAt: string;
}

export interface ProfileOption {
  id: string;
  name: string;
  subscriptionAdmin?: boolean;
  locationCount?: number;
}

export interface UsersList {
  users: UserRow[];
  userProfiles: ProfileOption[];
  locationProfiles: ProfileOption[];
  /** The RetailNext connections users can be managed on. */
  connections: Array<{ id: string; name: string }>;
  fetchedAt: string | null;
  totalStores: number;
}

export interface UserFilter {
  search?: string;
  type?: 'local' | 'sso' | '';
  status?: 'enabled' | 'disabled' | 'invited' | '';
  userProfileId?: string;
}

export function userStatus(u: UserRow): 'disabled' | 'invited' | 'enabled' {
  return u.disabled ? 'disabled' : u.invitationAccepted === false ? 'invited' : 'enabled';
}

export function filterUsers(users: readonly UserRow[], f: UserFilter): UserRow[] {
  const words = (f.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return users.filter((u) => {
    if (f.type && u.type.toLowerCase() !== f.type) return false;
    if (f.status && userStatus(u) !== f.status) return false;
    if (f.userProfileId && u.userProfileId !== f.userProfileId) return false;
    if (words.length > 0) {
      const text = `${u.name ?? ''} ${u.email} ${u.userProfileName ?? ''} ${u.locationProfileName ?? ''} ${u.storeNames.join(' ')}`.toLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

export function usersCsvRows(users: readonly UserRow[]): { header: string[]; rows: Array<Array<string | number | null>> } {
  return {
    header: ['Name', 'Email', 'Type', 'Status', 'User profile', 'Location profile', 'Custom locations', 'Stores visible', 'Last sign-in', 'Invitation accepted', 'User id'],
    rows: users.map((u) => [
      u.name,
      u.email,
      u.type,
      userStatus(u),
      u.userProfileName ?? u.userProfileId,
      u.locationProfileName ?? u.locationProfileId,
      u.customLocationIds ? u.customLocationIds.length : null,
      u.allStores ? 'all' : u.storeCount,
      u.lastSignInAt,
      u.invitationAccepted === null ? null : u.invitationAccepted ? 'yes' : 'no',
      u.id,
    ]),
  };
}
