import type Database from 'better-sqlite3';

/** What the cache holds of a connection's KPIs: store-days, the first and last day, when last fetched. */
export interface KpiHoldings {
  storeDays: number;
  first: string | null;
  last: string | null;
  fetchedAt: string | null;
}

/**
 * One pass over every store-day of the connection (about 100 ms for 365,000 of them): the core asks
 * the reports read lane for it (sync.status), once after each KPI run.
 */
export function kpiHoldings(db: Database.Database, connectionId: string): KpiHoldings {
  const r = db.prepare('SELECT COUNT(*) AS n, MIN(day) AS first, MAX(day) AS last, MAX(fetched_at) AS fetchedAt FROM kpi_days WHERE connection_id = ?').get(connectionId) as { n: number; first: string | null; last: string | null; fetchedAt: string | null };
  return { storeDays: r.n, first: r.first, last: r.last, fetchedAt: r.fetchedAt };
}
