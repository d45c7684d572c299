// The whole fleet the tree shows: the configured profiles, the regions chosen for each, one
// ScopeModel per (profile, region), and the poller that follows moving WorkSpaces. Never imports
// `vscode`; the VS Code layer feeds it the settings and listens to its events.
//
// With a persistent cache (FleetCache), a scope shown for the first time is filled from it before
// its first call (keyed by profile, region and the profile's settings fingerprint) and stored again
// after each complete listing and each change of its rows; profiles that were removed or whose
// settings changed lose their entries.
import { EventEmitter } from 'node:events';
import type { AwsLayer } from '../aws';
import type { Clock } from '../core/clock';
import { errorMessage, toScopeError, type ScopeError } from '../core/errors';
import type { ProfileInfo, Scope } from '../core/types';
import type { FleetCache, ScopeSnapshot } from './cache';
import type { FleetShare } from './share';
import { discoveredName } from '../core/types';
import { limiter } from '../core/limiter';
import { discover, type AccountListStore, type IdentityCenterChoice, type Organization } from './organizations';

/** How long a change of some rows (a poll, an action) waits before the scope is stored again. */
const ROW_SAVE_DELAY_MS = 30_000;
/** The same while other windows show the fleet (they see the change through the file). */
const SHARED_ROW_SAVE_DELAY_MS = 2_000;
/** How often a first listing's rows so far are written while other windows follow it. */
const PARTIAL_SAVE_DELAY_MS = 5_000;
import {
  DEFAULT_TUNING,
  ScopeModel,
  scopeKey,
  type ModelLogger,
  type ModelTuning,
  type ScopeChange,
  type Section,
} from './scopeModel';

export interface FleetSettings {
  /** Profiles to show; empty = all. */
  profiles: readonly string[];
  /** Regions per profile (overrides the profile's `region`). */
  regions: Readonly<Record<string, readonly string[]>>;
  /** Show the environment's credentials as an extra pseudo-profile. */
  includeEnvironment: boolean;
  /** Accounts of IAM Identity Center to show, per sso-session (organizations.ts). */
  identityCenter?: Readonly<Record<string, IdentityCenterChoice>>;
}

export interface ProfileEntry {
  info: ProfileInfo;
  regions: string[];
  scopes: ScopeModel[];
}

/** How many scopes list at once (a first listing, an on-demand section): 200 scopes of an
 *  organisation do not all start together; each still draws on its own account's quota. */
export const SCOPES_AT_ONCE = 8;

export type FleetState = 'loading' | 'noProfiles' | 'ready' | 'error';

export interface FleetOptions {
  /** The one clock (src/core/clock.ts): every scope's times come from it. */
  clock: Clock;
  /** The persistent cache; undefined = off (`workspacesFleet.cacheFleetData`). */
  cache?: FleetCache;
  /** Windows sharing the cache's folder (share.ts): one listing per scope, fresh data kept. */
  share?: FleetShare;
  logger?: ModelLogger;
}

/** How the first showing of cached data went (the log, the tests and the report). */
export interface HydrationStats {
  /** Scopes filled from the cache, WorkSpaces they showed. */
  scopes: number;
  workspaces: number;
  /** ms from the first loadProfiles() (the view asking for its rows) to the cached rows in the
   *  model, and of that: reading the profiles (AWS layer loaded on the way), reading the cache. */
  ms: number;
  profilesMs: number;
  cacheMs: number;
  /** The oldest cached listing shown (ms since the epoch). */
  asOf?: number;
}

export class Fleet extends EventEmitter<{ profiles: []; scope: [ScopeModel, ScopeChange] }> {
  state: FleetState = 'loading';
  error?: ScopeError;
  profiles: ProfileEntry[] = [];
  /** Shared by every scope; tests shorten the "Creating…" window here. */
  readonly tuning: ModelTuning = { ...DEFAULT_TUNING };
  /** The last read of the profiles that filled scopes from the cache (the first: since the view
   *  opened). */
  hydration?: HydrationStats;
  private readonly scopes = new Map<string, ScopeModel>();
  /** The organisations of IAM Identity Center in the settings, as the last read of the profiles found them. */
  organizations: Organization[] = [];
  /** Read the organisations' account lists from the portal at the next reload (Refresh). */
  private forceDiscovery = false;
  /** At most SCOPES_AT_ONCE scopes list at once (see there). */
  private readonly startLimit = limiter(SCOPES_AT_ONCE);
  /** The read of the profiles in flight (joined by the next callers), and whether it re-reads the
   *  shared files. */
  private loadingProfiles?: { done: Promise<void>; reload: boolean };
  private queuedReload?: Promise<void>;
  /** performance.now() of the first loadProfiles(): when the view first asked for rows. */
  private openedAt?: number;

