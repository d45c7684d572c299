// The bundles of one scope (profile × region), kept for the session: by id (to name the bundle of a
// WorkSpace or a pool wherever its id is shown) and as the account's own and Amazon's lists (the
// Bundles section and the bundle pickers). Nothing is read until asked: names by id cost
// ⌈ids/25⌉ DescribeWorkspaceBundles calls (BundleIds), the lists their pages. Never imports
// `vscode`; the tree and the commands listen to `change`.
import { EventEmitter } from 'node:events';
import type { WorkspaceBundle } from '@aws-sdk/client-workspaces';
import type { WorkspacesApi } from '../aws/api';
import type { Priority } from '../aws/scheduler';
import { toScopeError, type ScopeError } from '../core/errors';
import { computeLabel } from '../core/modify';

export type BundleOwner = 'own' | 'amazon';

export interface BundleList {
  state: 'idle' | 'loading' | 'loaded' | 'error';
  /** The bundles, by name (the account's own: Owner is the account id; Amazon's: 'AMAZON'). */
  items: WorkspaceBundle[];
  error?: ScopeError;
}

/** A bundle's name, or undefined while it is not known. */
export function bundleName(b: WorkspaceBundle | undefined): string | undefined {
  return b?.Name || undefined;
}

/** "Standard · root 80 GB · user 50 GB" — what a bundle gives a WorkSpace. */
export function bundleSummary(b: WorkspaceBundle): string {
  const root = b.RootStorage?.Capacity;
  const user = b.UserStorage?.Capacity;
  const compute = b.ComputeType?.Name ? computeLabel(b.ComputeType.Name) : '';
  return [compute, root ? `root ${root} GB` : '', user ? `user ${user} GB` : ''].filter(Boolean).join(' · ');
}

export class BundleCatalog extends EventEmitter<{ change: [] }> {
  private readonly byId = new Map<string, WorkspaceBundle>();
  /** Ids asked for that DescribeWorkspaceBundles did not return (deleted, or not shared any more). */
  private readonly missing = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly lists: Record<BundleOwner, BundleList> = {
    own: { state: 'idle', items: [] },
    amazon: { state: 'idle', items: [] },
  };
  private readonly listing = new Map<BundleOwner, Promise<WorkspaceBundle[]>>();

  constructor(private readonly api: () => Promise<WorkspacesApi>) {
    super();
  }

  /** The bundle of an id, when known. */
  get(id: string | undefined): WorkspaceBundle | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  /** The name of a bundle id, when known. */
  name(id: string | undefined): string | undefined {
    return bundleName(this.get(id));
  }

  /** True when the id was asked for and AWS did not return it. */
  isMissing(id: string): boolean {
    return this.missing.has(id);
  }

  /**
   * Reads the bundles of these ids that are not known yet (≤ 25 per call), once per session: ids
   * being read are joined, ids AWS did not return are not asked again. A failed read throws (and is
   * asked again next time).
   */
  async resolve(ids: Iterable<string | undefined>, priority: Priority = 'background'): Promise<void> {
    const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
    const joined = wanted.map((id) => this.inFlight.get(id)).filter((p): p is Promise<void> => p !== undefined);
    const unknown = wanted.filter((id) => !this.byId.has(id) && !this.missing.has(id) && !this.inFlight.has(id));
    if (unknown.length > 0) {
      const p = (async () => {
        const found = await (await this.api()).bundlesById(unknown, { priority });
        for (const b of found) if (b.BundleId) this.byId.set(b.BundleId, b);
        for (const id of unknown) if (!this.byId.has(id)) this.missing.add(id);
        this.emit('change');
      })().finally(() => {
        for (const id of unknown) if (this.inFlight.get(id) === p) this.inFlight.delete(id);
      });
      for (const id of unknown) this.inFlight.set(id, p);
      joined.push(p);
    }
    await Promise.all(joined);
  }

  /** The account's own or Amazon's list as loaded so far. */
  list(owner: BundleOwner): BundleList {
    return this.lists[owner];
  }

  /**
   * Loads the account's own or Amazon's bundles (every page) once per session; a load in flight is
   * joined, a failed one is tried again on the next call. Resolves to the list.
   */
  load(owner: BundleOwner, priority: Priority = 'interactive'): Promise<WorkspaceBundle[]> {
    const st = this.lists[owner];
    if (st.state === 'loaded') return Promise.resolve(st.items);
    const running = this.listing.get(owner);
    if (running) return running;
    st.state = 'loading';
    delete st.error;
    this.emit('change');
    const p = (async () => {
      try {
        const all: WorkspaceBundle[] = [];
        for await (const page of (await this.api()).bundles({ owner, priority })) all.push(...page);
        all.sort((a, b) => (a.Name ?? a.BundleId ?? '').localeCompare(b.Name ?? b.BundleId ?? ''));
        for (const b of all) if (b.BundleId) this.byId.set(b.BundleId, b);
        st.items = all;
        st.state = 'loaded';
        return all;
      } catch (e) {
        st.state = 'error';
        st.error = toScopeError(e);
        throw e;
      } finally {
        this.listing.delete(owner);
        this.emit('change');
      }
    })();
    this.listing.set(owner, p);
    return p;
  }

  /** Reads one list again (a Refresh of the Bundles section). */
  reload(owner: BundleOwner, priority: Priority = 'interactive'): Promise<WorkspaceBundle[]> {
    if (this.lists[owner].state === 'loaded') this.lists[owner] = { state: 'idle', items: [] };
    return this.load(owner, priority);
  }

  /** Forgets everything (the profile's settings changed: another account's bundles may answer). */
  reset(): void {
    this.byId.clear();
    this.missing.clear();
    this.inFlight.clear();
    this.listing.clear();
    this.lists.own = { state: 'idle', items: [] };
    this.lists.amazon = { state: 'idle', items: [] };
    this.emit('change');
  }
}
