import { toCsv } from '../text/csv';
import type { FloorplanZone, TransitionFlow, TransitionZone } from './types';

/** One floorplan's part of a /v1/zone_transitions answer, as the client validated it. */
export interface RawTransitionPlan {
  floorplan: { uuid: string; name: string };
  zones: Array<{ uuid: string; name: string; location_uuid?: string | null; location_name?: string | null }>;
  transitions: Array<{ from_zone_id: string; to_zone_id: string; value: number; percentage?: number | null }>;
}

/**
 * The zones and flows of a floor from the vendor's answer: the floorplan's zones in its order, then any
 * zone the answer names that is not on the floorplan (kept, with a note: its flows count in the totals
 * but cannot be drawn). Flows are kept as sent, one per pair (a repeated pair is added up, with a note).
 */
export function readTransitions(planZones: readonly FloorplanZone[], answer: RawTransitionPlan | null): { zones: TransitionZone[]; flows: TransitionFlow[]; notes: string[] } {
  const notes: string[] = [];
  if (!answer) return { zones: [], flows: [], notes: ['RetailNext sent no transitions for this floor.'] };
  const onPlan = new Map(planZones.map((z) => [z.id, z]));
  const named = new Map(answer.zones.map((z) => [z.uuid, z.name]));
  const zones: TransitionZone[] = [];
  const seen = new Set<string>();
  const used = new Set<string>();
  for (const t of answer.transitions) {
    used.add(t.from_zone_id);
    used.add(t.to_zone_id);
  }
  for (const z of planZones) {
    if (named.has(z.id) || used.has(z.id)) {
      zones.push({ id: z.id, name: z.name, known: true });
      seen.add(z.id);
    }
  }
  const unknown: string[] = [];
  const addUnknown = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const name = named.get(id) ?? `Unknown zone ${id.slice(0, 8)}`;
    zones.push({ id, name, known: false });
    unknown.push(named.has(id) ? `${name} (${id})` : id);
  };
  for (const z of answer.zones) if (!onPlan.has(z.uuid)) addUnknown(z.uuid);
  for (const t of answer.transitions) {
    if (!onPlan.has(t.from_zone_id)) addUnknown(t.from_zone_id);
    if (!onPlan.has(t.to_zone_id)) addUnknown(t.to_zone_id);
  }
  if (unknown.length > 0) {
    notes.push(`The transitions name ${unknown.length === 1 ? 'a zone' : `${unknown.length} zones`} not on this floorplan: ${unknown.join(', ')}. Their flows are counted in the matrix and its totals but not drawn on the plan.`);
  }
  const byPair = new Map<string, TransitionFlow>();
  let repeated = 0;
  for (const t of answer.transitions) {
    if (!Number.isFinite(t.value)) continue;
    const key = `${t.from_zone_id}\u0000${t.to_zone_id}`;
    const prev = byPair.get(key);
    if (prev) {
      prev.value += t.value;
      prev.percentage = null;
      repeated++;
    } else byPair.set(key, { from: t.from_zone_id, to: t.to_zone_id, value: t.value, percentage: t.percentage ?? null });
  }
  if (repeated > 0) notes.push(`RetailNext sent ${repeated} zone pair${repeated === 1 ? '' : 's'} more than once: their counts are added up.`);
  return { zones, flows: [...byPair.values()], notes };
}

/** A from → to matrix: `values[i * n + j]` counts flows from zones[i] to zones[j]. */
export interface TransitionMatrix {
  zones: readonly TransitionZone[];
  n: number;
  values: Float64Array;
  rowTotals: Float64Array;
  colTotals: Float64Array;
  total: number;
  max: number;
}

export function transitionMatrix(zones: readonly TransitionZone[], flows: readonly TransitionFlow[]): TransitionMatrix {
  const n = zones.length;
  const index = new Map(zones.map((z, i) => [z.id, i]));
  const values = new Float64Array(n * n);
  const rowTotals = new Float64Array(n);
  const colTotals = new Float64Array(n);
  let total = 0;
  for (const f of flows) {
    const i = index.get(f.from);
    const j = index.get(f.to);
    if (i === undefined || j === undefined) continue;
    values[i * n + j]! += f.value;
    rowTotals[i]! += f.value;
    colTotals[j]! += f.value;
    total += f.value;
  }
  let max = 0;
  for (let k = 0; k < values.length; k++) if (values[k]! > max) max = values[k]!;
  return { zones, n, values, rowTotals, colTotals, total, max };
}

export type MatrixSort = 'name' | 'leaving' | 'arriving';

/** The order rows and columns are shown in: by name, or by the zone's flows leaving or arriving (largest first). */
export function matrixOrder(m: TransitionMatrix, sort: MatrixSort, descending: boolean): number[] {
  const order = Array.from({ length: m.n }, (_, i) => i);
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const key = sort === 'leaving' ? m.rowTotals : sort === 'arriving' ? m.colTotals : null;
  order.sort((a, b) => {
    const d = key ? key[a]! - key[b]! : collator.compare(m.zones[a]!.name, m.zones[b]!.name);
    return (d !== 0 ? d : a - b) * (descending ? -1 : 1);
  });
  return order;
}

export interface TopFlow {
  from: TransitionZone;
  to: TransitionZone;
  value: number;
  /** Part of every transition counted, in percent. */
  share: number;
}

/** The largest flows between two different zones, largest first. */
export function topFlows(m: TransitionMatrix, count: number): TopFlow[] {
  const out: TopFlow[] = [];
  let floor = 0;
  for (let i = 0; i < m.n; i++) {
    for (let j = 0; j < m.n; j++) {
      const v = m.values[i * m.n + j]!;
      if (i === j || v <= 0 || (out.length >= count && v <= floor)) continue;
      out.push({ from: m.zones[i]!, to: m.zones[j]!, value: v, share: m.total > 0 ? (v / m.total) * 100 : 0 });
      if (out.length > count * 4) {
        out.sort((a, b) => b.value - a.value);
        out.length = count;
        floor = out[count - 1]!.value;
      }
    }
  }
  out.sort((a, b) => b.value - a.value);
  return out.slice(0, count);
}

/** The matrix as CSV in the order shown: a row per from-zone, its total last, a totals row at the end. */
export function matrixCsv(m: TransitionMatrix, order: readonly number[]): string {
  const header = ['from \\ to', ...order.map((j) => m.zones[j]!.name), 'total leaving'];
  const rows = order.map((i) => [m.zones[i]!.name, ...order.map((j) => m.values[i * m.n + j]!), m.rowTotals[i]!]);
  rows.push(['total arriving', ...order.map((j) => m.colTotals[j]!), m.total]);
  return toCsv(header, rows);
}
