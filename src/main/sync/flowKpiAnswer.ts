import { parseFlowHours } from '../vendors/flow/hours';
import { kpiSliceJob, type KpiRow } from './kpiStore';
import type { WriteJob } from './writer/job';

/**
 * One Flow hourly answer as the bytes Flow sent, with the slice it answers: the sync hands this to
 * its writer, which reads it (text, JSON, checks, rows) on its own thread and writes it as one
 * slice, so a large sync's thousands of answers are never decoded nor parsed on the core's loop,
 * nor cloned as strings or row arrays (the bytes are moved to the thread: writer/input.ts).
 */
export interface FlowKpiAnswer {
  /** The answer's body (UTF-8 JSON). */
  body: Uint8Array;
  /** The vendor's name in messages ("Flow"). */
  vendor: string;
  connectionId: string;
  storeKeys: string[];
  day: string;
  /** Each of the slice's stores' own local today. */
  todays: Record<string, string>;
  fetchedAt: string;
  runId: number | null;
}

/** The slice's writes; a broken or unusable answer throws `bad_response` naming the field, as the client would. */
export function flowKpiAnswerJob(a: FlowKpiAnswer): WriteJob {
  const text = Buffer.from(a.body.buffer, a.body.byteOffset, a.body.byteLength).toString('utf8');
  const rows: KpiRow[] = parseFlowHours(a.vendor, text).map((h) => ({
    storeKey: h.storeCode, day: h.day, hour: h.hour, enters: h.enters, exits: h.exits, entrances: h.entrances,
    demographics: h.demographics, sales: h.sales, transactions: h.transactions, itemsSold: h.itemsSold,
  }));
  return kpiSliceJob({ connectionId: a.connectionId, storeKeys: a.storeKeys, days: [a.day], rows, today: (store) => a.todays[store]!, fetchedAt: a.fetchedAt, runId: a.runId });
}
