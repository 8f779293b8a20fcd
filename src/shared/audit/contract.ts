import { z } from 'zod';
import { call } from '../contract/define';
import { auditRuleIds, auditSettingsSchema, severities, type AuditReport, type AuditSettings } from './rules';

export const findingFilter = z
  .object({
    severity: z.array(z.enum(severities as ['critical', 'warning', 'info'])).max(3).optional(),
    rules: z.array(z.enum(auditRuleIds)).max(auditRuleIds.length).optional(),
    search: z.string().max(500).optional(),
  })
  .strict();

export const auditCalls = {
  'audit.report': call<AuditReport>()(z.object({}).strict(), 'Runs the sensor audit over the cache with the saved settings: findings per store and device, with severity and the reason in words.'),
  'audit.settings': call<AuditSettings>()(z.object({}).strict(), 'The audit settings (thresholds and enabled rules); defaults until the user changes them.'),
  'audit.saveSettings': call<AuditSettings>()(z.object({ settings: auditSettingsSchema.nullable() }).strict(), 'Saves the audit settings (null = back to the defaults).'),
  'audit.exportCsv': call<{ saved: boolean; path: string | null; fileName: string; csv: string | null; rows: number }>()(
    z.object({ scope: z.string().max(300).nullable().default(null), filter: findingFilter.default({}) }).strict(),
    'The findings shown as CSV: saved where the user chooses in the desktop shell, returned as text in browser mode.',
  ),
} as const;
