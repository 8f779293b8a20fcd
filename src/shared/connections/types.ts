export const vendors = ['retailnext', 'flow', 'exteros'] as const;
export type Vendor = (typeof vendors)[number];

export const vendorLabels: Record<Vendor, string> = {
  retailnext: 'RetailNext',
  flow: 'Flow',
  exteros: 'Exteros',
};

/** Settings that are not secret, per vendor. Secrets live in the OS keychain only. */
export interface RetailNextSettings {
  subscription: string;
  accessKey: string;
}
export interface FlowSettings {
  storeCodes: string[];
  language: string;
  /** ISO 4217 code of the account's sales amounts (Flow's API sends amounts without one); absent = not said */
  currency?: string;
}
export type ExterosSettings = Record<string, never>;

export type ConnectionSettings =
  | { vendor: 'retailnext'; settings: RetailNextSettings }
  | { vendor: 'flow'; settings: FlowSettings }
  | { vendor: 'exteros'; settings: ExterosSettings };

/** What the renderer learns of a connection: never the secret itself, only whether one is set. */
export type ConnectionView = ConnectionSettings & {
  id: string;
  name: string;
  /** Override of the vendor's default address (simulator, proxy); null = the vendor's own. */
  baseUrl: string | null;
  secretSet: boolean;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
};

export interface ConnectionTestReport {
  latencyMs: number;
  summary: string;
}
