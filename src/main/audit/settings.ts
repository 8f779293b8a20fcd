import { auditSettingsSchema, defaultAuditSettings, type AuditSettings } from '../../shared/audit/rules';
import type { Db } from '../db/open';

const key = 'audit';

/** The saved audit settings over the defaults (a rule added later is on by default). */
export function loadAuditSettings(db: Db): AuditSettings {
  const row = db.prepare('SELECT value FROM it_settings WHERE name = ?').get(key) as { value: string } | undefined;
  if (!row) return structuredClone(defaultAuditSettings);
  try {
    const saved = JSON.parse(row.value) as Partial<AuditSettings>;
    const merged = { ...defaultAuditSettings, ...saved, enabled: { ...defaultAuditSettings.enabled, ...(saved.enabled ?? {}) } };
    const parsed = auditSettingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : structuredClone(defaultAuditSettings);
  } catch {
    return structuredClone(defaultAuditSettings);
  }
}

export function saveAuditSettings(db: Db, settings: AuditSettings | null, now: Date): AuditSettings {
  if (settings === null) db.prepare('DELETE FROM it_settings WHERE name = ?').run(key);
  else db.prepare('INSERT INTO it_settings (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(key, JSON.stringify(settings), now.toISOString());
  return loadAuditSettings(db);
}
