// The data of one (profile, region): directories, WorkSpaces (with connection status), images and
// pools, loaded as streams of pages and kept between refreshes. Never imports `vscode`: the tree
// listens to its events; the unit tests drive it against the emulator.
//
// Request economy (every call counts against AWS's quota of 2 calls/s per account and region):
// WorkSpaces are listed region-wide (⌈N/25⌉ pages, never more than the directories' Σ⌈n_d/25⌉, and
// without waiting for the directories), each page's connection status by id as it lands (≤ 25 ids
// per call), images and pools only when asked (`ensureLoaded(['images'])`: the tree asks when their
// category is shown). Listing calls queue as 'background'; what a person looks at can be raised
// (`prioritizeStatus`, a `priority` per load).
//
// Survival rules: rows shown from the persistent cache (`hydrate`) stay until the listing that
// revalidates them completes, then update in place (same ids), vanish or appear; a failed
// connection-status call never discards WorkSpace data (the rows are marked `statusError`); a
// WorkSpace this extension created stays "Creating…" while DescribeWorkspaces does not return it
// yet (AWS's eventual consistency), until `tuning.creatingWindowMs`; every failure is logged.
//
// Parts: sections.ts (the shapes, re-exported here), connectionStatus.ts (the status calls and
// StatusBreaker), workspaceRows.ts (writing rows, "Creating…" rows, moving ids), scopeSnapshot.ts
// (the persistent cache's side), listingCalls.ts (the fewest calls of a listing).
import { EventEmitter, setMaxListeners } from 'node:events';
import type {
  WorkspaceConnectionStatus,
  WorkspaceDirectory,
  WorkspaceImage,
  WorkspacesPool,
} from '@aws-sdk/client-workspaces';
import type { WorkspacesApi } from '../aws/api';
import type { Priority } from '../aws/scheduler';
import { accountOfDirectories } from '../core/arn';
import type { Clock } from '../core/clock';
import { errorMessage, toScopeError, type ScopeError } from '../core/errors';
import type { WorkspaceView } from '../core/present';
import { isWorkspaceMoving } from '../core/states';
import type { Scope } from '../core/types';
import { BundleCatalog } from './bundles';
import type { ScopeSnapshot } from './cache';
import { idsOf, StatusBreaker, StatusReader } from './connectionStatus';
import { hydrateScope, mergeSnapshot, snapshotOf } from './scopeSnapshot';
import {
  DEFAULT_SECTIONS,
  DEFAULT_TUNING,
  type LoadGate,
  type LoadOptions,
  type ModelLogger,
  type ModelTuning,
  scopeKey,
  type ScopeChange,
  SECTIONS,
  type Section,
  type SectionState,
} from './sections';
import { forgetOldSettings, keepUnlisted, movingIds, putRow, statusMissing } from './workspaceRows';

export { DEFAULT_SECTIONS, DEFAULT_TUNING, scopeKey, SECTIONS } from './sections';
export type {
  LoadGate,
  LoadOptions,
  LoadState,
  ModelLogger,
  ModelTuning,
  ScopeChange,
  Section,
  SectionState,
} from './sections';
export type { ScopeError } from '../core/errors';
export { minimumListingCalls, type ListingCalls } from './listingCalls';

/** Errors that make the whole scope unusable (shown once, as the scope's only row). */
const SCOPE_WIDE = new Set(['credentials', 'network', 'timeout']);

