import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { readArray, readFields, readObject, readOneOf, readString } from '../../../../shared/app/keptShape';
import { auditRuleIds, severities, type AuditReport, type AuditSettings, type FindingFilter } from '../../../../shared/audit/rules';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';
import { kept } from '../../ui/keptState';

interface AuditState {
  report: AuditReport | null;
  loading: boolean;
  error: ContractError | null;
  filter: FindingFilter;
  groupBy: 'none' | 'store' | 'device';
  load(): Promise<void>;
  saveSettings(settings: AuditSettings | null): Promise<ContractError | null>;
  setFilter(f: Partial<FindingFilter>): void;
  setGroupBy(g: AuditState['groupBy']): void;
}

type KeptAudit = Pick<AuditState, 'filter' | 'groupBy'>;

export const useAudit = create<AuditState>()(persist((set, get) => ({
  report: null,
  loading: false,
  error: null,
  filter: {},
  groupBy: 'store',

  async load() {
    set({ loading: true });
    const result = await api.call('audit.report', {});
    if (result.ok) set({ report: result.value, loading: false, error: null });
    else set({ loading: false, error: result.error });
  },

  async saveSettings(settings) {
    const result = await api.call('audit.saveSettings', { settings });
    if (!result.ok) return result.error;
    await get().load();
    return null;
  },

  setFilter: (f) => set((s) => ({ filter: { ...s.filter, ...f } })),
  setGroupBy: (groupBy) => set({ groupBy }),
}), kept<AuditState, KeptAudit>({
  name: 'audit',
  version: 1,
  pick: (s) => ({ filter: s.filter, groupBy: s.groupBy }),
  read: (stored) =>
    readFields<KeptAudit>(stored, {
      filter: readObject<FindingFilter>({ severity: readArray(readOneOf(severities)), rules: readArray(readOneOf(auditRuleIds)), search: readString }),
      groupBy: readOneOf(['none', 'store', 'device'] as const),
    }),
})));

/** Shows the findings of one device (from the inventory or a store panel). */
export function openFindings(search: string): void {
  useAudit.setState((s) => ({ filter: { ...s.filter, search } }));
  window.location.hash = '#audit';
}
