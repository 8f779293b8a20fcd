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
