import type { Finding } from '../../shared/audit/rules';
import type { StoreTree, VendorLink } from '../../shared/estate/types';
import type { CoreContext } from '../core/context';
import type { EventListener } from '../core/events';
import { matchVendorLocations } from './match';
import { cacheVersion, loadModel, readCameras, type CameraRec, type EstateModel } from './model';
import { isKept, readPrepared, topTreeName, writePrepared } from './prepared';
import { buildTopTree, buildTree } from './tree';

/**
 * Where the estate's findings come from (the audit). Handed in by the composition root, so that
 * estate never imports the audit, which is built on it.
 */
export interface FindingsSource {
  /** Changes whenever the same model would give other findings (the audit settings). */
  settingsKey(): string;
  find(model: EstateModel, links: readonly VendorLink[], now: Date): Finding[];
}

/** The model, its vendor links and the audit findings, for one cache version, settings and minute. */
export interface EstateState {
  model: EstateModel;
  links: VendorLink[];
  findings: Finding[];
  key: string;
}

/**
 * The estate as the IT views see it, owned in one place: the model read from the cache (rebuilt
 * only when a sync, the mapping or a connection changed it), the vendor links, the findings and the
 * store trees. Built once by the composition root and handed to audit, inventory and alerts.
 */
export class EstateService {
  private full: EstateModel | null = null;
  private top: EstateModel | null = null;
  private current: EstateState | null = null;
  private topTreeKept: StoreTree | null = null;
  private fullTreeKept: { key: string; tree: StoreTree } | null = null;
  private readonly rebuilt: Array<(model: EstateModel) => void> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * `keep` saves a view for the next start (it_prepared). By default on this connection; a read
   * worker, whose connection is read-only, hands it to the core's connection instead. `readAs`
   * hears the JSON text a kept view was read from (a read worker answers with it as it is).
   */
  constructor(
    private readonly ctx: CoreContext,
    private readonly findings: FindingsSource,
    private readonly keep: (name: string, version: string, value: unknown) => void = (name, version, value) => writePrepared(ctx.db, ctx.log, name, version, value),
    private readonly readAs: (value: object, json: string) => void = () => undefined,
  ) {}

  /** The version of the cache the model is read from. */
  version(): string {
    return cacheVersion(this.ctx.db);
  }

  /** The model of the cache as it is now. */
  model(): EstateModel {
    const version = this.version();
    if (this.full?.version === version) return this.full;
    this.full = loadModel(this.ctx.db, version, 'all');
    return this.full;
  }

  /**
   * What the first screen of the IT views needs, read in a few milliseconds: regions and stores (no
   * sublocations, no vendor locations), alerts, data ages; no devices. The full model follows.
   */
  topModel(): EstateModel {
    const version = this.version();
    if (this.top?.version === version) return this.top;
    this.top = loadModel(this.ctx.db, version, 'top');
    return this.top;
  }

  /** The full model when it is already built for the current cache version, else null (nothing read). */
  peekModel(): EstateModel | null {
    return this.full?.version === this.version() ? this.full : null;
  }

  /** The first `limit` cached cameras, without reading the others. */
  firstCameras(limit: number): CameraRec[] {
    return readCameras(this.ctx.db, limit);
  }

  cameraCount(): number {
    return (this.ctx.db.prepare('SELECT count(*) AS n FROM cached_cameras').get() as { n: number }).n;
  }

  /**
   * The model, its vendor links and the audit findings, recomputed when the cache or the settings
   * change, or a minute passes (quiet devices depend on the clock).
   */
  state(now: Date = this.ctx.now()): EstateState {
    const model = this.model();
    const key = `${model.version}|${this.findings.settingsKey()}|${Math.floor(now.getTime() / 60_000)}`;
    const kept = this.current;
    if (kept?.key === key) return kept;
    const links = kept && kept.model === model ? kept.links : matchVendorLocations(model);
    this.current = { model, links, findings: this.findings.find(model, links, now), key };
    return this.current;
  }

  /** The Stores view's first screen: from the copy the last run kept (it_prepared), else built. */
  topTree(): StoreTree {
    const version = this.version();
    if (this.topTreeKept?.version === version) return this.topTreeKept;
    const kept = readPrepared<StoreTree>(this.ctx.db, topTreeName, version);
    let tree: StoreTree;
    if (kept && kept.value.version === version) {
      tree = kept.value;
      this.readAs(tree, kept.json);
    } else {
      tree = buildTopTree(this.ctx.db, this.topModel());
      this.keep(topTreeName, version, tree);
    }
    this.topTreeKept = tree;
    return tree;
  }

  /** The whole tree: sublocations, vendor placements and findings. */
  fullTree(): StoreTree {
    const state = this.state();
    if (this.fullTreeKept?.key === state.key) return this.fullTreeKept.tree;
    const tree = { ...buildTree(state.model, state.links, state.findings), version: state.key };
    this.fullTreeKept = { key: state.key, tree };
    return tree;
  }

  /** Runs after the model is rebuilt following a sync (other views warm what they keep of it). */
  whenRebuilt(then: (model: EstateModel) => void): void {
    this.rebuilt.push(then);
  }

  /**
   * Prepares the IT views: the first screen (`start`), or after a sync of the estate's data the
   * model, the trees and whatever `whenRebuilt` asked for (`sync`), so that opening the views later
   * reads memory instead of 40,000 rows. Runs where the reads run (a read worker).
   */
  warm(part: 'start' | 'sync'): void {
    if (!this.ctx.db.open) return;
    try {
      const before = this.topTreeKept;
      const top = this.topTree();
      // The same copy as before may have been built while the sync writer held the cache, so that
      // it could not be kept then: kept now.
      if (top === before && !isKept(this.ctx.db, topTreeName, top.version)) this.keep(topTreeName, top.version, top);
      if (part === 'start') return;
      this.fullTree();
      const model = this.model();
      for (const then of this.rebuilt) then(model);
    } catch (e) {
      this.ctx.log.log('warn', part === 'start' ? 'estate: could not prepare the store tree at start' : 'estate: could not prepare the IT views after a sync', { error: String(e) });
    }
  }

  /**
   * Has `warm` (which hands the work to a read worker) prepare the first screen now, while the core
   * starts, before any window asks; and the rest after every sync once no other follows within a
   * second. Every dataset counts, KPIs too: the cache version the kept views are valid for moves with
   * each of them (the data ages), so a view kept before a KPI sync would be stale at the next start.
   */
  keepWarm(subscribe: (listener: EventListener) => () => void, warm: (part: 'start' | 'sync') => void): void {
    warm('start');
    subscribe((name) => {
      if (name !== 'sync.finished') return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        warm('sync');
      }, 1000);
      this.timer.unref?.();
    });
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
