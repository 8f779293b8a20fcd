import type { AuditReport, Finding } from '../../shared/audit/rules';
import type { VendorLink } from '../../shared/estate/types';
import type { Db } from '../db/open';
import type { EstateModel } from '../estate/model';
import type { EstateService, FindingsSource } from '../estate/service';
import { kpiFacts, runAudit, type KpiFacts } from './engine';
import { loadAuditSettings } from './settings';

/** The sensor audit as the estate's source of findings; keeps the KPI facts of the model it last saw. */
export class AuditFindings implements FindingsSource {
  private facts: { model: EstateModel; facts: KpiFacts } | null = null;

  constructor(private readonly db: Db) {}

  settingsKey(): string {
    return JSON.stringify(loadAuditSettings(this.db));
  }

  find(model: EstateModel, links: readonly VendorLink[], now: Date): Finding[] {
    if (this.facts?.model !== model) this.facts = { model, facts: kpiFacts(this.db, model) };
    return runAudit(this.facts.facts, model, links, loadAuditSettings(this.db), now);
  }
}

export function auditReport(estate: EstateService, db: Db, now: Date): AuditReport {
  const { model, findings } = estate.state(now);
  const ages: AuditReport['ages'] = [];
  for (const [cid, sets] of model.snapshots) {
    const c = model.connections.get(cid);
    for (const [dataset, fetchedAt] of sets) ages.push({ what: `${c?.name ?? cid}: ${dataset.replace('_', ' ')}`, fetchedAt });
  }
  for (const [cid, fetchedAt] of model.kpiFetched) ages.push({ what: `${model.connections.get(cid)?.name ?? cid}: hourly KPIs`, fetchedAt });
  return { findings, settings: loadAuditSettings(db), ages, generatedAt: now.toISOString() };
}
