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
  /** What to do about a finding of this rule, in words. */
  advice: string;
}

export const auditRules: readonly AuditRuleInfo[] = [
  { id: 'quiet', label: 'Device not heard from', severity: 'critical', setting: 'quietMinutes', advice: 'Check that the device has power and network (its appliance, the switch port, PoE) and restart it if it hangs. If it was removed or replaced on purpose, remove it in RetailNext so it stops counting as missing. The finding clears at the next inventory sync once the device is heard again.' },
  { id: 'no_traffic_line', label: 'No traffic line', severity: 'warning', advice: "Draw a traffic line for this sensor in RetailNext's sensor setup, or remove the sensor there if it is not meant to count." },
  { id: 'no_direction_line', label: 'No direction line', severity: 'warning', advice: "Add a direction line in this sensor's setup in RetailNext, so that people going in and going out are told apart." },
  { id: 'recording_disabled', label: 'Recording disabled', severity: 'warning', advice: "Turn recording on for this channel in RetailNext's video settings, unless it is off on purpose (a privacy area); then turn this rule off in the audit settings." },
  { id: 'snapshots_disabled', label: 'Snapshots disabled', severity: 'info', advice: 'Turn snapshots on for this channel in RetailNext if staff need still images from it; leave it if it is off on purpose.' },
  { id: 'retention_zero', label: 'Retention 0 days', severity: 'warning', advice: 'Set a retention period in days for this channel in RetailNext, so that its video is kept long enough for an investigation.' },
  { id: 'static_incomplete', label: 'Static network settings incomplete', severity: 'warning', advice: 'Fill in the missing static network settings on the device (in RetailNext or on the device itself), or switch it to DHCP.' },
  { id: 'camera_no_channel', label: 'Camera with no video channel', severity: 'warning', advice: "Check the camera's cable and its appliance, then add its video channel in RetailNext; a counting-only sensor needs none (turn this rule off if that is the case)." },
  { id: 'appliance_no_camera', label: 'Appliance with no camera', severity: 'info', advice: 'Connect the cameras this appliance should serve, or retire the appliance in RetailNext if it is no longer used.' },
  { id: 'exteros_stale', label: 'Exteros location not updated', severity: 'warning', setting: 'exterosStaleHours', advice: 'Check the Exteros sensors of this location and their network; if they look fine on site, ask Exteros support why no data arrives. Sync again afterwards to clear the finding.' },
  { id: 'traffic_validity', label: 'Traffic incomplete or imputed', severity: 'info', setting: 'validityMinHours', advice: "Look at the flagged hours in Reports. If they come back day after day, check the store's counting sensors (the device findings of the same store point at the likely one)." },
  { id: 'in_out_imbalance', label: 'In/out imbalance', severity: 'warning', setting: 'imbalancePercent', advice: "Check the store's entrance sensors: a blocked, moved or mis-drawn line often counts one direction only. Compare the day in Reports with the days around it." },
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
