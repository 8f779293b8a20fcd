import type { AlertFilter, AlertRow } from './types';

export function matchesAlert(a: AlertRow, f: AlertFilter): boolean {
  if (f.status === 'open' && a.resolved) return false;
  if (f.status === 'resolved' && !a.resolved) return false;
  if (f.severity && f.severity.length > 0 && !f.severity.includes(a.severity)) return false;
  if (f.types && f.types.length > 0 && !f.types.includes(a.type)) return false;
  if (f.storeUuids && f.storeUuids.length > 0 && !f.storeUuids.includes(a.storeUuid ?? '')) return false;
  if (f.from !== undefined && (a.createdMs === null || a.createdMs < f.from)) return false;
  if (f.to !== undefined && (a.createdMs === null || a.createdMs > f.to)) return false;
  if (f.search) {
    const text = `${a.storeName} ${a.subjectName} ${a.subjectId} ${a.description} ${a.type}`.toLowerCase();
    if (!f.search.toLowerCase().split(/\s+/).filter(Boolean).every((w) => text.includes(w))) return false;
  }
  return true;
}

export interface AlertGroup {
  key: string;
  label: string;
  alerts: AlertRow[];
  open: number;
}

/** Groups alerts by store or by device (subject), groups with open alerts first. */
export function groupAlerts(alerts: readonly AlertRow[], by: 'store' | 'device'): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const a of alerts) {
    const key = by === 'store' ? (a.storeUuid ?? '(none)') : `${a.storeUuid ?? ''}|${a.subjectId}`;
    const label = by === 'store' ? a.storeName : `${a.subjectName || a.subjectId || 'unknown subject'} — ${a.storeName}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, alerts: [], open: 0 }));
    g.alerts.push(a);
    if (!a.resolved) g.open++;
  }
  return [...groups.values()].sort((x, y) => y.open - x.open || x.label.localeCompare(y.label));
}
