import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import type { ConnectionInput } from '../../shared/connections/contract';
import type { ConnectionView, Vendor } from '../../shared/connections/types';
import type { CoreContext } from '../core/context';
import { connectionAccount } from '../secrets/store';
import { vendorTarget, type VendorTarget } from '../vendors/target';
import { testConnection, type TestConnectionOptions } from '../vendors/testConnection';
import { HttpPools } from '../vendors/http/pools';

interface ConnectionRow {
  id: string;
  vendor: Vendor;
  name: string;
  base_url: string | null;
  settings: string;
  secret_set: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

type ParsedInput = Extract<ConnectionInput, { vendor: Vendor }> & { baseUrl: string | null };

/** How Demo workspace connections get their live address and their (public, demo) credentials. */
export interface DemoLink {
  baseUrlOf(connection: ConnectionView): string | null;
  secretOf(connection: ConnectionView, signal?: AbortSignal): Promise<string>;
}

/** Saved vendor connections: settings in SQLite, the secret in the OS keychain and nowhere else. */
export class ConnectionsService {
  private demo: DemoLink | null = null;

  /**
   * `http`: the core's shared concurrency limits and connection pools, built by the composition root
   * (a service of its own by default: tests that build connections alone).
   */
  constructor(
    private readonly ctx: CoreContext,
    readonly http: HttpPools = new HttpPools(),
  ) {}

  linkDemo(demo: DemoLink): void {
    this.demo = demo;
  }

  list(): ConnectionView[] {
    const rows = this.ctx.db.prepare('SELECT * FROM connections ORDER BY is_demo, name COLLATE NOCASE, id').all() as ConnectionRow[];
    return rows.map((row) => this.view(row));
  }

  get(id: string): ConnectionView {
    const row = this.ctx.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
    if (!row) throw new AppError('not_found', 'This connection no longer exists.');
    return this.view(row);
  }

  /** The secret of a connection, for the vendor clients only. `signal`: the call's (a cancelled call reads no key). */
  async secretOf(id: string, signal?: AbortSignal): Promise<string> {
    const connection = this.get(id);
    if (connection.isDemo) {
      if (!this.demo) throw new AppError('not_found', 'The Demo workspace is not available in this console.');
      return this.demo.secretOf(connection, signal);
    }
    const secret = await this.ctx.secrets.get(connectionAccount(id), { signal });
    if (!secret) {
      throw new AppError('auth_failed', 'No secret is saved for this connection in the keychain. Edit the connection and enter it again.');
    }
    return secret;
  }

  /**
   * A connection with its secret, for building a vendor target. The secret comes first: a Demo
   * workspace connection's address is only known once its simulator runs, which the secret waits for.
   */
  async withSecret(id: string, signal?: AbortSignal): Promise<{ connection: ConnectionView; secret: string }> {
    const secret = await this.secretOf(id, signal);
    return { connection: this.get(id), secret };
  }

  /** Where and how to reach a connection's vendor account, with its saved key: the one place a saved key becomes credential headers. */
  async targetOf(id: string, signal?: AbortSignal): Promise<VendorTarget> {
    const { connection, secret } = await this.withSecret(id, signal);
    return vendorTarget(connection, secret, this.http);
  }

  /** Calls one cheap endpoint of a saved connection's vendor with its saved key (connections.test, the scheduler's probe). */
  async test(id: string, options: TestConnectionOptions = {}): Promise<{ latencyMs: number; summary: string }> {
    const { connection, secret } = await this.withSecret(id, options.signal);
    return testConnection(connection, secret, this.http, options);
  }

  async save(input: ParsedInput, options: { isDemo?: boolean } = {}): Promise<ConnectionView> {
    const existing = input.id ? this.get(input.id) : null;
    if (existing && existing.vendor !== input.vendor) {
      throw new AppError('invalid_input', 'A connection cannot change vendor; add a new one instead.');
    }
    const secret = input.vendor === 'retailnext' ? input.secretKey : input.apiKey;
    const isDemo = options.isDemo ?? existing?.isDemo ?? false;
    if (!existing && !secret && !isDemo) {
      throw new AppError('invalid_input', input.vendor === 'retailnext' ? 'The secret key is required.' : 'The API key is required.');
    }
    const id = existing?.id ?? randomUUID();
    // Keychain first: if it refuses, nothing is saved and the user is told why.
    if (secret && !isDemo) await this.ctx.secrets.set(connectionAccount(id), secret);

    const now = this.ctx.now().toISOString();
    const row = {
      id,
      vendor: input.vendor,
      name: input.name,
      base_url: input.baseUrl,
      settings: JSON.stringify(settingsOf(input)),
      secret_set: isDemo || existing?.secretSet || secret ? 1 : 0,
      is_demo: isDemo ? 1 : 0,
      created_at: existing?.createdAt ?? now,
      updated_at: now,
    };
    this.ctx.db
      .prepare(
        `INSERT INTO connections (id, vendor, name, base_url, settings, secret_set, is_demo, created_at, updated_at)
         VALUES (@id, @vendor, @name, @base_url, @settings, @secret_set, @is_demo, @created_at, @updated_at)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url, settings = excluded.settings,
           secret_set = excluded.secret_set, is_demo = excluded.is_demo, updated_at = excluded.updated_at`,
      )
      .run(row);
    this.changed();
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const connection = this.get(id);
    if (!connection.isDemo) await this.ctx.secrets.delete(connectionAccount(id));
    this.ctx.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
    this.changed();
  }

  private changed(): void {
    this.ctx.emit('connections.changed', { connections: this.list() });
  }

  private view(row: ConnectionRow): ConnectionView {
    const view = toView(row);
    return view.isDemo ? { ...view, baseUrl: this.demo?.baseUrlOf(view) ?? view.baseUrl } : view;
  }
}

function settingsOf(input: ParsedInput): ConnectionView['settings'] {
  switch (input.vendor) {
    case 'retailnext':
      return { subscription: input.subscription, accessKey: input.accessKey };
    case 'flow':
      return { storeCodes: input.storeCodes, language: input.language ?? 'en', ...(input.currency ? { currency: input.currency } : {}) };
    case 'exteros':
      return {};
  }
}

function toView(row: ConnectionRow): ConnectionView {
  let settings: unknown;
  try {
    settings = JSON.parse(row.settings);
  } catch {
    settings = {};
  }
  return {
    id: row.id,
    vendor: row.vendor,
    name: row.name,
    baseUrl: row.base_url,
    settings,
    secretSet: row.secret_set === 1,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  } as ConnectionView;
}
