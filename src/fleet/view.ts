// The view model of the explorer, pure: which WorkSpaces of a scope pass the filter and the idle
// view, how they split into directories and groups, the counts ("42 of 1,204"), and the order of
// every level. The tree provider asks it per change of a scope or of the view options and turns
// the answers into rows; the unit tests check it in plain Node. No `vscode` (lint-enforced).
import type { WorkspaceDirectory, WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import {
  directoryLabel,
  groupKey,
  isIdle,
  runningModeLabel,
  stateLabel,
  type GroupBy,
  type WorkspaceView,
} from '../core/present';
import { imageMatchesFilter, matchesFilter, poolMatchesFilter } from '../core/filter';

export interface ViewOptions {
  groupBy: GroupBy;
  filter: string;
  idleOnly: boolean;
  idleDays: number;
}

/** True when some WorkSpaces may be hidden (a filter or the idle view). */
export function isFiltering(o: ViewOptions): boolean {
  return o.filter.trim() !== '' || o.idleOnly;
}

/** The data of one scope the view reads (a ScopeModel fits). */
export interface ScopeData {
  readonly workspaces: { readonly items: ReadonlyMap<string, WorkspaceView> };
  readonly directories: { readonly items: ReadonlyMap<string, WorkspaceDirectory> };
  readonly images: { readonly items: ReadonlyMap<string, WorkspaceImage> };
  readonly pools: { readonly items: ReadonlyMap<string, WorkspacesPool> };
  /** When the extension first saw each WorkSpace (ms): a never-connected one is idle from there. */
  readonly firstSeen?: ReadonlyMap<string, number>;
}

/** A row that holds WorkSpaces: how many pass the filter (`shown`) of how many there are. */
export interface Counted {
  readonly shown: number;
  readonly total: number;
}

export interface DirectoryRow extends Counted {
  readonly directory: WorkspaceDirectory;
}

export interface GroupRow extends Counted {
  readonly by: GroupBy;
  readonly key: string;
  readonly label: string;
}

const fmt = new Intl.NumberFormat('en-US');
/** "1,204". */
export const count = (n: number): string => fmt.format(n);

/** "42 of 1,204" while a filter hides some, else "1,204". */
export function ofTotal(c: Counted): string {
  return c.shown !== c.total ? `${count(c.shown)} of ${count(c.total)}` : count(c.total);
}

export function groupLabel(by: GroupBy, key: string, directoryName?: string): string {
  switch (by) {
    case 'directory':
      return directoryName ?? key;
    case 'state':
      return stateLabel(key);
    case 'runningMode':
      return runningModeLabel(key);
    case 'none':
      return key;
  }
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** WorkSpaces by user name (or id), then id. */
export function byLabel(a: WorkspaceView, b: WorkspaceView): number {
  return (
    collator.compare(a.UserName ?? a.WorkspaceId ?? '', b.UserName ?? b.WorkspaceId ?? '') ||
    collator.compare(a.WorkspaceId ?? '', b.WorkspaceId ?? '')
  );
}

const byName =
  <T>(name: (t: T) => string) =>
  (a: T, b: T): number =>
    name(a).localeCompare(name(b));

function countBy<T>(items: Iterable<T>, key: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of items) out.set(key(t), (out.get(key(t)) ?? 0) + 1);
  return out;
}

/** The first `limit` rows of a list, and how many are left for "Show more". */
export function page<T>(list: readonly T[], limit: number): { rows: T[]; remaining: number } {
  return { rows: list.slice(0, limit), remaining: Math.max(0, list.length - limit) };
}

/**
 * What the explorer shows of one scope under the current options. Every part is computed once, on
 * first use (every level of a 10,000 fleet asks): build a new one when the scope or the options
 * change.
 */
export class ScopeView {
  readonly filtering: boolean;
  readonly groupBy: GroupBy;
  private visibleList?: WorkspaceView[];
  private places?: Map<string, string>;
  private readonly parts = new Map<'dir' | GroupBy, Map<string, WorkspaceView[]>>();

  constructor(
    private readonly data: ScopeData,
    private readonly options: ViewOptions,
    private readonly now: Date,
  ) {
    this.filtering = isFiltering(options);
    this.groupBy = options.groupBy;
  }

  /** The WorkSpaces that pass the filter and the idle view, sorted by label. */
  get visible(): WorkspaceView[] {
    if (!this.visibleList) {
      const { filter, idleOnly, idleDays } = this.options;
      const out: WorkspaceView[] = [];
      for (const w of this.data.workspaces.items.values()) {
        if (idleOnly && !isIdle(w, idleDays, this.now, this.since(w))) continue;
        if (filter && !matchesFilter(w, filter, this.directoryName(w.DirectoryId))) continue;
        out.push(w);
      }
      this.visibleList = out.sort(byLabel);
    }
    return this.visibleList;
  }

  /** True once the visible list was computed: rows were (or are being) shown from this view. */
  get materialized(): boolean {
    return this.visibleList !== undefined;
  }

  /**
   * Where a WorkSpace shows (its group of the WorkSpaces section and its directory), or undefined
   * when it is hidden or gone. A change that keeps every place lets the tree refresh just the rows;
   * otherwise their containers. Read from the list this view computed, so an old view answers
   * where a WorkSpace was.
   */
  placeOf(id: string): string | undefined {
    if (!this.places) {
      this.places = new Map();
      for (const w of this.visible) {
        if (w.WorkspaceId) this.places.set(w.WorkspaceId, `${groupKey(w, this.groupBy)}\u0000${w.DirectoryId ?? ''}`);
      }
    }
    return this.places.get(id);
  }

  /** Since when a WorkSpace can have been unused: created by this extension, else first seen. */
  private since(w: WorkspaceView): number | undefined {
    return w.creating?.since ?? (w.WorkspaceId ? this.data.firstSeen?.get(w.WorkspaceId) : undefined);
  }

  /** Visible and total WorkSpaces of the scope. */
  get workspaces(): Counted {
    const total = this.data.workspaces.items.size;
    return { shown: this.filtering ? this.visible.length : total, total };
  }

  /** How many rows of a section pass the filter, while some may be hidden (else undefined). */
  shownIn(section: 'directories' | 'workspaces' | 'images' | 'pools'): number | undefined {
    const filtered = this.options.filter.trim() !== '';
    switch (section) {
      case 'workspaces':
        return this.filtering ? this.visible.length : undefined;
      case 'images':
        return filtered ? this.images().length : undefined;
      case 'pools':
        return filtered ? this.pools().length : undefined;
      case 'directories':
        return undefined;
    }
  }

  directoryName(id: string | undefined): string | undefined {
    const d = id === undefined ? undefined : this.data.directories.items.get(id);
    return d ? directoryLabel(d) : undefined;
  }

  /** The visible WorkSpaces of one directory or one group. */
  rowsOf(by: 'dir' | GroupBy, key: string): WorkspaceView[] {
    let parts = this.parts.get(by);
    if (!parts) {
      parts = new Map();
      for (const w of this.visible) {
        const k = by === 'dir' ? (w.DirectoryId ?? '') : groupKey(w, by);
        let list = parts.get(k);
        if (!list) parts.set(k, (list = []));
        list.push(w);
      }
      this.parts.set(by, parts);
    }
    return parts.get(key) ?? [];
  }

  /** Every directory, by label, with its visible and total WorkSpaces. */
  directories(): DirectoryRow[] {
    const totals = countBy(this.data.workspaces.items.values(), (w) => w.DirectoryId ?? '');
    return [...this.data.directories.items.values()].sort(byName(directoryLabel)).map((directory) => {
      const total = totals.get(directory.DirectoryId ?? '') ?? 0;
      const shown = this.filtering ? this.rowsOf('dir', directory.DirectoryId ?? '').length : total;
      return { directory, shown, total };
    });
  }

  /** The groups of the WorkSpaces section that have visible WorkSpaces, by label. */
  groups(): GroupRow[] {
    const by = this.options.groupBy;
    const totals = countBy(this.data.workspaces.items.values(), (w) => groupKey(w, by));
    const keys = new Set(this.visible.map((w) => groupKey(w, by)));
    return [...keys]
      .map((key) => ({
        by,
        key,
        label: groupLabel(by, key, this.directoryName(key)),
        shown: this.rowsOf(by, key).length,
        total: totals.get(key) ?? 0,
      }))
      .sort(byName((g) => g.label));
  }

  /** The images that pass the filter (the idle view is about WorkSpaces only), by name. */
  images(): WorkspaceImage[] {
    const { filter } = this.options;
    return [...this.data.images.items.values()]
      .filter((i) => !filter || imageMatchesFilter(i, filter))
      .sort(byName((i) => i.Name ?? ''));
  }

  /** The pools that pass the filter, by name. */
  pools(): WorkspacesPool[] {
    const { filter } = this.options;
    return [...this.data.pools.items.values()]
      .filter((p) => !filter || poolMatchesFilter(p, filter, this.directoryName(p.DirectoryId)))
      .sort(byName((p) => p.PoolName ?? ''));
  }
}

/**
 * When the extension first saw each WorkSpace in its current state. AWS reports no time of the
 * last state change (a Workspace has no such field; DescribeWorkspaces only tells the state), so
 * "in this state for 25 min" can only mean "at least": the clock starts when a listing, a poll or
 * an action first shows the state, and restarts when the state changes.
 */
export class StateClock {
  private readonly seen = new Map<string, { state: string; since: number }>();

  /** Notes the current state of a WorkSpace (a new state restarts its clock). */
  observe(id: string, state: string | undefined, now: number): void {
    if (state === undefined) return;
    const s = this.seen.get(id);
    if (!s || s.state !== state) this.seen.set(id, { state, since: now });
  }

  observeAll(items: Iterable<WorkspaceView>, now: number): void {
    for (const w of items) if (w.WorkspaceId) this.observe(w.WorkspaceId, w.State, now);
  }

  /** When the WorkSpace was first seen in `state`, if that is the state the clock knows. */
  since(id: string, state: string | undefined): number | undefined {
    const s = this.seen.get(id);
    return s && s.state === state ? s.since : undefined;
  }
}