  constructor(
    private readonly layer: () => Promise<AwsLayer>,
    private settings: FleetSettings,
    private opts: FleetOptions,
  ) {
    super();
    this.startShare();
  }

  get share(): FleetShare | undefined {
    return this.opts.share;
  }

  private startShare(): void {
    // The cached entries are read while the AWS layer loads and the profiles are read.
    this.opts.cache?.preload();
    const { share, cache } = this.opts;
    if (!share || !cache) return;
    share.start({
      models: () => this.allScopes(),
      applyShared: (m) => this.applyShared(m),
      flush: (m) => cache.flushScope(m.scope.profile, m.scope.region),
    });
    cache.onWritten = (profile, region, written) => {
      const m = this.scopeModel({ profile, region });
      if (m) share.noteWritten(m, written);
    };
  }

  /** Merges what another window wrote of a scope; its savedAt, or undefined when nothing matched. */
  private async applyShared(model: ScopeModel): Promise<number | undefined> {
    const cache = this.opts.cache;
    if (!cache || !model.fingerprint || model.disposed) return undefined;
    const r = await cache.load(model.scope.profile, model.scope.region, model.fingerprint);
    if (r.status !== 'hit' || model.disposed) return undefined;
    model.mergeShared(r.snapshot);
    return r.savedAt;
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  get cache(): FleetCache | undefined {
    return this.opts.cache;
  }

  /** Turns the persistent cache (and the windows' sharing of it) on or off from now on. */
  setCache(cache: FleetCache | undefined, share?: FleetShare): void {
    void this.opts.share?.dispose();
    this.opts = { ...this.opts, cache, share };
    this.startShare();
  }

  scopeModel(scope: Scope): ScopeModel | undefined {
    return this.scopes.get(scopeKey(scope));
  }

  allScopes(): ScopeModel[] {
    return [...this.scopes.values()];
  }

  updateSettings(settings: FleetSettings): Promise<void> {
    this.settings = settings;
    return this.loadProfiles(false);
  }

  /**
   * (Re)reads the profiles (coalesced while one read is in flight). With `reload`, the shared
   * files are read again and cached clients of changed profiles are dropped; a reload asked while
   * a plain read is in flight runs after it rather than joining it.
   */
  loadProfiles(reload = false): Promise<void> {
    this.openedAt ??= performance.now();
    const current = this.loadingProfiles;
    if (current && (current.reload || !reload)) return current.done;
    if (current) {
      // A reload asked while a plain read is in flight: the files may have changed since that read
      // began, so the reload runs after it (once, however many ask meanwhile).
      this.queuedReload ??= current.done.then(() => {
        this.queuedReload = undefined;
        return this.loadProfiles(true);
      });
      return this.queuedReload;
    }
    const entry: { done: Promise<void>; reload: boolean } = {
      reload,
      done: this.doLoadProfiles(reload).finally(() => {
        if (this.loadingProfiles === entry) this.loadingProfiles = undefined;
      }),
    };
    this.loadingProfiles = entry;
    return entry.done;
  }

  private async doLoadProfiles(reload: boolean): Promise<void> {
    // Scopes already shown whose profile changed in the shared files (keys, endpoint, role): their
    // rows came from the old settings and are re-read once the profiles are known.
    const started = performance.now();
    const stale: ScopeModel[] = [];
    const fresh: Array<{ model: ScopeModel; info: ProfileInfo }> = [];
    let allNames: string[] | undefined;
    let changed = new Set<string>();
    try {
      const layer = await this.layer();
      changed = new Set(reload ? (await layer.reload()).changed : []);
      // The organisations' accounts first: they are profiles of their own from then on.
      const found = await discover(layer, this.settings.identityCenter ?? {}, {
        clock: this.opts.clock,
        store: this.opts.cache ? accountStore(this.opts.cache) : undefined,
        fresh: reload && this.forceDiscovery,
        log: (m) => this.opts.logger?.info(m),
      });
      this.forceDiscovery = false;
      layer.setDiscovered(found.profiles.map((p) => p.profile));
      const orgRegions = new Map(
        found.profiles.map((p) => [
          discoveredName(p.profile.source.id, p.profile.accountId, p.profile.roleName),
          p.regions,
        ]),
      );
      this.organizations = found.organizations;
      let infos = await layer.listProfiles();
      allNames = infos.map((p) => p.name);
      if (!this.settings.includeEnvironment) infos = infos.filter((p) => p.kind !== 'env');
      if (this.settings.profiles.length > 0) {
        const wanted = new Set(this.settings.profiles);
        infos = infos.filter((p) => p.organization !== undefined || wanted.has(p.name));
      }
      const next: ProfileEntry[] = [];
      const keep = new Set<string>();
      for (const info of infos) {
        const chosen = Object.hasOwn(this.settings.regions, info.name)
          ? this.settings.regions[info.name]
          : orgRegions.get(info.name);
        const regions = [...(chosen ?? (info.region ? [info.region] : []))];
        const scopes = regions.map((region) => {
          const scope = { profile: info.name, region };
          const key = scopeKey(scope);
          keep.add(key);
          let model = this.scopes.get(key);
          if (model && changed.has(info.name) && model.workspaces.state !== 'idle') stale.push(model);
          if (!model) {
            const m: ScopeModel = new ScopeModel(scope, async () => (await this.layer()).api(scope), {
              clock: this.opts.clock,
              // With windows sharing the fleet: fresh data stays, one window lists (share.ts).
              gate: (sections, load) => {
                const share = this.opts.share;
                const limited = (which: readonly Section[]): Promise<void> => this.startLimit(() => load(which));
                if (share) share.ensure(m, sections, limited);
                else void limited(sections);
              },
              tuning: this.tuning,
              logger: this.opts.logger,
            });
            m.on('change', (change) => {
              this.emit('scope', m, change);
              this.store(m, change);
            });
            this.scopes.set(key, m);
            fresh.push({ model: m, info });
            model = m;
          }
          model.fingerprint = info.settingsFingerprint;
          return model;
        });
        next.push({ info, regions, scopes });
      }
      for (const [key, model] of this.scopes) {
        if (!keep.has(key)) {
          void this.opts.share?.forget(model);
          model.dispose();
          this.scopes.delete(key);
        }
      }
      this.profiles = next;
      this.state = next.length === 0 && this.organizations.length === 0 ? 'noProfiles' : 'ready';
      delete this.error;
      // Before the tree shows the new scopes (and so before their first call): their cached rows.
      await this.hydrate(fresh, started);
    } catch (e) {
      this.state = 'error';
      this.error = toScopeError(e);
    }
    this.emit('profiles');
    for (const model of stale) {
      // Calls still queued or running were made with the old settings.
      model.cancel();
      void model.refresh();
    }
    this.pruneCache(allNames, changed);
  }

  /** Fills scopes shown for the first time from the cache (entries of other settings are dropped). */
  private async hydrate(
    fresh: ReadonlyArray<{ model: ScopeModel; info: ProfileInfo }>,
    started: number,
  ): Promise<void> {
    const cache = this.opts.cache;
    if (!cache) return;
    if (fresh.length === 0) {
      cache.endPreload();
      return;
    }
    const profilesDone = performance.now();
    const results = await Promise.all(
      fresh.map(async ({ model, info }) => {
        try {
          const r = await cache.load(model.scope.profile, model.scope.region, info.settingsFingerprint);
          if (r.status === 'stale') await cache.dropProfile(info.name);
          if (r.status === 'hit') this.opts.share?.noteSeen(model, r.savedAt);
          return r.status === 'hit' && model.hydrate(r.snapshot) ? model : undefined;
        } catch (e) {
          this.opts.logger?.warn(`Reading the cached data of ${model.key} failed: ${errorMessage(e)}`);
          return undefined;
        }
      }),
    );
    cache.endPreload();
    const shown = results.filter((m): m is ScopeModel => m !== undefined);
    if (shown.length === 0) return;
    const done = performance.now();
    // The first time: since the view asked for its rows; later (a region added back): since this read.
    const opened = (this.hydration ? started : this.openedAt) ?? started;
    const asOf = Math.min(...shown.map((m) => m.asOf ?? Infinity));
    this.hydration = {
      scopes: shown.length,
      workspaces: shown.reduce((n, m) => n + m.workspaces.items.size, 0),
      ms: done - opened,
      profilesMs: profilesDone - opened,
      cacheMs: done - profilesDone,
      ...(Number.isFinite(asOf) ? { asOf } : {}),
    };
  }

  /** Stores a scope after a complete listing of a section, or a change of some of its rows. */
  private store(model: ScopeModel, change: ScopeChange): void {
    const cache = this.opts.cache;
    if (!cache || !model.fingerprint) return;
    const shared = this.opts.share?.othersPresent() ?? false;
    const save = (): ScopeSnapshot => model.snapshot();
    const { profile, region } = model.scope;
    if (change.pageArrived) {
      // Other windows follow this listing: they see its rows so far every few seconds.
      if (shared) cache.save(profile, region, save, PARTIAL_SAVE_DELAY_MS);
      return;
    }
    const complete = change.workspaceIds === undefined && model.section(change.section).state === 'loaded';
    const ws = model.workspaces;
    // Rows of a complete listing, or of shown data listed earlier or elsewhere (an action in a
    // window that follows another's listing), never of a listing half done.
    const rows =
      change.workspaceIds !== undefined &&
      (ws.state === 'loaded' || (ws.state === 'idle' && ws.cachedAt !== undefined));
    if (complete) cache.save(profile, region, save);
    // Rows that move change every poll: stored at most every half minute (and at deactivation),
    // every 2 s while other windows show them.
    else if (rows) cache.save(profile, region, save, shared ? SHARED_ROW_SAVE_DELAY_MS : ROW_SAVE_DELAY_MS);
  }

  /** Drops the cache entries of profiles gone from the shared files, and of changed ones. */
  private pruneCache(names: readonly string[] | undefined, changed: ReadonlySet<string>): void {
    const cache = this.opts.cache;
    if (!cache || names === undefined) return;
    const log = (e: unknown): void => this.opts.logger?.warn(`Pruning the fleet cache failed: ${errorMessage(e)}`);
    for (const name of changed) void cache.dropProfile(name).catch(log);
    void cache
      .retainProfiles(names)
      .then((n) => {
        if (n > 0) this.opts.logger?.info(`Fleet cache: dropped the entries of ${n} scope(s) of removed profiles`);
      })
      .catch(log);
  }

  /** True when every scope that finished loading failed (the "all profiles failing" welcome). */
  get allFailing(): boolean {
    const scopes = this.allScopes();
    return scopes.length > 0 && scopes.every((s) => s.fatalError !== undefined);
  }

  /** Reloads everything: the profiles (the organisations' account lists from the portal), then every scope already shown. */
  async refreshAll(): Promise<void> {
    this.forceDiscovery = true;
    await this.loadProfiles(true);
    await Promise.all(this.allScopes().map((s) => s.refresh()));
  }

  dispose(): void {
    void this.opts.share?.dispose();
    for (const s of this.scopes.values()) s.dispose();
    this.scopes.clear();
    this.removeAllListeners();
  }

  /** Gives up this window's part in the shared folder (its leases, its presence) and waits for it. */
  async close(): Promise<void> {
    await this.opts.share?.dispose();
  }
}

/**
 * Follows moving WorkSpaces: every tick, for each scope with WorkSpaces in a moving state, one
 * refresh by id (≤ 25 ids per call) of just those. No tick runs while nothing moves.
 */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  /** Requests (by-id refreshes) issued per tick, for tests and the benchmark. */
  lastTickScopes = 0;

