import type { Floorplan, FloorplanZone, PlanPoint } from './types';
import { plural } from '../text/plural';

/** Beyond 10 km from the plan's origin a coordinate is a drawing error, not a shop floor. */
export const maxCoordinateCm = 1_000_000;

/** The vendor's zone, as the client validated it (every field but id and name may be missing). */
export interface RawZone {
  id: string;
  name: string;
  type?: string | null;
  location_id?: string | null;
  location_name?: string | null;
  area?: number | null;
  dwell_time_threshold_ms?: number | null;
  zone_threshold_mm?: number | null;
  points: PlanPoint[];
}

export interface RawFloorplan {
  id: string;
  name: string;
  zones: RawZone[];
}

/** Shoelace area of a closed outline (the closing point may or may not be repeated). */
export function polygonArea(points: readonly PlanPoint[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return Math.abs(sum) / 2;
}

function cross(o: PlanPoint, a: PlanPoint, b: PlanPoint): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

function segmentsCross(p1: PlanPoint, p2: PlanPoint, q1: PlanPoint, q2: PlanPoint): boolean {
  const d1 = cross(q1, q2, p1);
  const d2 = cross(q1, q2, p2);
  const d3 = cross(p1, p2, q1);
  const d4 = cross(p1, p2, q2);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Whether two edges of the outline that do not share a corner cross each other. */
export function selfIntersects(points: readonly PlanPoint[]): boolean {
  const n = points.length;
  if (n < 4) return false;
  for (let i = 0; i < n; i++) {
    const a1 = points[i]!;
    const a2 = points[(i + 1) % n]!;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // neighbours through the closing edge
      if (segmentsCross(a1, a2, points[j]!, points[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

/** The outline without the repeated closing point (the document's examples close their outlines). */
function openOutline(points: readonly PlanPoint[]): PlanPoint[] {
  const out = points.slice();
  while (out.length > 1 && out[0]!.x === out[out.length - 1]!.x && out[0]!.y === out[out.length - 1]!.y) out.pop();
  return out;
}

const sqm = (cm2: number) => cm2 / 10_000;

/** Checks one zone: what can be drawn, and what to tell the user about the rest. */
export function checkZone(raw: RawZone): FloorplanZone {
  const notes: string[] = [];
  const points = openOutline(raw.points);
  let drawable = true;
  if (points.length < 3) {
    drawable = false;
    notes.push(points.length === 0 ? 'No outline: the zone has no points, so it is listed but not drawn.' : `Only ${points.length} point${points.length === 1 ? '' : 's'}: a zone needs three to have an area, so it is listed but not drawn.`);
  }
  if (points.some((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y) || Math.abs(p.x) > maxCoordinateCm || Math.abs(p.y) > maxCoordinateCm)) {
    drawable = false;
    notes.push('Coordinates more than 10 km from the plan\'s origin: a drawing error in the vendor\'s floorplan, so the zone is listed but not drawn.');
  }
  if (drawable && selfIntersects(points)) notes.push('The outline crosses itself: drawn as the vendor gave it; its area may be wrong.');
  const outlineArea = points.length >= 3 ? polygonArea(points) : null;
  const areaCm2 = typeof raw.area === 'number' && Number.isFinite(raw.area) ? raw.area : outlineArea;
  if (drawable && outlineArea === 0) notes.push('The outline has no area (its points are on one line).');
  return {
    id: raw.id,
    name: raw.name.trim() || '(unnamed zone)',
    type: raw.type ?? null,
    locationId: raw.location_id ?? null,
    locationName: raw.location_name ?? null,
    areaCm2,
    dwellThresholdMs: raw.dwell_time_threshold_ms ?? null,
    zoneThresholdMm: raw.zone_threshold_mm ?? null,
    points,
    drawable,
    notes,
  };
}

/** Checks a floorplan's zones and measures what can be drawn. */
export function checkFloorplan(raw: RawFloorplan): Floorplan {
  const zones = raw.zones.map(checkZone);
  const notes: string[] = [];
  if (zones.length === 0) notes.push('This floorplan has no zones yet: nothing to draw. Zones are drawn in RetailNext\'s floorplan tool.');
  const seen = new Set<string>();
  for (const z of zones) {
    if (seen.has(z.id)) notes.push(`Zone id ${z.id} appears more than once.`);
    seen.add(z.id);
  }
  const skipped = zones.filter((z) => !z.drawable).length;
  if (zones.length > 0 && skipped > 0) notes.push(`${skipped} of ${plural(zones.length, 'zone')} cannot be drawn: see the notes in the zone list.`);
  let bounds: Floorplan['bounds'] = null;
  for (const z of zones) {
    if (!z.drawable) continue;
    for (const p of z.points) {
      if (!bounds) bounds = { minX: p.x, minY: p.y, maxX: p.x, maxY: p.y };
      else {
        bounds.minX = Math.min(bounds.minX, p.x);
        bounds.minY = Math.min(bounds.minY, p.y);
        bounds.maxX = Math.max(bounds.maxX, p.x);
        bounds.maxY = Math.max(bounds.maxY, p.y);
      }
    }
  }
  return { id: raw.id, name: raw.name.trim() || '(unnamed floorplan)', zones, bounds, notes };
}

/** "46.9 m²" for an area in cm². */
export function formatArea(cm2: number | null): string {
  if (cm2 === null) return '—';
  const m2 = sqm(cm2);
  return `${m2 >= 100 ? Math.round(m2).toLocaleString('en-US') : m2.toFixed(1)} m²`;
}
