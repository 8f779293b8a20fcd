import type { Vendor } from '../connections/types';

export type NodeKind = 'region' | 'store' | 'entrance' | 'display' | 'fitting_room' | 'other' | 'unplaced' | 'vendor_location' | 'unknown_store';

export interface NodeCounts {
  devices: number;
  openAlerts: number;
  findings: number;
}

/**
 * One node of the store tree, sent compactly (10,000+ of them): parent is an index into the same
 * array (-1 = top level), parents always come before their children.
 */
export interface TreeNode {
  id: string;
  parent: number;
  kind: NodeKind;
  name: string;
  /** RetailNext store uuid for stores (and unknown stores); absent otherwise. */
  storeUuid?: string;
  /** Extra words the search matches: store id, Flow code, Exteros names placed under the store. */
  keys: string;
  /** Vendor of an unplaced vendor location. */
  vendor?: Vendor;
  /** Absent when all zero (most sublocations): the tree of a large estate stays small on the wire. */
  counts?: NodeCounts;
  /** In a partial tree: it has children (sublocations) that come with the full tree. */
  more?: boolean;
}

export const noCounts: NodeCounts = { devices: 0, openAlerts: 0, findings: 0 };
export const countsOf = (n: TreeNode): NodeCounts => n.counts ?? noCounts;

/** A Flow store code or an Exteros location attached to a RetailNext store (or not yet placed). */
export interface VendorLink {
  connectionId: string;
  vendor: Vendor;
  /** The vendor's key: a Flow store code, an Exteros location name. */
  key: string;
  /** Exteros location type (store, popup, zone, region) or 'store' for Flow. */
  kind: string;
  /** The RetailNext location (a store; a region for Exteros regions) it is placed under, or null. */
  locationUuid: string | null;
  /** auto: matched by code or name; manual: set by the user; none: not placed. */
  source: 'auto' | 'manual' | 'none';
  /** Why it was placed there, in words. */
  reason: string;
}

export interface DataAge {
  connectionId: string;
  connectionName: string;
  vendor: Vendor;
  what: string;
  fetchedAt: string | null;
}

export interface StoreTree {
  nodes: TreeNode[];
  /** Vendor locations placed by the user or not placed (those matched automatically are in `estate.links`). */
  links: VendorLink[];
  /** The cached datasets the tree is made of and how old each is. */
  ages: DataAge[];
  /** Changes whenever the cache, the mapping or the audit settings change. */
  version: string;
  /**
   * The first part only (regions and stores, device and open-alert counts): sublocations, vendor
   * placements and audit findings come with the full tree.
   */
  partial?: boolean;
}

export interface StoreDevice {
  kind: 'camera' | 'appliance';
  id: string;
  name: string;
  type: string;
  lastHeard: string | null;
  openAlerts: number;
  findings: number;
}

export interface StoreAlertBrief {
  uuid: string;
  severity: string;
  type: string;
  description: string;
  subjectName: string;
  createdTime: string | null;
  resolved: boolean;
}

export interface StorePanel {
  storeUuid: string;
  name: string;
  known: boolean;
  region: string | null;
  storeId: string | null;
  timeZone: string | null;
  /** Local date in the store's time zone and its opening hours ("10:00"–"21:00"), when cached. */
  today: string | null;
  hoursToday: { open: string | null; close: string | null } | null;
  area: number | null;
  occupancyLimit: number | null;
  occupancy: { value: number; day: string; hour: number; fetchedAt: string; provisional: boolean } | null;
  devices: StoreDevice[];
  alerts: StoreAlertBrief[];
  links: VendorLink[];
  /** Last data update from each vendor for this store. */
  updates: DataAge[];
  counts: NodeCounts;
}
