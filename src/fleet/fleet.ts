// The whole fleet the tree shows: the configured profiles, the regions chosen for each, one
// ScopeModel per (profile, region), and the poller that follows moving WorkSpaces. Never imports
// `vscode`; the VS Code layer feeds it the settings and listens to its events.
import { EventEmitter } from 'node:events';
import type { AwsLayer } from '../aws';
import { toScopeError, type ScopeError } from '../core/errors';
import type { ProfileInfo, Scope } from '../core/types';
import { ScopeModel, scopeKey, type ScopeChange } from './scopeModel';

export interface FleetSettings {
  /** Profiles to show; empty = all. */
  profiles: readonly string[];
  /** Regions per profile (overrides the profile's `region`). */
  regions: Readonly<Record<string, readonly string[]>>;
  /** Show the environment's credentials as an extra pseudo-profile. */
  includeEnvironment: boolean;
}

export interface ProfileEntry {
  info: ProfileInfo;
  regions: string[];
  scopes: ScopeModel[];
}

export type FleetState = 'loading' | 'noProfiles' | 'ready' | 'error';

export class Fleet extends EventEmitter<{ profiles: []; scope: [ScopeModel, ScopeChange] }> {
  state: FleetState = 'loading';
  error?: ScopeError;
  profiles: ProfileEntry[] = [];
  private readonly scopes = new Map<string, ScopeModel>();
  private loadingProfiles?: Promise<void>;

  constructor(
    private readonly layer: () => Promise<AwsLayer>,
    private settings: FleetSettings,
  ) {
    super();
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
   * files are read again and cached clients of changed profiles are dropped.
   */
  loadProfiles(reload = false): Promise<void> {
    this.loadingProfiles ??= this.doLoadProfiles(reload).finally(() => (this.loadingProfiles = undefined));
    return this.loadingProfiles;
  }

  private async doLoadProfiles(reload: boolean): Promise<void> {
    // Scopes already shown whose profile changed in the shared files (keys, endpoint, role): their
    // rows came from the old settings and are re-read once the profiles are known.
    const stale: ScopeModel[] = [];
    try {
      const layer = await this.layer();
      const changed = new Set(reload ? (await layer.reload()).changed : []);
      let infos = await layer.listProfiles();
      if (!this.settings.includeEnvironment) infos = infos.filter((p) => p.kind !== 'env');
      if (this.settings.profiles.length > 0) {
        const wanted = new Set(this.settings.profiles);
        infos = infos.filter((p) => wanted.has(p.name));
      }
      const next: ProfileEntry[] = [];
      const keep = new Set<string>();
      for (const info of infos) {
        const regions = [...(this.settings.regions[info.name] ?? (info.region ? [info.region] : []))];
        const scopes = regions.map((region) => {
          const scope = { profile: info.name, region };
          const key = scopeKey(scope);
          keep.add(key);
          let model = this.scopes.get(key);
          if (model && changed.has(info.name) && model.workspaces.state !== 'idle') stale.push(model);
          if (!model) {
            model = new ScopeModel(scope, async () => (await this.layer()).api(scope));
            model.on('change', (change) => this.emit('scope', model as ScopeModel, change));
            this.scopes.set(key, model);
          }
          return model;
        });
        next.push({ info, regions, scopes });
      }
      for (const [key, model] of this.scopes) {
        if (!keep.has(key)) {
          model.dispose();
          this.scopes.delete(key);
        }
      }
      this.profiles = next;
      this.state = next.length === 0 ? 'noProfiles' : 'ready';
      delete this.error;
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
  }

  /** True when every scope that finished loading failed (the "all profiles failing" welcome). */
  get allFailing(): boolean {
    const scopes = this.allScopes();
    return scopes.length > 0 && scopes.every((s) => s.fatalError !== undefined);
  }

  /** Reloads everything: the profiles, then every scope already shown. */
  async refreshAll(): Promise<void> {
    await this.loadProfiles(true);
    await Promise.all(this.allScopes().map((s) => s.refresh()));
  }

  dispose(): void {
    for (const s of this.scopes.values()) s.dispose();
    this.scopes.clear();
    this.removeAllListeners();
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
    if (!this.fleet.allScopes().some((s) => s.movingWorkspaceIds().length > 0)) return;
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  async tick(): Promise<void> {
    this.timer = undefined;
    if (this.ticking) return;
    this.ticking = true;
    try {
      const moving = this.fleet
        .allScopes()
        .map((s) => [s, s.movingWorkspaceIds()] as const)
        .filter(([, ids]) => ids.length > 0);
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