export class ScopeModel extends EventEmitter<{ change: [ScopeChange] }> {
  readonly key: string;
  readonly directories: SectionState<WorkspaceDirectory> = { state: 'idle', items: new Map() };
  readonly workspaces: SectionState<WorkspaceView> = { state: 'idle', items: new Map() };
  readonly images: SectionState<WorkspaceImage> = { state: 'idle', items: new Map() };
  readonly pools: SectionState<WorkspacesPool> = { state: 'idle', items: new Map() };
  /** The scope's bundles by id and its bundle lists, read on demand and kept for the session. */
  readonly bundles = new BundleCatalog(() => this.api());
  /** The last connection-status failure (rows show without status, marked `statusError`). */
  statusError?: ScopeError;
  /** The settings fingerprint of the profile the data was read with (the cache's key). */
  fingerprint?: string;
  /** The account, once known (a directory's IAM role, or the cache). */
  accountId?: string;
  /** When the extension first saw each WorkSpace (ms): "never connected" counts from there. */
  readonly firstSeen = new Map<string, number>();
  /** The fleet's clock: every time this model notes (listings, first-seen, "Creating…"). */
  readonly clock: Clock;
  private readonly inFlight = new Map<Section, Promise<void>>();
  /** The connection-status calls of the rows (connectionStatus.ts). */
  private readonly status = new StatusReader({
    workspaces: this.workspaces,
    putRow: (id, next, status) => this.putRow(id, next, status),
    emit: (change) => this.emit('change', change),
    setStatusError: (err) => (this.statusError = err),
    warn: (message) => this.opts.logger?.warn(`${this.name}: ${message}`),
  });
  private abort = scopeAbortController();
  private gone = false;

  constructor(
    readonly scope: Scope,
    private readonly api: () => Promise<WorkspacesApi>,
    private readonly opts: { clock: Clock; logger?: ModelLogger; tuning?: ModelTuning; gate?: LoadGate },
  ) {
    super();
    this.key = scopeKey(scope);
    this.clock = opts.clock;
  }

  private get name(): string {
    return `${this.scope.profile} ${this.scope.region}`;
  }

  /** When the cached data still shown was stored (undefined once the WorkSpaces were re-listed). */
  get asOf(): number | undefined {
    return this.workspaces.cachedAt ?? this.directories.cachedAt;
  }

  /** Rows whose connection status is missing because its call failed, and the first reason. */
  statusMissing(): { count: number; reason?: string } {
    return statusMissing(this.workspaces.items.values());
  }

  /**
   * Shows what the persistent cache kept of this scope (see hydrateScope). Returns false when
   * nothing was taken (every section already had data). The next load revalidates in place.
   */
  hydrate(snap: ScopeSnapshot): boolean {
    return hydrateScope(this, snap);
  }

  /** What the persistent cache keeps of this scope (see snapshotOf). */
  snapshot(): ScopeSnapshot {
    return snapshotOf(this);
  }

  section(s: Section): SectionState<unknown> {
    return this[s];
  }

  /** A scope-wide failure (bad credentials, unreachable endpoint): the tree shows it once. */
  get fatalError(): ScopeError | undefined {
    for (const s of SECTIONS) {
      const e = this[s].error;
      if (e && SCOPE_WIDE.has(e.kind)) return e;
    }
    // Access denied on the directory listing means nothing of this scope can be shown.
    if (this.directories.error?.kind === 'accessDenied') return this.directories.error;
    return undefined;
  }

  get loading(): boolean {
    return SECTIONS.some((s) => this[s].state === 'loading');
  }

  /**
   * Starts loading the given sections that were never loaded. Without arguments: directories and
   * WorkSpaces only — images and pools cost calls nobody may look at, so the tree must ask for them
   * (`ensureLoaded(['images'])`) when their category is shown or expanded.
   */
  ensureLoaded(sections: readonly Section[] = DEFAULT_SECTIONS, o: LoadOptions = {}): void {
    const idle = sections.filter((s) => this[s].state === 'idle');
    if (idle.length === 0 || this.disposed) return;
    const load = (which: readonly Section[]): Promise<void> =>
      Promise.all(which.map((s) => this.load(s, o))).then(() => undefined);
    // With windows sharing the fleet (share.ts): fresh data stays, one window lists.
    if (this.opts.gate) this.opts.gate(idle, load);
    else void load(idle);
  }

