import { defaultScheduleSettings, scheduleSettingsSchema, type ScheduleSettings } from '../../../shared/sync/schedule';
import type { Db } from '../../db/open';

const key = 'sync.schedule';

/** The saved background sync settings over the defaults (a dataset added later gets its default). */
export function loadScheduleSettings(db: Db): ScheduleSettings {
  const row = db.prepare('SELECT value FROM it_settings WHERE name = ?').get(key) as { value: string } | undefined;
  if (!row) return structuredClone(defaultScheduleSettings);
  try {
    const saved = JSON.parse(row.value) as Partial<ScheduleSettings>;
    const merged = { ...defaultScheduleSettings, ...saved, datasets: { ...defaultScheduleSettings.datasets, ...(saved.datasets ?? {}) } };
    const parsed = scheduleSettingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : structuredClone(defaultScheduleSettings);
  } catch {
    return structuredClone(defaultScheduleSettings);
  }
}

export function saveScheduleSettings(db: Db, settings: ScheduleSettings | null, now: Date): ScheduleSettings {
  if (settings === null) db.prepare('DELETE FROM it_settings WHERE name = ?').run(key);
  else db.prepare('INSERT INTO it_settings (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(key, JSON.stringify(settings), now.toISOString());
  return loadScheduleSettings(db);
}
