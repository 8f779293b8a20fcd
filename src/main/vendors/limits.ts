/**
 * Concurrency limits per vendor account. The documented ones (RetailNext cameras inventory and
 * predicted traffic: 3 per subscription) are the vendor's, and writes assume the same; the rest are the console's own politeness
 * cap per account, which the benchmark also uses to compute its floor.
 */
export const vendorLimits = {
  /**
   * writes: RetailNext documents no limit for its write endpoints; the console assumes the strictest
   * one it documents (3 concurrent requests per subscription, cameras inventory and predicted traffic).
   */
  retailnext: { default: 8, camerasInventory: 3, predictedTraffic: 3, writes: 3 },
  flow: { default: 8 },
  exteros: { default: 8 },
} as const;