  /**
   * Takes a section's cached data, fresh enough not to be listed again, as loaded as of its time
   * (windows sharing the fleet: share.ts). It keeps `cachedAt`, so the view says how old it is.
   */
  markFresh(section: Section): void {
    const st = this.section(section);
    if (st.state !== 'idle' || st.cachedAt === undefined) return;
    st.state = 'loaded';
    st.loadedAt = st.cachedAt;
    this.emit('change', { section });
  }

  /** True once the scope was removed (its model no longer used). */
  get disposed(): boolean {
    return this.gone;
  }

  /** Merges what another window wrote of this scope (see mergeSnapshot); returns whether anything changed. */
  mergeShared(snap: ScopeSnapshot): boolean {
    return mergeSnapshot(this, snap);
  }

  /**
   * Loads (or reloads) a section. Calls made while a load of the same section is in flight join
   * it, so ten Refresh clicks cause one listing. Loading the WorkSpaces (re)loads the directories
   * alongside (the tree groups by them).
   */
  load(section: Section, o: LoadOptions = {}): Promise<void> {
    const running = this.inFlight.get(section);
    if (running) return running;
    const p = this.doLoad(section, o.priority ?? 'background').finally(() => {
      if (this.inFlight.get(section) === p) this.inFlight.delete(section);
    });
    this.inFlight.set(section, p);
    return p;
  }

  /** Reloads the given sections (joining loads in flight); by default the directories, the
   *  WorkSpaces and whichever other sections were asked for before. */
  async refresh(sections?: readonly Section[]): Promise<void> {
    const which = sections ?? SECTIONS.filter((s) => DEFAULT_SECTIONS.includes(s) || this[s].state !== 'idle');
    await Promise.all(which.map((s) => this.load(s)));
  }

  /**
   * Re-lists one directory's WorkSpaces (a directory node's refresh): its rows are replaced, the
   * ones it no longer has removed, their status fetched page by page. Throws what the listing throws.
   */
  async loadDirectory(directoryId: string, o: LoadOptions = {}): Promise<void> {
    const api = await this.api();
    const signal = this.abort.signal;
    const priority = o.priority ?? 'interactive';
    const seen = new Set<string>();
    const statusCalls: Promise<void>[] = [];
    for await (const page of api.workspaces({ directoryId, abortSignal: signal, priority })) {
      for (const w of page) {
        if (!w.WorkspaceId) continue;
        seen.add(w.WorkspaceId);
        this.putRow(w.WorkspaceId, w);
      }
      this.emit('change', { section: 'workspaces', pageArrived: true });
      statusCalls.push(this.status.fetchStatus(api, idsOf(page), signal, priority));
    }
    await Promise.all(statusCalls);
    const now = this.clock.now();
    for (const [id, w] of [...this.workspaces.items]) {
      if (w.DirectoryId === directoryId && !seen.has(id) && !this.keepUnlisted(id, now)) {
        this.workspaces.items.delete(id);
      }
    }
    this.emit('change', { section: 'workspaces' });
  }

  /**
   * Moves the status calls of these WorkSpaces (rows that came on screen) ahead of the listing:
   * a call still waiting is raised to `priority` with its whole page (no extra call).
   */
  prioritizeStatus(ids: readonly string[], priority: Priority = 'interactive'): void {
    for (const id of ids) this.status.pending.get(id)?.raise(priority);
  }

  /**
   * Drops every call of this scope, waiting or in flight (its profile's settings changed: what
   * they would bring is stale). The loads end without touching the data (but "Creating…" rows go);
   * the next load starts afresh instead of joining them.
   */
  cancel(): void {
    this.abort.abort();
    this.abort = scopeAbortController();
    this.inFlight.clear();
    this.status.pending.clear();
    this.bundles.reset();
    forgetOldSettings(this.workspaces.items);
  }

  /** Cancels every call in flight (the scope is being removed). */
  dispose(): void {
    this.gone = true;
    this.abort.abort();
    this.abort = scopeAbortController();
    this.removeAllListeners();
    this.bundles.removeAllListeners();
  }

