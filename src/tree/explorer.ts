// Creates the WorkSpaces explorer: the Fleet model, the tree provider and view, the poller, the
// persistent fleet cache, the view's message (filter counts, "as of" of cached data, listing
// progress under the API quota, missing connection status, failures) and context keys, and the
// reactions to settings and AWS config file changes.
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { AwsLayer } from '../aws';
import { loadAws } from '../awsLoader';
import type { Clock } from '../core/clock';
import { errorMessage } from '../core/errors';
import type { GroupBy } from '../core/present';
import { clockTime } from '../core/text';
import { AutoRefresh, autoRefreshPeriodMs, boundedSetting } from '../fleet/autoRefresh';
import { randomUUID } from 'node:crypto';
import { FleetCache } from '../fleet/cache';
import { FleetShare } from '../fleet/share';
import { Fleet, Poller, type FleetSettings } from '../fleet/fleet';
import { identityCenterChoices } from '../fleet/organizations';
import { listingText, statusText } from '../fleet/progress';
import type { Section } from '../fleet/scopeModel';
import { CONTEXT_KEYS, FILTER_KEY, IDLE_KEY } from '../settings';
import { FleetTreeProvider } from './provider';
import type { Node } from './nodes';

const VIEW_ID = 'workspacesFleet.explorer';
const SECTION = 'workspacesFleet';
const SECTION_NOUNS: Record<Section, readonly [string, string]> = {
  directories: ['directory', 'directories'],
  workspaces: ['WorkSpace', 'WorkSpaces'],
  images: ['image', 'images'],
  pools: ['pool', 'pools'],
};

/** Context keys, set only when their value changes. */
const contextValues = new Map<string, unknown>();
function setContext(key: string, value: unknown): void {
  const before = contextValues.get(key);
  if (contextValues.has(key) && JSON.stringify(before) === JSON.stringify(value)) return;
  contextValues.set(key, value);
  void vscode.commands.executeCommand('setContext', key, value);
}

export interface Explorer {
  fleet: Fleet;
  provider: FleetTreeProvider;
  view: vscode.TreeView<Node>;
  poller: Poller;
  aws(): Promise<AwsLayer>;
  /** Empties the persistent fleet cache (what it held before). */
  clearCache(): Promise<{ entries: number; bytes: number }>;
  /** Writes the cache saves still waiting. */
  flushCache(): Promise<void>;
  /** Deactivation: the saves still waiting, then this window's leases and presence in the shared folder. */
  close(): Promise<void>;
}

function readSettings(): FleetSettings & {
  groupBy: GroupBy;
  pollingMs: number;
  idleDays: number;
  autoRefreshMs: number;
  requestTimeoutMs: number;
  cacheFleetData: boolean;
  freshnessMs: number;
} {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    profiles: c.get<string[]>('profiles') ?? [],
    regions: c.get<Record<string, string[]>>('regions') ?? {},
    includeEnvironment: c.get<boolean>('includeEnvironmentCredentials') ?? false,
    identityCenter: identityCenterChoices(c.get<unknown>('identityCenter.accounts')),
    groupBy: c.get<GroupBy>('groupBy') ?? 'directory',
    pollingMs: boundedSetting(c.get<unknown>('pollingIntervalSeconds'), 2, 300, 5) * 1000,
    idleDays: boundedSetting(c.get<unknown>('idleDays'), 1, 36_500, 30),
    // 0 is off; anything else is at least 5 minutes (a full re-list costs the account's quota).
    autoRefreshMs: autoRefreshPeriodMs(c.get<unknown>('autoRefreshMinutes') ?? 0),
    requestTimeoutMs: boundedSetting(c.get<unknown>('requestTimeoutSeconds'), 5, 300, 30) * 1000,
    cacheFleetData: c.get<boolean>('cacheFleetData') ?? true,
    freshnessMs: boundedSetting(c.get<unknown>('freshnessMinutes'), 0, 1440, 5) * 60_000,
  };
}

