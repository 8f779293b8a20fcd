import { accessRules, accessSettingsSchema, defaultAccessSettings, type AccessFinding, type AccessReport, type AccessRuleId, type AccessSettings } from '../../shared/admin/access';
import type { UserRow } from '../../shared/admin/users';
import type { Db } from '../db/open';
import { formatDuration, formatUtc } from '../estate/names';
import { savedSettings } from '../estate/savedSettings';
import { storeIndex, usersList } from './users';

const dayMs = 86_400_000;
const severityOf = (rule: AccessRuleId) => accessRules.find((r) => r.id === rule)!.severity;

/** The saved access-audit settings over the defaults (a rule added later is on by default). */
const accessSettings = savedSettings('access-audit', accessSettingsSchema, defaultAccessSettings, 'enabled');

export const loadAccessSettings = accessSettings.load;
export const saveAccessSettings = accessSettings.save;

/**
 * Notes when the console first sees each synced RetailNext user (RetailNext gives no invitation
 * date), for the rules that need it: kept from the first time the audit ran with them. The core
 * writes it before the audit is read (on a read lane, whose connection cannot write).
 */
export function recordUsersSeen(db: Db, settings: AccessSettings): void {
  if (!needsFirstSeen(settings)) return;
  db.prepare(
    `INSERT OR IGNORE INTO admin_users_seen (connection_id, user_id, first_seen_at)
     SELECT u.connection_id, u.id, u.fetched_at FROM cached_users u JOIN connections c ON c.id = u.connection_id WHERE c.vendor = 'retailnext'`,
  ).run();
}

const needsFirstSeen = (settings: AccessSettings) => settings.enabled.invitation_pending !== false || settings.enabled.dormant_user !== false;

function firstSeen(db: Db): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of db.prepare('SELECT connection_id, user_id, first_seen_at FROM admin_users_seen').all() as Array<{ connection_id: string; user_id: string; first_seen_at: string }>) out.set(`${r.connection_id}|${r.user_id}`, r.first_seen_at);
  return out;
}

const who = (u: UserRow) => (u.name && u.name !== u.email ? `${u.name} (${u.email})` : u.email);

/** The access audit: each enabled rule over the synced users and profiles, each finding with its reason in words. Reads only: recordUsersSeen first. */
export function runAccessAudit(db: Db, settings: AccessSettings, now: Date): AccessReport {
  const list = usersList(db);
  const on = (rule: AccessRuleId) => settings.enabled[rule] !== false;
  const findings: AccessFinding[] = [];
  const add = (rule: AccessRuleId, u: { connectionId: string }, subject: 'user' | 'store', subjectId: string, subjectName: string, reason: string) =>
    findings.push({ id: `${rule}:${u.connectionId}:${subjectId}`, rule, severity: severityOf(rule), connectionId: u.connectionId, subject, subjectId, subjectName, reason });
  const nowMs = now.getTime();
  const seen = needsFirstSeen(settings) ? firstSeen(db) : new Map<string, string>();

  for (const u of list.users) {
    if (on('dormant_user') && !u.disabled && u.invitationAccepted !== false) {
      const last = u.lastSignInAt ? Date.parse(u.lastSignInAt) : NaN;
      if (Number.isNaN(last)) {
        // Never signed in: dormant once the console has known the user for the threshold (a new user is not).
        const since = seen.get(`${u.connectionId}|${u.id}`);
        const t = since ? Date.parse(since) : NaN;
        if (!Number.isNaN(t) && nowMs - t > settings.dormantDays * dayMs) {
          add('dormant_user', u, 'user', u.id, who(u), `Enabled, and RetailNext has no sign-in for this user since the console first saw them ${formatDuration(nowMs - t)} ago (the limit is ${settings.dormantDays} days): disable the account if it is not needed.`);
        }
      } else if (nowMs - last > settings.dormantDays * dayMs) {
        add('dormant_user', u, 'user', u.id, who(u), `Enabled but last signed in ${formatUtc(u.lastSignInAt)}, ${formatDuration(nowMs - last)} ago (the limit is ${settings.dormantDays} days).`);
      }
    }
    if (on('invitation_pending') && !u.disabled && u.invitationAccepted === false) {
      const since = seen.get(`${u.connectionId}|${u.id}`);
      const t = since ? Date.parse(since) : NaN;
      if (!Number.isNaN(t) && nowMs - t > settings.invitationDays * dayMs) {
        add('invitation_pending', u, 'user', u.id, who(u), `Invitation not accepted ${formatDuration(nowMs - t)} after the console first saw this user (${formatUtc(since!)}); the limit is ${settings.invitationDays} days. RetailNext does not say when the invitation was sent.`);
      }
    }
    if (on('sees_every_store') && !u.disabled && !u.subscriptionAdmin && u.allStores) {
      add('sees_every_store', u, 'user', u.id, who(u), `Not a subscription admin, yet ${u.customLocationIds ? 'their custom locations' : `the location profile ${u.locationProfileName ?? u.locationProfileId ?? ''}`} grant every store (${u.storeCount}).`);
    }
    if (on('disabled_with_locations') && u.disabled && u.customLocationIds && u.customLocationIds.length > 0) {
      add('disabled_with_locations', u, 'user', u.id, who(u), `Disabled, but still holds ${u.customLocationIds.length} custom location${u.customLocationIds.length === 1 ? '' : 's'}: enabling the account again would restore them.`);
    }
  }

  for (const c of list.connections) {
    const users = list.users.filter((u) => u.connectionId === c.id);
    if (on('local_with_sso') && users.some((u) => u.type === 'sso')) {
      for (const u of users) {
        if (u.type === 'local' && !u.disabled) add('local_with_sso', u, 'user', u.id, who(u), `A local account (its own password) in a subscription whose other users sign in through SSO: it escapes the identity provider's policies.`);
      }
    }
    if (on('store_unseen') && users.length > 0) {
      const index = storeIndex(db, c.id);
      const visible = new Set<string>();
      for (const u of users) {
        if (u.disabled || u.subscriptionAdmin) continue;
        if (u.allStores) {
          for (const s of index.stores.keys()) visible.add(s);
          continue;
        }
        const granted = u.customLocationIds ?? (u.locationProfileId ? locationIdsOf(db, c.id, u.locationProfileId) : []);
        for (const id of granted) for (const s of index.storesUnder(id)) visible.add(s);
      }
      for (const [uuid, name] of index.stores) {
        if (!visible.has(uuid)) add('store_unseen', { connectionId: c.id }, 'store', uuid, name, 'No enabled user other than subscription admins can see this store: nobody on site or in its region sees its figures.');
      }
    }
  }
  return { findings, settings, fetchedAt: list.fetchedAt, generatedAt: now.toISOString() };
}

function locationIdsOf(db: Db, connectionId: string, profileId: string): string[] {
  const r = db.prepare('SELECT location_ids FROM cached_location_profiles WHERE connection_id = ? AND id = ?').get(connectionId, profileId) as { location_ids: string } | undefined;
  try {
    const v: unknown = r ? JSON.parse(r.location_ids) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
