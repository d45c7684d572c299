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
import { EventEmitter, setMaxListeners } from 'node:events';
import type {
  WorkspaceConnectionStatus,
  WorkspaceDirectory,
  WorkspaceImage,
  WorkspacesPool,
} from '@aws-sdk/client-workspaces';
import type { WorkspacesApi } from '../aws/api';
import type { Priority, PriorityRef } from '../aws/scheduler';
import { errorMessage, toScopeError, type ScopeError } from '../core/errors';
import type { WorkspaceView } from '../core/present';
import { isWorkspaceMoving } from '../core/states';
import type { Scope } from '../core/types';
import { BundleCatalog } from './bundles';
import type { ScopeSnapshot } from './cache';

export type Section = 'directories' | 'workspaces' | 'images' | 'pools';
export const SECTIONS: readonly Section[] = ['directories', 'workspaces', 'images', 'pools'];
/** What `ensureLoaded()` loads without arguments: images and pools wait until they are asked for. */
export const DEFAULT_SECTIONS: readonly Section[] = ['directories', 'workspaces'];

export interface LoadOptions {
  /** Where the calls queue (default 'background'; 'interactive' for what a person just opened). A
   *  load joined while in flight keeps the priority it started with. */
  priority?: Priority;
}

export type LoadState = 'idle' | 'loading' | 'loaded' | 'error';

export type { ScopeError } from '../core/errors';

export interface SectionState<T> {
  state: LoadState;
  items: Map<string, T>;
  error?: ScopeError;
  /** When the last complete load finished. */
  loadedAt?: number;
  /** When the last load started and when its first page arrived (for the log and the bench). */
  startedAt?: number;
  firstPageAt?: number;
  /** Set while the items come from the persistent cache: when the listing that stored them ended. */
  cachedAt?: number;
  /** While loading: items listed so far, and how many there were before (the cache's or the last
   *  listing's count), for "Listing 3,400 of ~10,000". */
  progress?: { listed: number; expected?: number };
}

/** Where the fleet model writes what failed and why (the VS Code layer's log). */
export interface ModelLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Knobs shared by every scope of a fleet (one object, changed in place by tests). */
export interface ModelTuning {
  /**
   * How long a WorkSpace this extension created stays "Creating…" while DescribeWorkspaces does not
   * return it. AWS documents the delay only as "not immediately available"; how long it lasts is
   * unknown, so the default is generous (10 minutes).
   */
  creatingWindowMs: number;
}

export const DEFAULT_TUNING: Readonly<ModelTuning> = { creatingWindowMs: 10 * 60_000 };

