import { z } from 'zod';
import type { Severity } from '../audit/rules';

/** The access audit: rules over the synced users and profiles, in the sensor audit's style. */
export const accessRuleIds = ['dormant_user', 'invitation_pending', 'local_with_sso', 'sees_every_store', 'store_unseen', 'disabled_with_locations'] as const;
export type AccessRuleId = (typeof accessRuleIds)[number];

export interface AccessRuleInfo {
  id: AccessRuleId;
  label: string;
  severity: Severity;
  setting?: 'dormantDays' | 'invitationDays';
}

export const accessRules: readonly AccessRuleInfo[] = [
  { id: 'dormant_user', label: 'Enabled user not signed in', severity: 'warning', setting: 'dormantDays' },
  { id: 'invitation_pending', label: 'Invitation not accepted', severity: 'info', setting: 'invitationDays' },
  { id: 'local_with_sso', label: 'Local account beside SSO', severity: 'warning' },
  { id: 'sees_every_store', label: 'Sees every store', severity: 'info' },
  { id: 'store_unseen', label: 'Store no user can see', severity: 'warning' },
  { id: 'disabled_with_locations', label: 'Disabled user keeps custom locations', severity: 'info' },
];

export const accessSettingsSchema = z
  .object({
    /** An enabled user whose last sign-in is older than this is dormant. */
    dormantDays: z.number().int().min(1).max(3650),
    /** An invitation not accepted this many days after the console first saw the user. */
    invitationDays: z.number().int().min(1).max(3650),
    enabled: z.record(z.enum(accessRuleIds), z.boolean()),
  })
  .strict();
export type AccessSettings = z.output<typeof accessSettingsSchema>;

export const defaultAccessSettings: AccessSettings = {
  dormantDays: 90,
  invitationDays: 14,
  enabled: Object.fromEntries(accessRuleIds.map((id) => [id, true])) as Record<AccessRuleId, boolean>,
};

export interface AccessFinding {
  id: string;
  rule: AccessRuleId;
  severity: Severity;
  connectionId: string;
  subject: 'user' | 'store';
  /** The user id or the store uuid. */
  subjectId: string;
  subjectName: string;
  reason: string;
}

export interface AccessReport {
  findings: AccessFinding[];
  settings: AccessSettings;
  fetchedAt: string | null;
  generatedAt: string;
}
