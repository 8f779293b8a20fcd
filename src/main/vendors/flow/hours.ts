import { parseJsonBody, validateBody } from '../http/validate';
import { flowDemographicGroups, flowHourlyResponse, type Demographics, type FlowRecord } from './schemas';

/** What a Flow hourly request does, in words that finish "while trying to ...". */
export const flowHourlyWhat = 'read hourly KPIs';

/** One store's hour, totals summed across entrances, demographic groups named. */
export interface FlowHour {
  storeCode: string;
  day: string;
  hour: number;
  enters: number;
  exits: number;
  /** Per entrance/sensor ("001", ...), as Flow sends it. */
  entrances: Record<string, { enters: number; exits: number }>;
  demographics: Demographics;
  sales: number | null;
  transactions: number | null;
  itemsSold: number | null;
}

/** Each group's count, 0 where Flow omitted it ("fields may be omitted if values are zero"). */
function zeroDemographics(): Demographics {
  return { male_18_under: 0, male_19_44: 0, male_45_59: 0, male_60_plus: 0, female_18_under: 0, female_19_44: 0, female_45_59: 0, female_60_plus: 0 };
}

export function normaliseFlowRecord(r: FlowRecord): FlowHour {
  let enters = 0;
  let exits = 0;
  const entrances: FlowHour['entrances'] = {};
  // for-in over the validated plain objects: no entry arrays per hour (18,250 answers in a large sync).
  const traffic = r.traffic ?? {};
  for (const code in traffic) {
    const e = traffic[code]!;
    const counts = { enters: e.enters ?? 0, exits: e.exits ?? 0 };
    enters += counts.enters;
    exits += counts.exits;
    entrances[code] = counts;
  }
  const demographics = zeroDemographics();
  const groups = r.demographics ?? {};
  for (const group in groups) {
    const named = Object.hasOwn(flowDemographicGroups, group) ? flowDemographicGroups[group as keyof typeof flowDemographicGroups] : undefined;
    if (named) demographics[named.key] = groups[group] ?? 0;
  }
  return {
    storeCode: String(r.storeCode),
    day: r.timestamp.slice(0, 10),
    hour: Number(r.timestamp.slice(11, 13)),
    enters,
    exits,
    entrances,
    demographics,
    sales: r.sales ?? null,
    transactions: r.transactions ?? null,
    itemsSold: r.itemSold ?? null,
  };
}

/** A Flow hourly answer (its text) as hours; a broken or unusable one is `bad_response` naming the field. */
export function parseFlowHours(vendor: string, text: string): FlowHour[] {
  const value = parseJsonBody(vendor, flowHourlyWhat, text);
  const answer = isPlainFlowAnswer(value) ? value : validateBody(vendor, flowHourlyWhat, flowHourlyResponse, value);
  return answer.data?.map(normaliseFlowRecord) ?? [];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v));
const timestampPattern = /^\d{4}-\d{2}-\d{2}[T ]\d{2}/;

function isPlainRecord(r: unknown): boolean {
  if (!isObject(r)) return false;
  const code = r.storeCode;
  if (!(typeof code === 'string' || (typeof code === 'number' && Number.isFinite(code)))) return false;
  if (typeof r.timestamp !== 'string' || !timestampPattern.test(r.timestamp)) return false;
  if (!isCount(r.sales) || !isCount(r.transactions) || !isCount(r.itemSold)) return false;
  const traffic = r.traffic;
  if (traffic !== undefined && traffic !== null) {
    if (!isObject(traffic)) return false;
    for (const k in traffic) {
      const e = traffic[k];
      if (!isObject(e) || !isCount(e.enters) || !isCount(e.exits)) return false;
    }
  }
  const groups = r.demographics;
  if (groups !== undefined && groups !== null) {
    if (!isObject(groups)) return false;
    for (const k in groups) if (groups[k] !== null && !(typeof groups[k] === 'number' && Number.isFinite(groups[k]))) return false;
  }
  return true;
}

/**
 * Whether a parsed answer is one flowHourlyResponse accepts as it is, checked by hand: on a large
 * sync's 18,250 answers zod's walk cost more than JSON.parse itself. Never accepts what the schema
 * refuses (a test holds the two together); anything it does not accept goes through zod, which
 * accepts or names the wrong field. normaliseFlowRecord reads only the schema's fields.
 */
export function isPlainFlowAnswer(v: unknown): v is { data: FlowRecord[] | null } {
  if (!isObject(v) || !(v.status === undefined || (typeof v.status === 'number' && Number.isFinite(v.status)))) return false;
  if (v.data === null) return true;
  if (!Array.isArray(v.data)) return false;
  for (const r of v.data) if (!isPlainRecord(r)) return false;
  return true;
}