  private async doLoad(section: Section, priority: Priority): Promise<void> {
    const st = this.section(section);
    st.state = 'loading';
    delete st.error;
    st.startedAt = this.clock.now();
    delete st.firstPageAt;
    st.progress = { listed: 0, expected: st.items.size > 0 ? st.items.size : undefined };
    this.emit('change', { section });
    const seen = new Set<string>();
    const signal = this.abort.signal;
    const o = { abortSignal: signal, priority };
    if (section === 'workspaces') delete this.statusError;
    try {
      const api = await this.api();
      switch (section) {
        case 'directories':
          for await (const page of api.directories(o)) {
            this.mergePage(this.directories, page, (d) => d.DirectoryId, seen);
            this.emit('change', { section, pageArrived: true });
          }
          {
            // The account is now known: the scope shares its account's request budget.
            const account = accountOfDirectories(this.directories.items.values());
            if (account) {
              this.accountId = account;
              api.bindAccount(account);
            }
          }
          break;
        case 'workspaces': {
          // Region-wide, not per directory: fewer calls, and the first rows do not wait for the
          // directories, which are listed alongside (the tree groups by them).
          const directories = this.load('directories', { priority });
          // Rows show as soon as their page arrives; the connection status of each page is fetched
          // meanwhile (≤ 25 ids per call) and merged when it comes.
          const statusCalls: Promise<void>[] = [];
          const breaker = new StatusBreaker(signal);
          for await (const page of api.workspaces(o)) {
            this.mergePage(this.workspaces, page, (w) => w.WorkspaceId, seen);
            this.emit('change', { section, pageArrived: true });
            statusCalls.push(this.status.fetchStatus(api, idsOf(page), signal, priority, breaker));
          }
          await Promise.all(statusCalls);
          await directories;
          break;
        }
        case 'images':
          for await (const page of api.images(o)) {
            this.mergePage(this.images, page, (i) => i.ImageId, seen);
            this.emit('change', { section, pageArrived: true });
          }
          break;
        case 'pools':
          for await (const page of api.pools(o)) {
            this.mergePage(this.pools, page, (p) => p.PoolId, seen);
            this.emit('change', { section, pageArrived: true });
          }
          break;
      }
      // Whatever the listing no longer returns is gone (but a WorkSpace just created may not be
      // listed yet).
      const now = this.clock.now();
      for (const id of [...st.items.keys()]) {
        if (!seen.has(id) && !(section === 'workspaces' && this.keepUnlisted(id, now))) st.items.delete(id);
      }
      if (section === 'workspaces') {
        for (const id of [...this.firstSeen.keys()]) if (!st.items.has(id)) this.firstSeen.delete(id);
      }
      st.state = 'loaded';
      st.loadedAt = this.clock.now();
      delete st.cachedAt;
    } catch (e) {
      if (signal.aborted) return;
      st.state = 'error';
      st.error = toScopeError(e);
      this.opts.logger?.warn(`${this.name}: listing the ${section} failed: ${errorMessage(e)}`);
    } finally {
      delete st.progress;
    }
    this.emit('change', { section });
  }

  /** Whether a WorkSpace the listing (or a re-read) did not return stays (see keepUnlisted). */
  private keepUnlisted(id: string, now: number): boolean {
    const window = (this.opts.tuning ?? DEFAULT_TUNING).creatingWindowMs;
    return keepUnlisted(this.workspaces.items, id, now, window, (m) => this.opts.logger?.warn(`${this.name}: ${m}`));
  }

  /** The one place a WorkSpace row is written (see putRow). */
  private putRow(id: string, next: WorkspaceView, status?: WorkspaceConnectionStatus): void {
    putRow(this.workspaces.items, this.firstSeen, id, next, status, this.clock.now());
  }