export function createExplorer(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, clock: Clock): Explorer {
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  let settings = readSettings();
  let layer: Promise<AwsLayer> | undefined;
  let loadedLayer: AwsLayer | undefined;
  const watchers: vscode.Disposable[] = [];
  // The persistent cache (pure Node: reading it never loads the AWS SDK), one file per scope.
  const cacheDir = join(context.globalStorageUri.fsPath, 'fleet-cache');
  const newCache = (): FleetCache =>
    new FleetCache(cacheDir, { clock, logger: { debug: (m) => log.debug(m), warn: (m) => log.warn(m) } });
  let cache: FleetCache | undefined = settings.cacheFleetData ? newCache() : undefined;
  // The windows of this machine share the cache's folder: one listing per scope (share.ts). This
  // window's id: unique per extension host.
  const windowId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const newShare = (c: FleetCache): FleetShare =>
    new FleetShare(c, {
      windowId,
      clock,
      freshnessMs: settings.freshnessMs,
      logger: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
    });
  let share = cache ? newShare(cache) : undefined;

  const aws = (): Promise<AwsLayer> => {
    const requested = performance.now();
    layer ??= loadAws().then((m) => {
      const l = m.createAwsLayer({
        userAgent: `workspaces-fleet/${version}`,
        requestTimeoutMs: settings.requestTimeoutMs,
        logger: { debug: (msg) => log.debug(msg), warn: (msg) => log.warn(msg) },
        mfaCodeProvider: (serial) => askMfaCode(serial),
      });
      watchConfigFiles(l);
      log.info(`AWS layer loaded in ${(performance.now() - requested).toFixed(0)} ms`);
      loadedLayer = l;
      return l;
    });
    return layer;
  };

  const fleet = new Fleet(aws, settings, {
    clock,
    ...(cache ? { cache } : {}),
    ...(share ? { share } : {}),
    logger: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
  });
  const provider = new FleetTreeProvider(
    fleet,
    {
      groupBy: settings.groupBy,
      filter: context.workspaceState.get<string>(FILTER_KEY) ?? '',
      idleOnly: context.workspaceState.get<boolean>(IDLE_KEY) ?? false,
      idleDays: settings.idleDays,
    },
    async (model, id) => {
      const api = (await aws()).api(model.scope);
      try {
        const tags = await api.tags(id);
        model.patchWorkspaces([id], (w) => ({ ...w, tags }));
      } catch (e) {
        log.warn(`Tags of ${id} could not be loaded: ${errorMessage(e)}`);
        throw e;
      }
    },
  );
  const view = vscode.window.createTreeView(VIEW_ID, {
    treeDataProvider: provider,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const poller = new Poller(fleet, settings.pollingMs, (model, e) =>
    log.warn(`Polling ${model.scope.profile} ${model.scope.region} failed: ${errorMessage(e)}`),
  );

  // A progress bar at the top of the view while anything is listed (the revalidation of cached rows).
  let busy: (() => void) | undefined;
  const indicate = (): void => {
    const loading = fleet.allScopes().some((m) => m.loading);
    if (loading && !busy) {
      void vscode.window.withProgress(
        { location: { viewId: VIEW_ID } },
        () => new Promise<void>((resolve) => (busy = resolve)),
      );
    } else if (!loading && busy) {
      busy();
      busy = undefined;
    }
  };

  // The view's message (filter counts, cached data, listing progress, failures) and the context
  // keys of the welcome views.
  const update = (): void => {
    const { shown, total } = provider.workspaceCounts();
    const parts: string[] = [];
    const o = provider.options;
    if (o.idleOnly) parts.push(`Idle ≥ ${o.idleDays} d`);
    if (o.filter) parts.push(`Filter "${o.filter}"`);
    if (parts.length) parts.push(`${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} WorkSpaces`);
    const scopes = fleet.allScopes();
    const cachedAt = scopes.map((m) => m.asOf).filter((t): t is number => t !== undefined);
    if (cachedAt.length) {
      const cached = scopes.filter((m) => m.asOf !== undefined);
      const refreshing = cached.some((m) => m.loading || fleet.share?.following(m) !== undefined);
      // Data younger than the freshness window is shown as is (not re-listed at open); anything else
      // still "as of" is a revalidation that did not complete (its error is in the status part).
      const recent = cached.every((m) => fleet.share?.isFresh(m, 'workspaces') === true);
      const how = refreshing ? ', refreshing…' : recent ? ' (recent; Refresh re-lists)' : ' (not refreshed)';
      parts.push(`As of ${clockTime(Math.min(...cachedAt), new Date(clock.now()))}${how}`);
    }
    const listingStats = loadedLayer
      ? scopes.filter((m) => m.workspaces.state === 'loading').map((m) => (loadedLayer as AwsLayer).stats(m.scope))
      : [];
    // Scopes another VS Code window lists: this one shows what that window writes.
    const followed = scopes.filter((m) => fleet.share?.following(m) !== undefined).length;
    if (followed) {
      parts.push(`${followed === 1 ? '1 region is' : `${followed} regions are`} being listed in another window`);
    }
    const listing = listingText(scopes, listingStats);
    if (listing) parts.push(listing);
    const status = statusText(scopes);
    if (status) parts.push(status);
    if (fleet.allFailing) {
      const reasons = fleet
        .allScopes()
        .map((s) => `${s.scope.profile} (${s.scope.region}): ${s.fatalError?.hint ?? s.fatalError?.message ?? ''}`);
      parts.push(`No profile could be loaded. ${reasons.slice(0, 3).join(' · ')}`);
    }
    // Set only when they change: every refresh batch calls this.
    const message = parts.length ? parts.join(' — ') : undefined;
    if (view.message !== message) view.message = message;
    const state = fleet.state === 'noProfiles' ? 'noProfiles' : fleet.allFailing ? 'allFailing' : fleet.state;
    setContext(CONTEXT_KEYS.state, state);
    indicate();
    poller.kick();
  };
  provider.onDidRefresh = update;
  // One line per finished listing: how many, how fast (the first rows, then everything).
  fleet.on('scope', (model, change) => {
    const st = model.section(change.section);
    if (change.pageArrived || change.workspaceIds || st.state !== 'loaded' || !st.startedAt || !st.loadedAt) return;
    const first = st.firstPageAt ? `first rows after ${st.firstPageAt - st.startedAt} ms, ` : '';
    const [one, many] = SECTION_NOUNS[change.section];
    log.info(
      `${model.scope.profile} ${model.scope.region}: ${st.items.size.toLocaleString('en-US')} ${st.items.size === 1 ? one : many} listed (${first}all after ${st.loadedAt - st.startedAt} ms)`,
    );
  });
  let hydrationLogged: unknown;
  fleet.on('profiles', () => {
    log.info(
      `Profiles: ${fleet.profiles.map((p) => `${p.info.name} (${p.regions.join(', ') || 'no region'})`).join(', ') || 'none'}`,
    );
    const h = fleet.hydration;
    if (h && h !== hydrationLogged) {
      hydrationLogged = h;
      log.info(
        `Cached fleet data shown: ${h.scopes} scope(s), ${h.workspaces} WorkSpaces${h.asOf ? ` as of ${clockTime(h.asOf, new Date(clock.now()))}` : ''}, in the model ${h.ms.toFixed(0)} ms after the view asked (profiles and AWS layer ${h.profilesMs.toFixed(0)} ms, cache ${h.cacheMs.toFixed(0)} ms); revalidating in the background`,
      );
    }
    // Start every scope's listing now rather than when the tree first asks for its rows (one
    // renderer round trip later): the profiles are shown expanded anyway.
    for (const scope of fleet.allScopes()) scope.ensureLoaded();
    if (fleet.state === 'error' && fleet.error) {
      log.error(
        `Reading the AWS profiles failed: ${fleet.error.code}: ${fleet.error.message}${fleet.error.hint ? ` ${fleet.error.hint}` : ''}`,
      );
    }
    update();
  });
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, provider.options.filter !== '');
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.idleOnly, provider.options.idleOnly);

  // Auto-refresh (default off) runs only while the view is visible, and skips a tick while
  // anything is still being listed.
  const autoRefresh = new AutoRefresh(fleet, {
    refreshed: () => poller.kick(),
    failed: (e) => log.warn(`Auto-refresh failed: ${errorMessage(e)}`),
  });
  const armAutoRefresh = (): void => autoRefresh.arm(settings.autoRefreshMs, view.visible);
  armAutoRefresh();

  const onConfig = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SECTION)) return;
    const before = settings;
    settings = readSettings();
    if (
      e.affectsConfiguration(`${SECTION}.profiles`) ||
      e.affectsConfiguration(`${SECTION}.regions`) ||
      e.affectsConfiguration(`${SECTION}.includeEnvironmentCredentials`) ||
      e.affectsConfiguration(`${SECTION}.identityCenter.accounts`)
    ) {
      void fleet.updateSettings(settings);
    }
    if (e.affectsConfiguration(`${SECTION}.identityCenter.hideEmptyAccounts`)) provider.refreshAll();
    if (before.groupBy !== settings.groupBy || before.idleDays !== settings.idleDays) {
      provider.setOptions({ groupBy: settings.groupBy, idleDays: settings.idleDays });
    }
    if (before.pollingMs !== settings.pollingMs) poller.setInterval(settings.pollingMs);
    if (before.freshnessMs !== settings.freshnessMs && cache) {
      share = newShare(cache);
      fleet.setCache(cache, share);
    }
    if (before.autoRefreshMs !== settings.autoRefreshMs) armAutoRefresh();
    if (before.cacheFleetData !== settings.cacheFleetData) {
      // Off: nothing is read or written any more, and what was stored is removed.
      const old = cache;
      cache = settings.cacheFleetData ? newCache() : undefined;
      share = cache ? newShare(cache) : undefined;
      fleet.setCache(cache, share);
      if (old) void old.clear().then(() => log.info('Fleet cache turned off: cached data removed'));
    }
  });

  // The shared config and credentials files are re-read when they change while VS Code runs.
  function watchConfigFiles(l: AwsLayer): void {
    const files = l.configFiles();
    let timer: NodeJS.Timeout | undefined;
    const reload = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        log.info('AWS config files changed: reloading profiles');
        void fleet.loadProfiles(true);
      }, 300);
    };
    for (const file of [files.config, files.credentials]) {
      const w = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(dirname(file)), basename(file)),
      );
      w.onDidChange(reload);
      w.onDidCreate(reload);
      w.onDidDelete(reload);
      watchers.push(w);
    }
  }

  context.subscriptions.push(
    view,
    provider,
    onConfig,
    view.onDidChangeVisibility(() => armAutoRefresh()),
    {
      dispose: () => {
        poller.stop();
        autoRefresh.stop();
        busy?.();
        for (const w of watchers) w.dispose();
        fleet.dispose();
        // Saves still waiting are written (deactivate() waits for them too).
        void cache?.flush().then(() => cache?.dispose());
        void layer?.then((l) => l.dispose());
      },
    },
  );

  const clearCache = async (): Promise<{ entries: number; bytes: number }> => {
    const c = cache ?? newCache();
    const before = await c.size();
    await c.clear();
    log.info(`Cleared the cached fleet data: ${before.entries} scope file(s), ${before.bytes} bytes`);
    return before;
  };
  const flushCache = async (): Promise<void> => {
    await cache?.flush();
  };
  const close = async (): Promise<void> => {
    await cache?.flush();
    // The leases this window holds go, so another window takes over at once rather than after
    // they lapse.
    await fleet.close();
  };
  return { fleet, provider, view, poller, aws, clearCache, flushCache, close };
}

async function askMfaCode(serial: string): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: 'MFA code',
    prompt: `Enter the current code of the MFA device ${serial}`,
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : 'The code is 6 digits'),
  });
  if (code === undefined) throw new vscode.CancellationError();
  return code.trim();
}
