import { additiveMeasures, type AdditiveMeasure, type Figures, type Occupancy, type Ratios, type Sums, type Validity } from './types';

/** a / b, or null ("n/a") when either is missing or b is zero: never a silent 0 or Infinity. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null;
  return a / b;
}

export function emptySums(): Sums {
  return Object.fromEntries(additiveMeasures.map((m) => [m, null])) as Sums;
}

/** Adds a value to a measure; null stays null only while nothing has been added. */
export function addTo(sums: Sums, measure: AdditiveMeasure, value: number | null | undefined): void {
  if (value === null || value === undefined) return;
  sums[measure] = (sums[measure] ?? 0) + value;
}

export function addSums(into: Sums, other: Sums): void {
  for (const m of additiveMeasures) addTo(into, m, other[m]);
}

export function ratiosOf(s: Sums): Ratios {
  return {
    conversion: ratio(s.transactions, s.flowIn),
    atv: ratio(s.sales, s.transactions),
    upt: ratio(s.itemsSold, s.transactions),
    salesPerVisitor: ratio(s.sales, s.flowIn),
    discoveryRate: ratio(s.discoveries, s.impressions),
    engagementRate: ratio(s.engagements, s.discoveries),
    interactionRate: ratio(s.interactions, s.engagements),
    predictionAccuracy: ratio(s.predictedMatched, s.predictedActual),
  };
}

export function emptyOccupancy(): Occupancy {
  return { peak: null, peakShareOfLimit: null, overLimit: null, limit: null };
}

export function mergeOccupancy(into: Occupancy, o: Occupancy): void {
  if (o.peak !== null) into.peak = Math.max(into.peak ?? o.peak, o.peak);
  if (o.peakShareOfLimit !== null) into.peakShareOfLimit = Math.max(into.peakShareOfLimit ?? o.peakShareOfLimit, o.peakShareOfLimit);
  if (o.overLimit !== null) into.overLimit = (into.overLimit ?? 0) + o.overLimit;
}

export function emptyValidity(): Validity {
  return { hours: 0, incompleteHours: 0, imputedHours: 0, provisional: false, stale: false, missing: false };
}

export function mergeValidity(into: Validity, v: Validity): void {
  into.hours += v.hours;
  into.incompleteHours += v.incompleteHours;
  into.imputedHours += v.imputedHours;
  into.provisional ||= v.provisional;
  into.stale ||= v.stale;
  into.missing ||= v.missing;
}

export function emptyFigures(): Figures {
  return { sums: emptySums(), ratios: ratiosOf(emptySums()), occupancy: emptyOccupancy(), validity: emptyValidity() };
}

/** Sums the additive parts and recomputes the ratios from the sums (never an average of ratios). */
export function mergeFigures(into: Figures, f: Figures): void {
  addSums(into.sums, f.sums);
  mergeOccupancy(into.occupancy, f.occupancy);
  mergeValidity(into.validity, f.validity);
  into.ratios = ratiosOf(into.sums);
}

/** The traffic a report leads with: RetailNext's counters when present, else Flow's. */
export function leadTraffic(s: Sums): number | null {
  return s.rnIn ?? s.flowIn;
}