export interface ScopeChange {
  section: Section;
  /** Set when only these WorkSpaces changed (polling, an action): the tree refreshes those rows. */
  workspaceIds?: string[];
  /** Set when the change only added rows (a page arrived) — no row changed place. */
  pageArrived?: boolean;
}

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
  private readonly inFlight = new Map<Section, Promise<void>>();
  /** WorkSpace id → the priority of its status call while that call waits (prioritizeStatus). */
  private readonly pendingStatus = new Map<string, PriorityRef>();
  private abort = scopeAbortController();

  constructor(
    readonly scope: Scope,
    private readonly api: () => Promise<WorkspacesApi>,
    private readonly opts: { logger?: ModelLogger; tuning?: ModelTuning } = {},
  ) {
    super();
    this.key = scopeKey(scope);
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
    let count = 0;
    let reason: string | undefined;
    for (const w of this.workspaces.items.values()) {
      if (w.statusError === undefined) continue;
      count++;
      reason ??= w.statusError;
    }
    return reason === undefined ? { count } : { count, reason };
  }

  /**
   * Shows what the persistent cache kept of this scope: sections never loaded get their items, the
   * WorkSpaces marked `cachedAt`, and the first-seen times. Returns false when nothing was taken
   * (every section already had data). The next load revalidates in place.
   */
  hydrate(snap: ScopeSnapshot): boolean {
    const hydrated: Section[] = [];
    for (const s of SECTIONS) {
      const sec = snap[s];
      const st = this.section(s);
      if (!sec || st.state !== 'idle' || st.items.size > 0) continue;
      for (const item of sec.items as unknown[]) {
        const id = idOf(s, item);
        if (id === undefined) continue;
        st.items.set(id, s === 'workspaces' ? { ...(item as WorkspaceView), cachedAt: sec.loadedAt } : item);
      }
      st.cachedAt = sec.loadedAt;
      hydrated.push(s);
    }
    for (const [id, t] of Object.entries(snap.firstSeen ?? {})) {
      if (typeof t === 'number' && !this.firstSeen.has(id)) this.firstSeen.set(id, t);
    }
    if (snap.accountId) this.accountId ??= snap.accountId;
    for (const section of hydrated) this.emit('change', { section });
    return hydrated.length > 0;
  }

  /** What the persistent cache keeps of this scope: the sections that completed a listing (or came
   *  from the cache and were not re-listed yet), without per-session marks. */
  snapshot(): ScopeSnapshot {
    const snap: ScopeSnapshot = {
      profile: this.scope.profile,
      region: this.scope.region,
      fingerprint: this.fingerprint ?? '',
      ...(this.accountId ? { accountId: this.accountId } : {}),
    };
    for (const s of SECTIONS) {
      const st = this.section(s);
      const at = st.loadedAt ?? st.cachedAt;
      if (at === undefined) continue;
      const items =
        s === 'workspaces'
          ? [...this.workspaces.items.values()].map(({ statusError: _e, cachedAt: _c, ...w }) => w)
          : [...st.items.values()];
      (snap as unknown as Record<Section, unknown>)[s] = { loadedAt: at, items };
    }
    const firstSeen: Record<string, number> = {};
    for (const id of this.workspaces.items.keys()) {
      const t = this.firstSeen.get(id);
      if (t !== undefined) firstSeen[id] = t;
    }
    snap.firstSeen = firstSeen;
    return snap;
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
    for (const s of sections) if (this[s].state === 'idle') void this.load(s, o);
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
      statusCalls.push(this.fetchStatus(api, idsOf(page), signal, priority));
    }
    await Promise.all(statusCalls);
    const now = Date.now();
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
    for (const id of ids) this.pendingStatus.get(id)?.raise(priority);
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
    this.pendingStatus.clear();
    this.bundles.reset();
    // WorkSpaces created through the old settings (another endpoint or account, maybe) are not
    // waited for: the next listing alone says what this scope has. Tags loaded through the old
    // settings are forgotten too (a listing keeps the tags it does not bring, so they would stay):
    // they are read again on demand.
    for (const [id, w] of [...this.workspaces.items]) {
      if (w.creating) {
        this.workspaces.items.delete(id);
      } else if (w.tags !== undefined) {
        const { tags: _stale, ...rest } = w;
        this.workspaces.items.set(id, rest);
      }
    }
  }

  /** Cancels every call in flight (the scope is being removed). */
  dispose(): void {
    this.abort.abort();
    this.abort = scopeAbortController();
    this.removeAllListeners();
    this.bundles.removeAllListeners();
  }

  private async doLoad(section: Section, priority: Priority): Promise<void> {
    const st = this.section(section);
    st.state = 'loading';
    delete st.error;
    st.startedAt = Date.now();
    delete st.firstPageAt;
    st.progress = { listed: 0, ...(st.items.size > 0 ? { expected: st.items.size } : {}) };
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
            statusCalls.push(this.fetchStatus(api, idsOf(page), signal, priority, breaker));
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
      const now = Date.now();
      for (const id of [...st.items.keys()]) {
        if (!seen.has(id) && !(section === 'workspaces' && this.keepUnlisted(id, now))) st.items.delete(id);
      }
      if (section === 'workspaces') {
        for (const id of [...this.firstSeen.keys()]) if (!st.items.has(id)) this.firstSeen.delete(id);
      }
      st.state = 'loaded';
      st.loadedAt = Date.now();
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

  /**
   * Whether a WorkSpace the listing (or a re-read) did not return stays: only one this extension
   * created, within the window AWS may need to list it. Past the window it stays once more, marked
   * as given up (a clear row the person sees), and goes at the next listing.
   */
  private keepUnlisted(id: string, now: number): boolean {
    const w = this.workspaces.items.get(id);
    const c = w?.creating;
    if (!w || !c || c.gaveUp) return false;
    const window = (this.opts.tuning ?? DEFAULT_TUNING).creatingWindowMs;
    if (now - c.since < window) return true;
    this.workspaces.items.set(id, { ...w, creating: { ...c, gaveUp: true } });
    this.opts.logger?.warn(
      `${this.name}: ${id} was created ${Math.round((now - c.since) / 1000)} s ago and DescribeWorkspaces still does not return it; no longer waiting for it.`,
    );
    return true;
  }

  /** Fetches and merges the connection status of some WorkSpaces. A failure leaves the rows
   *  without status (and is reported as the section's statusError), it never fails the listing. */
  private async fetchStatus(
    api: WorkspacesApi,
    ids: string[],
    signal: AbortSignal,
    priority: Priority,
    breaker?: StatusBreaker,
  ): Promise<void> {
    if (ids.length === 0) return;
    if (breaker?.failure !== undefined) {
      this.statusMissingFor(ids, breaker.failure, true);
      this.emit('change', { section: 'workspaces', pageArrived: true });
      return;
    }
    const ref = api.priorityRef(priority);
    for (const id of ids) this.pendingStatus.set(id, ref);
    try {
      const statuses = await api.connectionStatus(ids, { abortSignal: breaker?.signal ?? signal, priority: ref });
      for (const id of ids) {
        const w = this.workspaces.items.get(id);
        if (w) this.putRow(id, w, statuses.get(id));
      }
      this.emit('change', { section: 'workspaces', pageArrived: true });
    } catch (e) {
      if (signal.aborted) return;
      const tripped = breaker?.failure;
      if (tripped !== undefined) {
        // Dropped while it waited: the same answer was coming.
        this.statusMissingFor(ids, tripped, true);
      } else {
        breaker?.trip(e);
        this.statusMissingFor(ids, e);
      }
      this.emit('change', { section: 'workspaces', pageArrived: true });
    } finally {
      for (const id of ids) if (this.pendingStatus.get(id) === ref) this.pendingStatus.delete(id);
    }
  }

  /**
   * The one place a WorkSpace row is written: the new data, its connection status (the one just
   * read, else the one it carries, else the last one known) and its tags from before (tags are
   * loaded on demand and the status comes a moment after the row: a refresh does not flicker).
   */
  private putRow(id: string, next: WorkspaceView, status?: WorkspaceConnectionStatus): void {
    const old = this.workspaces.items.get(id);
    const row: WorkspaceView = next === old ? { ...next } : next;
    if (!row.tags && old?.tags) row.tags = old.tags;
    const connection = status ?? row.connection ?? old?.connection;
    if (connection) row.connection = connection;
    // A status that arrives clears the mark of a failed one; new data without status keeps it.
    if (status) delete row.statusError;
    else if (row.statusError === undefined && old?.statusError !== undefined) row.statusError = old.statusError;
    if (!this.firstSeen.has(id)) this.firstSeen.set(id, Date.now());
    this.workspaces.items.set(id, row);
  }

  /** A status call failed: its rows keep everything (and the last status known) and say so. */
  /** `notAsked`: marked with the answer an earlier call of the listing got (StatusBreaker); that
   *  call's warning said it once. */
  private statusMissingFor(ids: readonly string[], e: unknown, notAsked = false): void {
    const err = toScopeError(e);
    this.statusError = err;
    for (const id of ids) {
      const w = this.workspaces.items.get(id);
      if (w) this.workspaces.items.set(id, { ...w, statusError: err.message });
    }
    const n = `${ids.length} WorkSpace${ids.length === 1 ? '' : 's'}`;
    if (!notAsked) {
      this.opts.logger?.warn(
        `${this.name}: the connection status of ${n} could not be read (rows shown without it): ${errorMessage(e)}`,
      );
    }
  }

  private mergePage<T>(
    st: SectionState<T>,
    page: readonly T[],
    idOf: (t: T) => string | undefined,
    seen: Set<string>,
  ): void {
    st.firstPageAt ??= Date.now();
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
    const ids: string[] = [];
    for (const [id, w] of this.workspaces.items) {
      if (w.creating?.gaveUp) continue;
      if (isWorkspaceMoving(w) || w.creating) ids.push(id);
    }
    return ids;
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
    if (statusFailure !== undefined) this.statusMissingFor(wanted, statusFailure);
    const now = Date.now();
    for (const id of res.gone) if (!this.keepUnlisted(id, now)) this.workspaces.items.delete(id);
    this.emit('change', { section: 'workspaces', workspaceIds: [...ids] });
  }

  /** Applies a local change to rows (an action just accepted: show the moving state at once). */
  patchWorkspaces(ids: readonly string[], patch: (w: WorkspaceView) => WorkspaceView): void {
    const changed: string[] = [];
    for (const id of ids) {
      const w = this.workspaces.items.get(id);
      if (!w) continue;
      this.workspaces.items.set(id, patch(w));
      changed.push(id);
    }
    if (changed.length) this.emit('change', { section: 'workspaces', workspaceIds: changed });
  }

  /**
   * Adds WorkSpaces this extension just created (CreateWorkspaces' PendingRequests): they show as
   * "Creating…" at once and stay until DescribeWorkspaces returns them (see keepUnlisted).
   */
  addWorkspaces(items: readonly WorkspaceView[]): void {
    const now = Date.now();
    for (const w of items) {
      if (!w.WorkspaceId) continue;
      this.workspaces.items.set(w.WorkspaceId, { ...w, creating: { since: now } });
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

export function scopeKey(scope: Scope): string {
  return `${scope.profile}|${scope.region}`;
}

/** The id of an item of a section. */
function idOf(section: Section, item: unknown): string | undefined {
  const o = item as Record<string, unknown>;
  const id = { directories: o.DirectoryId, workspaces: o.WorkspaceId, images: o.ImageId, pools: o.PoolId }[section];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function idsOf(page: readonly { WorkspaceId?: string | undefined }[]): string[] {
  return page.map((w) => w.WorkspaceId).filter((id): id is string => id !== undefined);
}

/**
 * The account of a scope, from a directory's IamRoleId (arn:aws:iam::123456789012:role/…: the
 * role WorkSpaces uses in the customer's account). Undefined when no directory carries one.
 */
function accountOfDirectories(directories: Iterable<WorkspaceDirectory>): string | undefined {
  for (const d of directories) {
    const account = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(d.IamRoleId ?? '')?.[1];
    if (account) return account;
  }
  return undefined;
}

/** How many calls each part of a listing needs, at the least. */
export interface ListingCalls {
  directories: number;
  workspaces: number;
  status: number;
  total: number;
}

/**
 * The fewest calls that list a scope's directories and WorkSpaces with their connection status:
 * ⌈D/25⌉ directory pages and ⌈N/25⌉ region-wide WorkSpaces pages (at least one each, an empty
 * listing is one call), plus ⌈N/25⌉ status calls (≤ 25 ids each, one per page). What ScopeModel
 * makes: 1 + 2⌈N/25⌉ for N WorkSpaces in ≤ 25 directories. (Per-directory listing would need
 * Σ⌈n_d/25⌉ pages, never fewer.)
 */
export function minimumListingCalls(shape: { directories: number; workspaces: number }): ListingCalls {
  const pages = (n: number): number => Math.ceil(n / 25);
  const directories = Math.max(1, pages(shape.directories));
  const workspaces = Math.max(1, pages(shape.workspaces));
  const status = pages(shape.workspaces);
  return { directories, workspaces, status, total: directories + workspaces + status };
}

/**
 * Within one listing: once a connection-status call fails in a way that will not change by asking
 * again (an endpoint that does not serve the operation and answers with an HTML page, access
 * denied, a refused parameter), the listing stops asking — the calls still waiting for their turn
 * are dropped and every later page is marked with the same reason at once. Transient failures
 * (network, timeout, a 5xx the SDK retried) do not trip it: the next page asks again.
 */
class StatusBreaker {
  failure: unknown;
  private readonly controller = new AbortController();
  readonly signal: AbortSignal;

  constructor(scope: AbortSignal) {
    setMaxListeners(0, this.controller.signal);
    this.signal = AbortSignal.any([scope, this.controller.signal]);
    setMaxListeners(0, this.signal);
  }

  trip(e: unknown): void {
    if (this.failure !== undefined || !PERSISTENT_STATUS_FAILURES.has(toScopeError(e).kind)) return;
    this.failure = e;
    this.controller.abort();
  }
}

const PERSISTENT_STATUS_FAILURES = new Set(['badResponse', 'accessDenied', 'invalidParameter', 'notFound']);
