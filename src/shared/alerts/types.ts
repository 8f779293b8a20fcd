export interface AlertRow {
  connectionId: string;
  uuid: string;
  storeUuid: string | null;
  storeName: string;
  /** false when the alert's store is not in the tree (shown under Unplaced). */
  storeKnown: boolean;
  type: string;
  severity: string;
  description: string;
  subjectId: string;
  subjectName: string;
  /** The inventory record of the subject, when the cache has it. */
  device: { kind: 'camera' | 'appliance'; id: string } | null;
  eventTime: string | null;
  createdTime: string | null;
  /** createdTime as epoch ms (null when missing or unreadable), for ranges and sorting. */
  createdMs: number | null;
  resolved: boolean;
  resolvedTime: string | null;
  obsolete: boolean;
  /** Seen for the first time by the last sync and not yet looked at. */
  isNew: boolean;
  /** When someone acknowledged it in this console (RetailNext's API has no acknowledgement: it stays local). */
  acknowledgedAt: string | null;
  /** The camera's own "last heard" in the cached inventory, to set beside a "haven't heard" alert. */
  deviceLastHeard: string | null;
}

export interface AlertFilter {
  severity?: string[];
  types?: string[];
  storeUuids?: string[];
  status?: 'open' | 'resolved' | 'all';
  /** epoch ms, creation time inclusive */
  from?: number;
  to?: number;
  search?: string;
}

/** The alert counts the sidebar's badge and the desktop's tray show (alerts.badge). */
export interface AlertBadge {
  /** Open alerts new since they were last looked at. */
  newCount: number;
  open: number;
  /** Open alerts of severity critical (the tray's count). */
  openCritical: number;
}

export interface AlertList {
  alerts: AlertRow[];
  /** Every severity, type and store present (for the filter menus). */
  facets: { severities: string[]; types: string[]; stores: Array<{ uuid: string | null; name: string }> };
  total: number;
  fetchedAt: string | null;
  newCount: number;
}

export interface NewAlertsEvent {
  connectionId: string;
  count: number;
  sample: Array<Pick<AlertRow, 'uuid' | 'severity' | 'description' | 'storeName' | 'subjectName'>>;
}
