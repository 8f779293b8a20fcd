import type { AuditReport, Finding } from '../../shared/audit/rules';
import type { Db } from '../db/open';
import { matchVendorLocations } from '../estate/match';
import { estateModel, type EstateModel } from '../estate/model';
import type { VendorLink } from '../../shared/estate/types';
import { runAudit } from './engine';
import { loadAuditSettings } from './settings';

interface Derived {
  model: EstateModel;
  links: VendorLink[];
  findings: Finding[];
  key: string;
}

const derived = new WeakMap<Db, Derived>();

/**
 * The model, its vendor links and the audit findings, recomputed when the cache or the settings
 * change, or a minute passes (quiet devices depend on the clock).
 */
export function estateState(db: Db, now: Date): Derived {
  const model = estateModel(db);
  const settings = loadAuditSettings(db);
  const key = `${model.version}|${JSON.stringify(settings)}|${Math.floor(now.getTime() / 60_000)}`;
  const cached = derived.get(db);
  if (cached && cached.key === key) return cached;
  const links = cached && cached.model === model ? cached.links : matchVendorLocations(model);
  const next = { model, links, findings: runAudit(db, model, links, settings, now), key };
  derived.set(db, next);
  return next;
}

export function auditReport(db: Db, now: Date): AuditReport {
  const { model, findings } = estateState(db, now);
  const ages: AuditReport['ages'] = [];
  for (const [cid, sets] of model.snapshots) {
    const c = model.connections.get(cid);
    for (const [dataset, fetchedAt] of sets) ages.push({ what: `${c?.name ?? cid}: ${dataset.replace('_', ' ')}`, fetchedAt });
  }
  for (const [cid, fetchedAt] of model.kpiFetched) ages.push({ what: `${model.connections.get(cid)?.name ?? cid}: hourly KPIs`, fetchedAt });
  return { findings, settings: loadAuditSettings(db), ages, generatedAt: now.toISOString() };
}
