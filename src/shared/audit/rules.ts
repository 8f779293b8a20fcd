import { z } from 'zod';

export const auditRuleIds = [
  'quiet',
  'no_traffic_line',
  'no_direction_line',
  'recording_disabled',
  'snapshots_disabled',
  'retention_zero',
  'static_incomplete',
  'camera_no_channel',
  'appliance_no_camera',
  'exteros_stale',
  'traffic_validity',
  'in_out_imbalance',
] as const;
export type AuditRuleId = (typeof auditRuleIds)[number];

export type Severity = 'critical' | 'warning' | 'info';
export const severities: readonly Severity[] = ['critical', 'warning', 'info'];

export interface AuditRuleInfo {
  id: AuditRuleId;
  label: string;
  severity: Severity;
  /** The setting that tunes the rule, if any. */
  setting?: keyof Omit<AuditSettings, 'enabled'>;
}

export const auditRules: readonly AuditRuleInfo[] = [
  { id: 'quiet', label: 'Device not heard from', severity: 'critical', setting: 'quietMinutes' },
  { id: 'no_traffic_line', label: 'No traffic line', severity: 'warning' },
  { id: 'no_direction_line', label: 'No direction line', severity: 'warning' },
  { id: 'recording_disabled', label: 'Recording disabled', severity: 'warning' },
  { id: 'snapshots_disabled', label: 'Snapshots disabled', severity: 'info' },
  { id: 'retention_zero', label: 'Retention 0 days', severity: 'warning' },
  { id: 'static_incomplete', label: 'Static network settings incomplete', severity: 'warning' },
  { id: 'camera_no_channel', label: 'Camera with no video channel', severity: 'warning' },
  { id: 'appliance_no_camera', label: 'Appliance with no camera', severity: 'info' },
  { id: 'exteros_stale', label: 'Exteros location not updated', severity: 'warning', setting: 'exterosStaleHours' },
  { id: 'traffic_validity', label: 'Traffic incomplete or imputed', severity: 'info', setting: 'validityMinHours' },
  { id: 'in_out_imbalance', label: 'In/out imbalance', severity: 'warning', setting: 'imbalancePercent' },
];

export const auditSettingsSchema = z
  .object({
    /** A device not heard from for more than this is quiet (critical after a day). */
    quietMinutes: z.number().int().min(1).max(60 * 24 * 365),
    exterosStaleHours: z.number().int().min(1).max(24 * 365),
    /** Hours of incomplete or imputed traffic per store (over the cached days) before it is a finding. */
    validityMinHours: z.number().int().min(1).max(10_000),
    /** |in - out| / (in + out) above this percentage... */
    imbalancePercent: z.number().min(1).max(100),
    /** ...when in + out of the day is at least this (a quiet day proves nothing). */
    imbalanceMinVolume: z.number().int().min(0).max(10_000_000),
    enabled: z.record(z.enum(auditRuleIds), z.boolean()),
  })
  .strict();
export type AuditSettings = z.output<typeof auditSettingsSchema>;

export const defaultAuditSettings: AuditSettings = {
  quietMinutes: 60,
  exterosStaleHours: 48,
  validityMinHours: 1,
  imbalancePercent: 15,
  imbalanceMinVolume: 200,
  enabled: Object.fromEntries(auditRuleIds.map((id) => [id, true])) as Record<AuditRuleId, boolean>,
};

export type FindingSubject = 'camera' | 'appliance' | 'channel' | 'exteros_location' | 'store';

export interface Finding {
  id: string;
  rule: AuditRuleId;
  severity: Severity;
  storeUuid: string | null;
  storeName: string;
  subject: FindingSubject;
  /** The device's id (camera MAC, appliance id, channel uuid, Exteros name) or the store uuid. */
  subjectId: string;
  subjectName: string;
  /** The reason in words. */
  reason: string;
  /** The day or time the finding is about, when it has one. */
  at: string | null;
}

export interface AuditReport {
  findings: Finding[];
  settings: AuditSettings;
  /** What the audit read and how old it is. */
  ages: Array<{ what: string; fetchedAt: string | null }>;
  generatedAt: string;
}

export interface FindingFilter {
  severity?: Severity[];
  rules?: AuditRuleId[];
  search?: string;
}

export function filterFindings(findings: readonly Finding[], f: FindingFilter, scope: ReadonlySet<string> | null): Finding[] {
  const words = (f.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return findings.filter((x) => {
    if (scope && !scope.has(x.storeUuid ?? '')) return false;
    if (f.severity && f.severity.length > 0 && !f.severity.includes(x.severity)) return false;
    if (f.rules && f.rules.length > 0 && !f.rules.includes(x.rule)) return false;
    if (words.length > 0) {
      const text = `${x.storeName} ${x.subjectName} ${x.subjectId} ${x.reason}`.toLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

export function findingsCsvRows(findings: readonly Finding[]): { header: string[]; rows: Array<Array<string | null>> } {
  const label = (id: AuditRuleId) => auditRules.find((r) => r.id === id)?.label ?? id;
  return {
    header: ['Severity', 'Rule', 'Store', 'Subject', 'Subject ID', 'Reason', 'At'],
    rows: findings.map((x) => [x.severity, label(x.rule), x.storeName, x.subjectName, x.subjectId, x.reason, x.at]),
  };
}
