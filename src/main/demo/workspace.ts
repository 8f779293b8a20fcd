import path from 'node:path';
import { untilAborted } from '../../shared/async/untilAborted';
import { AppError } from '../../shared/contract/errors';
import type { ConnectionView, Vendor } from '../../shared/connections/types';
import type { DemoStatus } from '../../shared/demo/contract';
import { startSimulator, type RunningSimulator } from '../../simulator';
import type { ConnectionsService, DemoLink } from '../connections/service';
import type { CoreContext } from '../core/context';

const demoNames: Record<Vendor, string> = {
  retailnext: 'Demo RetailNext',
  flow: 'Demo Flow',
  exteros: 'Demo Exteros',
};

/**
 * The Demo workspace: the bundled vendor simulator, started in-process on a random loopback port,
 * with one connection per vendor. Its credentials are the simulator's public demo constants, so
 * they are handed over from memory and never written to the keychain; its address changes at
 * every start, so connections are pointed at the live simulator whenever it runs.
 */
export class DemoWorkspace implements DemoLink {
  private simulator: Promise<RunningSimulator> | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly connections: ConnectionsService,
  ) {}

  async start(): Promise<DemoStatus> {
    const sim = await this.running();
    const existing = this.connections.list().filter((c) => c.isDemo);
    const has = (vendor: Vendor) => existing.find((c) => c.vendor === vendor);
    const c = sim.credentials;
    await this.connections.save(
      { vendor: 'retailnext', id: has('retailnext')?.id, name: demoNames.retailnext, baseUrl: null, subscription: c.retailnext.subscription, accessKey: c.retailnext.accessKey },
      { isDemo: true },
    );
    await this.connections.save({ vendor: 'flow', id: has('flow')?.id, name: demoNames.flow, baseUrl: null, storeCodes: c.flow.storeCodes, language: c.flow.language, currency: 'USD' }, { isDemo: true });
    await this.connections.save({ vendor: 'exteros', id: has('exteros')?.id, name: demoNames.exteros, baseUrl: null }, { isDemo: true });
    return { running: true, connections: this.connections.list().filter((x) => x.isDemo) };
  }

  /**
   * At start-up: a console that had the Demo workspace when it last closed starts its simulator
   * again, so the demo connections point at it (not at the vendors' own addresses) before anyone
   * presses Test. The connections are announced again once their address is known.
   */
  resume(): void {
    if (!this.connections.list().some((c) => c.isDemo)) return;
    this.running().then(
      (sim) => {
        // Closed meanwhile: nothing to announce.
        if (this.current === sim) this.ctx.emit('connections.changed', { connections: this.connections.list() });
      },
      (e: unknown) => this.ctx.log.log('warn', 'demo workspace: the simulator did not start again', { error: e instanceof Error ? e.message : String(e) }),
    );
  }

  async stop(): Promise<{ removed: number }> {
    const demo = this.connections.list().filter((c) => c.isDemo);
    for (const c of demo) await this.connections.remove(c.id);
    await this.close();
    return { removed: demo.length };
  }

  /** The live address of a demo connection, or null while the simulator is not running. */
  baseUrlOf(connection: ConnectionView): string | null {
    return this.current?.baseUrls[connection.vendor] ?? null;
  }

  /** `signal`: a call given up stops waiting for the simulator to start (the simulator still starts). */
  async secretOf(connection: ConnectionView, signal?: AbortSignal): Promise<string> {
    const sim = await untilAborted(this.running(), signal);
    if (connection.vendor === 'retailnext') return sim.credentials.retailnext.secretKey;
    return sim.credentials[connection.vendor].apiKey;
  }

  async close(): Promise<void> {
    const sim = this.simulator;
    this.simulator = null;
    this.current = null;
    if (sim) await (await sim.catch(() => null))?.close();
  }

  private current: RunningSimulator | null = null;

  private running(): Promise<RunningSimulator> {
    // On the core's clock: the vendors' today is the console's (tests pin it).
    this.simulator ??= startSimulator({ port: 0, scale: 'demo', workDir: path.join(this.ctx.dataDir, 'demo-simulator'), now: this.ctx.now }).then(
      (sim) => {
        this.current = sim;
        this.ctx.log.log('info', 'demo workspace: simulator started', { url: sim.url });
        return sim;
      },
      (e: unknown) => {
        this.simulator = null;
        throw new AppError('internal', 'The Demo workspace could not start its simulator.', e instanceof Error ? e.message : String(e));
      },
    );
    return this.simulator;
  }
}
