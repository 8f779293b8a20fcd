import type { Agent } from 'undici';
import { Semaphore } from './limiter';
import { undici } from './undici';

/** Connect and idle deadlines: the key of a connection pool. */
export interface PoolDeadlines {
  connectMs: number;
  idleMs: number;
}

/** Counts of the requests sent through one HttpPools. */
export interface HttpStats {
  requests: number;
  retries: number;
  rateLimited: number;
  /** Per concurrency limit (its key): attempts sent under it, time they waited for a slot and held one (ms). */
  limits: Record<string, { requests: number; waitMs: number; heldMs: number }>;
}

/**
 * What every request to the vendors shares while the core runs, built once by the composition root
 * and handed to the vendor targets: one concurrency limit per key (one endpoint of one account, so
 * sync, a view's refresh and a test-connection click share the vendor's limit), and connection pools,
 * one per pair of connect/idle deadlines, so connections are reused.
 */
export class HttpPools {
  /** Every attempt sent and every retry taken through these pools (the benchmark and tests read them). */
  readonly stats: HttpStats = { requests: 0, retries: 0, rateLimited: 0, limits: {} };
  private readonly limiters = new Map<string, Semaphore>();
  private readonly agents = new Map<string, Agent>();

  limiter(key: string, max: number): Semaphore {
    let s = this.limiters.get(key);
    if (!s || s.max !== max) {
      if (s && s.inUse > 0) return s;
      s = new Semaphore(max);
      this.limiters.set(key, s);
    }
    return s;
  }

  agent(d: PoolDeadlines): Agent {
    const key = `${d.connectMs}/${d.idleMs}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new (undici().Agent)({ connect: { timeout: d.connectMs }, headersTimeout: d.idleMs, bodyTimeout: d.idleMs });
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** Closes the pooled connections (the core is closing). */
  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((a) => a.close().catch(() => undefined)));
  }
}
