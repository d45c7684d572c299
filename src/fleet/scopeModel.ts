// The data of one (profile, region): directories, WorkSpaces (with connection status), images and
// pools, loaded as streams of pages and kept between refreshes. Never imports `vscode`: the tree
// listens to its events; the unit tests drive it against the emulator.
import { EventEmitter, setMaxListeners } from 'node:events';
import type {
  WorkspaceConnectionStatus,
  WorkspaceDirectory,
  WorkspaceImage,
  WorkspacesPool,
} from '@aws-sdk/client-workspaces';
import type { WorkspacesApi } from '../aws/api';
import { toScopeError, type ScopeError } from '../core/errors';
import type { WorkspaceView } from '../core/present';
import { isMoving } from '../core/states';
import type { Scope } from '../core/types';

export type Section = 'directories' | 'workspaces' | 'images' | 'pools';
export const SECTIONS: readonly Section[] = ['directories', 'workspaces', 'images', 'pools'];

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
  /** Set when connection status could not be fetched in the last load (rows show without it). */
  statusError?: ScopeError;
  private readonly inFlight = new Map<Section, Promise<void>>();
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

  /** Starts loading every section that has not been loaded yet. */
  ensureLoaded(): void {
    for (const s of SECTIONS) if (this[s].state === 'idle') void this.load(s);
  }

  /**
   * Loads (or reloads) a section. Calls made while a load of the same section is in flight join
   * it, so ten Refresh clicks cause one listing.
   */
  load(section: Section): Promise<void> {
    const running = this.inFlight.get(section);
    if (running) return running;
    const p = this.doLoad(section).finally(() => this.inFlight.delete(section));
    this.inFlight.set(section, p);
    return p;
  }

  /** Reloads everything (joining loads already in flight). */
  async refresh(): Promise<void> {
    await Promise.all(SECTIONS.map((s) => this.load(s)));
  }

  /** Cancels every call in flight (the scope is being removed). */
  dispose(): void {
    this.abort.abort();
    this.abort = scopeAbortController();
    this.removeAllListeners();
  }

  private async doLoad(section: Section): Promise<void> {
    const st = this.section(section);
    st.state = 'loading';
    delete st.error;
    st.startedAt = Date.now();
    delete st.firstPageAt;
    this.emit('change', { section });
    const seen = new Set<string>();
    const signal = this.abort.signal;
    if (section === 'workspaces') delete this.statusError;
    try {
      const api = await this.api();
      switch (section) {
        case 'directories':
          for await (const page of api.directories({ abortSignal: signal })) {
            this.mergePage(this.directories, page, (d) => d.DirectoryId, seen);
            this.emit('change', { section, pageArrived: true });
          }
          break;
        case 'workspaces': {
          // WorkSpaces are listed per directory, in parallel: the directories come first.
          await this.load('directories');
          if (this.directories.state === 'error') {
            // Without directories there is nothing to list: the section shows the same failure.
            st.state = 'error';
            if (this.directories.error) st.error = this.directories.error;
            this.emit('change', { section });
            return;
          }
          const directoryIds = [...this.directories.items.keys()];
          // Rows show as soon as their page arrives; the connection status of each page is fetched
          // meanwhile (≤ 25 ids per call, calls bounded by the API) and merged when it comes.
          const statusCalls: Promise<void>[] = [];
          if (directoryIds.length > 0) {
            for await (const page of api.workspaces({ directoryIds, abortSignal: signal })) {
              this.mergePage(this.workspaces, page, (w) => w.WorkspaceId, seen, true);
              this.emit('change', { section, pageArrived: true });
              const ids = page.map((w) => w.WorkspaceId).filter((id): id is string => id !== undefined);
              statusCalls.push(this.mergeStatus(api, ids, signal));
            }
          }
          await Promise.all(statusCalls);
          break;
        }
        case 'images':
          for await (const page of api.images({ abortSignal: signal })) {
            this.mergePage(this.images, page, (i) => i.ImageId, seen);
            this.emit('change', { section, pageArrived: true });
          }
          break;
        case 'pools':
          for await (const page of api.pools({ abortSignal: signal })) {
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
  private async mergeStatus(api: WorkspacesApi, ids: string[], signal: AbortSignal): Promise<void> {
    if (ids.length === 0) return;
    try {
      const statuses = await api.connectionStatus(ids, { abortSignal: signal });
      for (const id of ids) {
        const w = this.workspaces.items.get(id);
        const connection = statuses.get(id);
        if (w && connection) this.workspaces.items.set(id, { ...w, connection });
      }
      this.emit('change', { section: 'workspaces', pageArrived: true });
    } catch (e) {
      if (signal.aborted) return;
      this.statusError = toScopeError(e);
    }
  }

  private mergePage<T>(
    st: SectionState<T>,
    page: readonly T[],
    idOf: (t: T) => string | undefined,
    seen: Set<string>,
    keepTags = false,
  ): void {
    st.firstPageAt ??= Date.now();
    for (const item of page) {
      const id = idOf(item);
      if (!id) continue;
      seen.add(id);
      if (keepTags) {
        // Tags are loaded on demand and the status comes a moment after the row: keep both from
        // the previous load until they are replaced, so a refresh does not flicker.
        const old = st.items.get(id) as WorkspaceView | undefined;
        const next = item as WorkspaceView;
        if (old?.tags && !next.tags) next.tags = old.tags;
        if (old?.connection && !next.connection) next.connection = old.connection;
      }
      st.items.set(id, item);
    }
  }

  /** Ids of the WorkSpaces in a moving state (the ones polling follows). */
  movingWorkspaceIds(): string[] {
    const ids: string[] = [];
    for (const [id, w] of this.workspaces.items) if (isMoving(w.State)) ids.push(id);
    return ids;
  }

  /**
   * Re-describes chosen WorkSpaces by id (≤ 25 per call) and updates only those rows. With
   * `status: 'settled'` (what polling uses) the connection status is re-read only for the ones
   * that stopped moving — a WorkSpace that is still starting keeps its last known status — so a
   * poll tick costs ⌈moving/25⌉ requests.
   */
  async refreshWorkspaces(ids: readonly string[], opts: { status?: 'all' | 'settled' } = {}): Promise<void> {
    if (ids.length === 0) return;
    const api = await this.api();
    const signal = this.abort.signal;
    const settledOnly = opts.status === 'settled';
    const res = await api.refresh(ids, { withStatus: !settledOnly, abortSignal: signal });
    let statuses: Map<string, WorkspaceConnectionStatus> | undefined;
    if (settledOnly) {
      const settled = res.workspaces
        .filter((w) => w.WorkspaceId && !isMoving(w.State))
        .map((w) => w.WorkspaceId as string);
      if (settled.length) statuses = await api.connectionStatus(settled, { abortSignal: signal });
    }
    for (const w of res.workspaces) {
      if (!w.WorkspaceId) continue;
      const old = this.workspaces.items.get(w.WorkspaceId);
      const next: WorkspaceView = { ...w };
      if (old?.tags) next.tags = old.tags;
      const connection = next.connection ?? statuses?.get(w.WorkspaceId) ?? old?.connection;
      if (connection) next.connection = connection;
      this.workspaces.items.set(w.WorkspaceId, next);
    }
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