  constructor(
    private readonly fleet: Fleet,
    private intervalMs: number,
    private readonly onError: (scope: ScopeModel, e: unknown) => void = () => undefined,
  ) {}

  setInterval(ms: number): void {
    this.intervalMs = ms;
    if (this.timer) {
      this.stop();
      this.kick();
    }
  }

  /** Call when something may have started moving (a listing or an action). */
  kick(): void {
    if (this.timer) return;
    if (!this.pollable().some((s) => s.movingWorkspaceIds().length > 0)) return;
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  /** Scopes worth polling: not the ones that show a scope-wide error (denied, bad credentials, no
   *  network) — their rows are hidden behind the error row, and a Retry lists them again. */
  private pollable(): ScopeModel[] {
    return this.fleet.allScopes().filter((s) => s.fatalError === undefined);
  }

  async tick(): Promise<void> {
    this.timer = undefined;
    if (this.ticking) return;
    this.ticking = true;
    try {
      const candidates = this.pollable()
        .map((s) => [s, s.movingWorkspaceIds()] as const)
        .filter(([, ids]) => ids.length > 0);
      // With windows sharing the fleet, the one holding a scope's lease polls it (once per scope).
      const share = this.fleet.share;
      const allowed = await Promise.all(candidates.map(([s]) => share?.mayPoll(s) ?? Promise.resolve(true)));
      const moving = candidates.filter((_c, i) => allowed[i]);
      this.lastTickScopes = moving.length;
      await Promise.all(
        moving.map(async ([scope, ids]) => {
          try {
            // What a person is watching move (an action's follow-up reads may come as 'action').
            await scope.refreshWorkspaces(ids, { status: 'settled', priority: 'interactive' });
          } catch (e) {
            this.onError(scope, e);
          }
        }),
      );
    } finally {
      this.ticking = false;
    }
    this.kick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** An organisation's account list kept in the fleet cache's folder. */
function accountStore(cache: FleetCache): AccountListStore {
  return {
    load: (source) => cache.loadJson(`identity-center:${source}`),
    save: (source, value) => cache.saveJson(`identity-center:${source}`, value),
  };
}
