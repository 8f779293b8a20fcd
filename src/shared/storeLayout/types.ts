/** A point of a zone outline, in centimetres on the floorplan (RetailNext FPA). */
export interface PlanPoint {
  x: number;
  y: number;
}

/** One FPA zone as the console draws it; `notes` say what is wrong with the vendor's outline, if anything. */
export interface FloorplanZone {
  id: string;
  name: string;
  /** The document's types: fpa, staff (masks are excluded by the vendor); another word is shown as given. */
  type: string | null;
  locationId: string | null;
  locationName: string | null;
  /** Square centimetres: the vendor's figure, or the outline's when the vendor gave none. */
  areaCm2: number | null;
  dwellThresholdMs: number | null;
  zoneThresholdMm: number | null;
  /** The outline without the repeated closing point. */
  points: PlanPoint[];
  /** False when the outline cannot be drawn (fewer than three points, coordinates out of range): listed only. */
  drawable: boolean;
  notes: string[];
}

export interface Floorplan {
  id: string;
  name: string;
  zones: FloorplanZone[];
  /** The extent of the drawable zones, in cm; null when nothing can be drawn. */
  bounds: { minX: number; minY: number; maxX: number; maxY: number } | null;
  notes: string[];
}

/** A store's floorplans (one per floor), from the cache, with when they were fetched. */
export interface StoreFloorplans {
  storeUuid: string;
  storeName: string;
  connectionId: string;
  connectionName: string;
  floorplans: Floorplan[];
  fetchedAt: string;
  /** Set when a refresh was asked and failed: the cached floorplans are shown, with why they are not new. */
  refreshError: { code: string; message: string } | null;
}

/** What a zone can be coloured by: datamine metrics of a zone's location. */
export type ZoneMeasure = 'traffic_in' | 'dwells' | 'average_dwell_time';

/** One zone's measures over the range; null where the vendor gave none. */
export interface ZoneMeasureValues {
  zoneId: string;
  locationId: string;
  trafficIn: number | null;
  dwells: number | null;
  /** Seconds. */
  averageDwellSeconds: number | null;
}

/** A floor's zone measures over [from, to] (days in the store's zone, both included, store hours). */
export interface ZoneMetrics {
  storeUuid: string;
  floorplanId: string;
  from: string;
  to: string;
  /** The store's time zone the days are read in (null: the store has none cached; UTC is used). */
  timeZone: string | null;
  values: ZoneMeasureValues[];
  /** Zones without a location (no metrics), locations the vendor did not answer. */
  notes: string[];
  fetchedAt: string;
  refreshError: { code: string; message: string } | null;
}

export type TransitionMetric = 'all' | 'employee' | 'customer';
export type TransitionKind = 'direct_only' | 'direct_and_indirect' | 'directionless';
export type TransitionDwells = 'dwells_only' | 'non_dwells' | 'all_traffic';

export interface TransitionOptions {
  metric: TransitionMetric;
  transitions: TransitionKind;
  dwells: TransitionDwells;
}

/** A zone of a transitions answer; `known` is false when it is not on the floorplan (listed, not drawn). */
export interface TransitionZone {
  id: string;
  name: string;
  known: boolean;
}

export interface TransitionFlow {
  from: string;
  to: string;
  value: number;
  /** The vendor's share of everything leaving `from`, in percent. */
  percentage: number | null;
}

/** A floor's zone-to-zone transitions over [from, to] with the options asked, as the vendor counted them. */
export interface ZoneTransitions {
  storeUuid: string;
  floorplanId: string;
  from: string;
  to: string;
  options: TransitionOptions;
  zones: TransitionZone[];
  flows: TransitionFlow[];
  notes: string[];
  fetchedAt: string;
  refreshError: { code: string; message: string } | null;
}
