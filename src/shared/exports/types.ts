import type { ContractError } from '../contract/errors';

/** A video channel the console can export or play, with the appliance that records it. */
export interface VideoChannel {
  uuid: string;
  name: string;
  applianceId: string;
  recordingEnabled: boolean;
  /** MAC address of the camera (the vendor's device id), when known: tells apart cameras of one name. */
  mac?: string | null;
}

export interface VideoStore {
  uuid: string;
  name: string;
  /** IANA zone of the store; times are entered in it. */
  timeZone: string;
  appliances: Array<{ applianceId: string; channels: VideoChannel[] }>;
}

export interface VideoSources {
  connectionId: string;
  stores: VideoStore[];
  /** When the list was read from the vendor (ISO). */
  fetchedAt: string;
}

export const exportStates = ['in_progress', 'ready', 'downloading', 'interrupted', 'cancelled', 'done', 'expired', 'failed'] as const;
export type ExportState = (typeof exportStates)[number];

export const exportStateLabels: Record<ExportState, string> = {
  in_progress: 'Rendering at RetailNext',
  ready: 'Ready to download',
  downloading: 'Downloading',
  interrupted: 'Interrupted (can resume)',
  cancelled: 'Cancelled',
  done: 'Done',
  expired: 'Expired at RetailNext',
  failed: 'Failed',
};

/** What was asked of the vendor; kept so an export can be retried and recorded as evidence. */
export interface ExportRequest {
  connectionId: string;
  storeUuid: string;
  storeName: string;
  timeZone: string;
  applianceId: string;
  /**
   * The cameras, as named at the vendor. `mac` (the camera's MAC address) and `nameShared` (another
   * camera of the store has the same name) are missing in exports made before they were kept.
   */
  channels: Array<{ uuid: string; name: string; mac?: string | null; nameShared?: boolean }>;
  /** UTC, ISO 8601 with Z, whole seconds. */
  start: string;
  end: string;
  analyticsOverlay: boolean;
  infoOverlay: boolean;
  raw: boolean;
  /** Only sent when several channels are exported. */
  resolution: string | null;
}

export interface EvidenceRecord {
  jobId: string;
  exportId: string;
  /** OS user name of whoever ran the console. */
  who: string;
  /** When the download finished (ISO). */
  when: string;
  storeUuid: string;
  storeName: string;
  timeZone: string;
  channels: Array<{ uuid: string; name: string }>;
  requestedRange: { start: string; end: string };
  fileName: string;
  filePath: string;
  sidecarPath: string;
  size: number;
  sha256: string;
}

export interface ExportJobView {
  id: string;
  request: ExportRequest;
  /** The vendor's export id (null until started). */
  exportId: string | null;
  state: ExportState;
  /** Why it failed or stopped, in words (the vendor's reason for a 424). */
  reason: ContractError | null;
  folder: string;
  /** Set once the download has finished. */
  filePath: string | null;
  bytesDone: number;
  bytesTotal: number | null;
  createdAt: string;
  updatedAt: string;
  /** When RetailNext was asked to render it (start or retry); null for exports made before this was kept. */
  renderStartedAt: string | null;
  /** While it renders: how long it should take, from this connection's past renders (null: none yet). */
  renderEstimate: RenderEstimate | null;
  /** When its task at RetailNext was deleted from the console (the downloaded file stays). */
  remoteDeletedAt: string | null;
  evidence: EvidenceRecord | null;
}

/** How long RetailNext should take to render an export, judged from the connection's past renders. */
export interface RenderEstimate {
  /** Whole seconds from the start of the render. */
  seconds: number;
  /** How many past renders of this connection it is based on. */
  basedOn: number;
}

export interface ExportProgress {
  id: string;
  bytesDone: number;
  bytesTotal: number | null;
  /** Bytes per second over the last few seconds. */
  rateBps: number;
  /** null when unknown. */
  secondsLeft: number | null;
  /** Every byte is on disk; the SHA-256 of the evidence record is being finished. */
  hashing?: boolean;
}

export interface VerifyResult {
  id: string;
  matches: boolean;
  /** What was found, in words. */
  message: string;
  expectedSha256: string;
  actualSha256: string | null;
  expectedSize: number;
  actualSize: number | null;
  /** Whether the sidecar beside the video still says the same hash. */
  sidecarMatches: boolean;
  checkedAt: string;
}

export interface ExportSettings {
  defaultFolder: string;
  /** The desktop shell has a native folder picker; browser mode types a path. */
  canChooseFolder: boolean;
  /** The desktop shell can open files and folders; browser mode cannot. */
  canOpen: boolean;
}

/** Where the console plays a downloaded export (its own origin's media route). */
export interface ClipPreview {
  id: string;
  url: string;
  /** Whether the console's player can play this kind of file (a raw .mkv export cannot: open it instead). */
  playable: boolean;
  fileName: string;
}

export interface OpenResult {
  opened: boolean;
  path: string;
  /** Why it was not opened (browser mode), in words. */
  message: string | null;
}

/**
 * What a write to RetailNext about an export would do, shown before it is sent: starting one (or
 * asking for it again) creates an export task at RetailNext, deleting one removes its task there.
 */
export interface ExportWritePreview {
  previewId: string;
  action: 'start' | 'retry' | 'delete';
  /** The export of this console it is about (null for a new one). */
  jobId: string | null;
  connectionName: string;
  /** The export in words ("Denver Union St · Entrance cam, 2026-04-19 10:00–10:15"). */
  summary: string;
  lines: Array<{ label: string; value: string }>;
  notes: string[];
  /** Why it cannot be sent (nothing is sent then), in words. */
  blocked: string | null;
}
