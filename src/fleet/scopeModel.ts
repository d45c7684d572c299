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
import { EventEmitter, setMaxListeners } from 'node:events';
import type {
  WorkspaceConnectionStatus,
  WorkspaceDirectory,
  WorkspaceImage,
  WorkspacesPool,
} from '@aws-sdk/client-workspaces';
import type { WorkspacesApi } from '../aws/api';
import type { Priority, PriorityRef } from '../aws/scheduler';
import { toScopeError, type ScopeError } from '../core/errors';
import type { WorkspaceView } from '../core/present';
import { isWorkspaceMoving } from '../core/states';
import type { Scope } from '../core/types';
import { BundleCatalog } from './bundles';

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
}

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
  /** Set when connection status could not be fetched in the last load (rows show without it). */
  statusError?: ScopeError;
  private readonly inFlight = new Map<Section, Promise<void>>();
  /** WorkSpace id → the priority of its status call while that call waits (prioritizeStatus). */
  private readonly pendingStatus = new Map<string, PriorityRef>();
  private abort = scopeAbortController();

  constructor(
    readonly scope: Scope,
    private readonly api: () => Promise<WorkspacesApi>,
  ) {
    super();
    this.key = scopeKey(scope);
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
    for (const [id, w] of [...this.workspaces.items]) {
      if (w.DirectoryId === directoryId && !seen.has(id)) this.workspaces.items.delete(id);
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
   * they would bring is stale). The loads end without touching the data; the next load starts
   * afresh instead of joining them.
   */
  cancel(): void {
    this.abort.abort();
    this.abort = scopeAbortController();
    this.inFlight.clear();
    this.pendingStatus.clear();
    this.bundles.reset();
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
            if (account) api.bindAccount(account);
          }
          break;
        case 'workspaces': {
          // Region-wide, not per directory: fewer calls, and the first rows do not wait for the
          // directories, which are listed alongside (the tree groups by them).
          const directories = this.load('directories', { priority });
          // Rows show as soon as their page arrives; the connection status of each page is fetched
          // meanwhile (≤ 25 ids per call) and merged when it comes.
          const statusCalls: Promise<void>[] = [];
          for await (const page of api.workspaces(o)) {
            this.mergePage(this.workspaces, page, (w) => w.WorkspaceId, seen);
            this.emit('change', { section, pageArrived: true });
            statusCalls.push(this.fetchStatus(api, idsOf(page), signal, priority));
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
      // Whatever the listing no longer returns is gone.
      for (const id of [...st.items.keys()]) if (!seen.has(id)) st.items.delete(id);
      st.state = 'loaded';
      st.loadedAt = Date.now();
    } catch (e) {
      if (signal.aborted) return;
      st.state = 'error';
      st.error = toScopeError(e);
    }
    this.emit('change', { section });
  }

  /** Fetches and merges the connection status of some WorkSpaces. A failure leaves the rows
   *  without status (and is reported as the section's statusError), it never fails the listing. */
  private async fetchStatus(api: WorkspacesApi, ids: string[], signal: AbortSignal, priority: Priority): Promise<void> {
    if (ids.length === 0) return;
    const ref = api.priorityRef(priority);
    for (const id of ids) this.pendingStatus.set(id, ref);
    try {
      const statuses = await api.connectionStatus(ids, { abortSignal: signal, priority: ref });
      for (const id of ids) {
        const w = this.workspaces.items.get(id);
        if (w) this.putRow(id, w, statuses.get(id));
      }
      this.emit('change', { section: 'workspaces', pageArrived: true });
    } catch (e) {
      if (signal.aborted) return;
      this.statusError = toScopeError(e);
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
    this.workspaces.items.set(id, row);
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
  }

  /** Ids of the WorkSpaces in a moving state or with a change running (the ones polling follows). */
  movingWorkspaceIds(): string[] {
    const ids: string[] = [];
    for (const [id, w] of this.workspaces.items) if (isWorkspaceMoving(w)) ids.push(id);
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
    const statuses = wanted.length > 0 ? await api.connectionStatus(wanted, o) : undefined;
    for (const w of res.workspaces) if (w.WorkspaceId) this.putRow(w.WorkspaceId, w, statuses?.get(w.WorkspaceId));
    for (const id of res.gone) this.workspaces.items.delete(id);
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

  /** Adds WorkSpaces created by an action (they appear before the next listing). */
  addWorkspaces(items: readonly WorkspaceView[]): void {
    for (const w of items) if (w.WorkspaceId) this.workspaces.items.set(w.WorkspaceId, w);
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