  private mergePage<T>(
    st: SectionState<T>,
    page: readonly T[],
    idOf: (t: T) => string | undefined,
    seen: Set<string>,
  ): void {
    st.firstPageAt ??= this.clock.now();
    for (const item of page) {
      const id = idOf(item);
      if (!id) continue;
      seen.add(id);
      if (st === (this.workspaces as unknown)) this.putRow(id, item as WorkspaceView);
      else st.items.set(id, item);
    }
    if (st.progress) st.progress.listed = seen.size;
  }

  /** Ids of the WorkSpaces in a moving state or with a change running (the ones polling follows). */
  movingWorkspaceIds(): string[] {
    return movingIds(this.workspaces.items);
  }

  /**
   * Re-describes chosen WorkSpaces by id (≤ 25 per call) and updates only those rows. With
   * `status: 'settled'` (what polling uses) the connection status is re-read only for the ones
   * that stopped moving — a WorkSpace that is still starting keeps its last known status — so a
   * poll tick costs ⌈moving/25⌉ requests. Priority: 'interactive' unless told ('action' for the
   * follow-up reads of an action).
   */
  async refreshWorkspaces(
    ids: readonly string[],
    opts: { status?: 'all' | 'settled'; priority?: Priority } = {},
  ): Promise<void> {
    if (ids.length === 0) return;
    const api = await this.api();
    const o = { abortSignal: this.abort.signal, priority: opts.priority ?? 'interactive' };
    const res = await api.refresh(ids, o);
    const wanted = res.workspaces
      .filter((w) => opts.status !== 'settled' || !isWorkspaceMoving(w))
      .map((w) => w.WorkspaceId)
      .filter((id): id is string => id !== undefined);
    let statuses: Map<string, WorkspaceConnectionStatus> | undefined;
    let statusFailure: unknown;
    try {
      statuses = wanted.length > 0 ? await api.connectionStatus(wanted, o) : undefined;
    } catch (e) {
      // The WorkSpaces were read: keep them, and say the status is missing.
      if (o.abortSignal.aborted) throw e;
      statusFailure = e;
    }
    for (const w of res.workspaces) if (w.WorkspaceId) this.putRow(w.WorkspaceId, w, statuses?.get(w.WorkspaceId));
    if (statusFailure !== undefined) this.status.statusMissingFor(wanted, statusFailure);
    const now = this.clock.now();
    for (const id of res.gone) if (!this.keepUnlisted(id, now)) this.workspaces.items.delete(id);
    this.emit('change', { section: 'workspaces', workspaceIds: [...ids] });
  }

  /** Applies a local change to rows (an action just accepted: show the moving state at once). */
  patchWorkspaces(ids: readonly string[], patch: (w: WorkspaceView) => WorkspaceView): void {
    const changed: string[] = [];
    const readAt = this.clock.now();
    for (const id of ids) {
      const w = this.workspaces.items.get(id);
      if (!w) continue;
      // A local change is the newest knowledge of the row (other windows merge it by readAt).
      this.workspaces.items.set(id, { ...patch(w), readAt });
      changed.push(id);
    }
    if (changed.length) this.emit('change', { section: 'workspaces', workspaceIds: changed });
  }

  /**
   * Adds WorkSpaces this extension just created (CreateWorkspaces' PendingRequests): they show as
   * "Creating…" at once and stay until DescribeWorkspaces returns them (see keepUnlisted).
   */
  addWorkspaces(items: readonly WorkspaceView[]): void {
    const now = this.clock.now();
    for (const w of items) {
      if (!w.WorkspaceId) continue;
      this.workspaces.items.set(w.WorkspaceId, { ...w, creating: { since: now }, readAt: now });
      this.firstSeen.set(w.WorkspaceId, now);
    }
    this.emit('change', { section: 'workspaces' });
  }
}

/** The scope's controller: every call in flight listens to its signal (a listing has a dozen at
 *  once), so Node's default limit of 10 would print a false "possible memory leak" warning. */
function scopeAbortController(): AbortController {
  const c = new AbortController();
  setMaxListeners(0, c.signal);
  return c;
}
