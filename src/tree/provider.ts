// The TreeDataProvider of the WorkSpaces explorer. It turns the Fleet model into rows, groups big
// levels, pages very long ones ("Show more"), applies the filter and the idle view, and refreshes
// only what changed (a scope's subtree when pages arrive, single rows when polling moves them).
import * as vscode from 'vscode';
import type { WorkspaceDirectory } from '@aws-sdk/client-workspaces';
import { directoryLabel, groupKey, isIdle, matchesFilter, type GroupBy, type WorkspaceView } from '../core/present';
import type { Fleet } from '../fleet/fleet';
import { SECTIONS, type ScopeChange, type ScopeModel } from '../fleet/scopeModel';
import {
  CategoryNode,
  DirectoryNode,
  ErrorNode,
  GroupNode,
  groupLabel,
  ImageNode,
  InfoNode,
  LoadMoreNode,
  type Node,
  PoolNode,
  ProfileNode,
  RegionNode,
  WorkspaceNode,
} from './nodes';

/** Rows shown at once under one parent before a "Show more" row. */
export const PAGE_ROWS = 500;
/** Refreshes caused by arriving pages are batched this long (ms). */
const CHANGE_BATCH_MS = 150;

export interface ViewOptions {
  groupBy: GroupBy;
  filter: string;
  idleOnly: boolean;
  idleDays: number;
}

export class FleetTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | Node[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, Node>();
  private readonly limits = new Map<string, number>();
  /** Page arrivals per scope in the current listing (the batch delay grows with them). */
  private readonly pageBatches = new WeakMap<ScopeModel, number>();
  private visible = new WeakMap<
    ScopeModel,
    { list: WorkspaceView[]; parts: Map<string, Map<string, WorkspaceView[]>> }
  >();
  private pending = new Set<Node>();
  private pendingAll = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: (() => void)[] = [];
  /** Called after each change batch is fired (the explorer updates its message and context). */
  onDidRefresh: () => void = () => undefined;

  constructor(
    private readonly fleet: Fleet,
    private view: ViewOptions,
    private readonly loadTags: (model: ScopeModel, workspaceId: string) => Promise<void>,
  ) {
    const onProfiles = (): void => {
      this.dropStaleNodes();
      this.refreshAll();
    };
    const onScope = (model: ScopeModel, change: ScopeChange): void => this.onScopeChange(model, change);
    fleet.on('profiles', onProfiles);
    fleet.on('scope', onScope);
    this.listeners.push(
      () => fleet.off('profiles', onProfiles),
      () => fleet.off('scope', onScope),
    );
  }

  get options(): ViewOptions {
    return this.view;
  }

  setOptions(view: Partial<ViewOptions>): void {
    this.view = { ...this.view, ...view };
    this.visible = new WeakMap();
    this.limits.clear();
    this.refreshAll();
  }

  /** Forgets cached rows of scopes the fleet no longer has (a region removed, maybe added back as
   *  a new ScopeModel): a reused row would keep the disposed model. */
  private dropStaleNodes(): void {
    const live = new Set(this.fleet.allScopes());
    for (const [id, n] of this.nodes) {
      const m = n.scopeModel;
      if (m && !live.has(m)) this.nodes.delete(id);
    }
  }

  /** Re-renders everything (the root) at the next batch. */
  refreshAll(): void {
    this.pendingAll = true;
    this.schedule(0);
  }

  refreshNode(node: Node): void {
    this.pending.add(node);
    this.schedule(0);
  }

  private onScopeChange(model: ScopeModel, change: ScopeChange): void {
    this.visible.delete(model);
    if (change.workspaceIds && this.view.groupBy !== 'state' && !this.view.filter && !this.view.idleOnly) {
      // Polling / an action: refresh just those rows where they are shown (their place is unchanged).
      const rows = [...this.nodes.values()].filter(
        (n): n is WorkspaceNode =>
          n instanceof WorkspaceNode && n.scopeModel === model && change.workspaceIds!.includes(n.workspaceId),
      );
      let missing = false;
      for (const row of rows) {
        const ws = model.workspaces.items.get(row.workspaceId);
        if (ws) {
          row.workspace = ws;
          this.pending.add(row);
        } else {
          missing = true;
        }
      }
      if (!missing) {
        this.schedule(0);
        return;
      }
    }
    // Pages arriving, a section (re)loaded, rows that moved: refresh the scope's subtree, batched.
    // The first pages show at once; while a big listing keeps streaming, the batches grow, so the
    // workbench is not re-rendering hundreds of rows several times a second.
    const container = this.scopeContainer(model);
    if (container) this.pending.add(container);
    else this.pendingAll = true;
    if (change.pageArrived) {
      const n = (this.pageBatches.get(model) ?? 0) + 1;
      this.pageBatches.set(model, n);
      this.schedule(n <= 8 ? CHANGE_BATCH_MS : n <= 40 ? 3 * CHANGE_BATCH_MS : 6 * CHANGE_BATCH_MS);
    } else {
      this.pageBatches.delete(model);
      this.schedule(0);
    }
  }

  private scopeContainer(model: ScopeModel): Node | undefined {
    const region = this.nodes.get(`region:${model.key}`);
    if (region) return region;
    return this.nodes.get(`profile:${model.scope.profile}`);
  }

  private schedule(delay: number): void {
    if (this.timer) {
      if (delay > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => this.flush(), delay);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.pendingAll) {
      this.pendingAll = false;
      this.pending.clear();
      this.changed.fire(undefined);
    } else if (this.pending.size) {
      const nodes = [...this.pending];
      this.pending.clear();
      // A node whose ancestor is also refreshed is covered by it.
      const ids = new Set(nodes.map((n) => n.id));
      const top = nodes.filter((n) => {
        for (let p = n.parent; p; p = p.parent) if (ids.has(p.id)) return false;
        return true;
      });
      this.changed.fire(top);
    }
    this.onDidRefresh();
  }

  /** Reuses the node object of an id so `fire(node)` and VS Code's element map stay in sync. */
  private node<T extends Node>(id: string, make: () => T, update?: (n: T) => void): T {
    let n = this.nodes.get(id) as T | undefined;
    if (!n) {
      n = make();
      this.nodes.set(id, n);
    } else if (update) {
      update(n);
    }
    return n;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node.treeItem();
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: Node, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node instanceof WorkspaceNode) {
      const model = node.scopeModel;
      if (model && node.workspace.tags === undefined) {
        try {
          await this.loadTags(model, node.workspaceId);
        } catch {
          // The tooltip shows what is known; the error is logged by loadTags.
        }
        if (token.isCancellationRequested) return item;
        node.workspace = model.workspaces.items.get(node.workspaceId) ?? node.workspace;
      }
      item.tooltip = node.tooltip();
    }
    return item;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'profile':
        return this.profileChildren(node as ProfileNode);
      case 'region':
        return this.scopeChildren(node, (node as RegionNode).model);
      case 'category':
        return this.categoryChildren(node as CategoryNode);
      case 'directory': {
        const d = node as DirectoryNode;
        const model = d.scopeModel;
        if (!model) return [];
        return this.workspaceRows(d, model, this.visibleBy(model, 'dir', d.directory.DirectoryId ?? ''));
      }
      case 'group': {
        const g = node as GroupNode;
        const model = g.scopeModel;
        if (!model) return [];
        return this.workspaceRows(g, model, this.visibleBy(model, g.by, g.key));
      }
      default:
        return [];
    }
  }

  private roots(): Node[] {
    const fleet = this.fleet;
    if (fleet.state === 'loading' && fleet.profiles.length === 0) {
      void fleet.loadProfiles();
      return [];
    }
    if (fleet.state === 'error' && fleet.error) {
      return [new ErrorNode(undefined, 'fleet:error', fleet.error, {})];
    }
    if (fleet.state === 'noProfiles' || fleet.allFailing) return [];
    return fleet.profiles.map((entry) =>
      this.node(
        `profile:${entry.info.name}`,
        () => new ProfileNode(entry),
        (n) => (n.entry = entry),
      ),
    );
  }

  private profileChildren(node: ProfileNode): Node[] {
    const { entry } = node;
    if (entry.scopes.length === 0) {
      return [
        new InfoNode(node, `${node.id}/noregion`, 'No region: choose regions for this profile', 'globe', {
          command: 'workspacesFleet.chooseRegions',
          title: 'Choose Regions',
          arguments: [node],
        }),
      ];
    }
    if (entry.scopes.length === 1) return this.scopeChildren(node, entry.scopes[0]);
    return entry.scopes.map((m) => this.node(`region:${m.key}`, () => new RegionNode(node, m)));
  }

  private scopeChildren(parent: Node, model: ScopeModel): Node[] {
    // Every section whose category row shows (images and pools too) until the tree asks per category.
    model.ensureLoaded(SECTIONS);
    const fatal = model.fatalError;
    if (fatal) return [new ErrorNode(parent, `${parent.id}/error`, fatal, { scopeKey: model.key })];
    return SECTIONS.map((s) => {
      const cat = this.node(`cat:${model.key}:${s}`, () => new CategoryNode(parent, model, s));
      if (s === 'workspaces' || s === 'directories') {
        cat.shownCount = this.filtering ? this.visibleWorkspaces(model).length : undefined;
      }
      if (s === 'directories') cat.shownCount = undefined;
      return cat;
    });
  }

  get filtering(): boolean {
    return this.view.filter.trim() !== '' || this.view.idleOnly;
  }

  /** The WorkSpaces of a scope that pass the filter and the idle view, sorted by label. Computed
   *  once per change of the scope or of the view options (every level of a 10,000 fleet asks). */
  visibleWorkspaces(model: ScopeModel): WorkspaceView[] {
    let entry = this.visible.get(model);
    if (!entry) this.visible.set(model, (entry = { list: this.computeVisible(model), parts: new Map() }));
    return entry.list;
  }

  /** The visible WorkSpaces of a scope split by a key (directory, group), computed once per change. */
  private visibleBy(model: ScopeModel, by: 'dir' | GroupBy, key: string): WorkspaceView[] {
    this.visibleWorkspaces(model);
    const entry = this.visible.get(model)!;
    let parts = entry.parts.get(by);
    if (!parts) {
      parts = new Map();
      for (const w of entry.list) {
        const k = by === 'dir' ? (w.DirectoryId ?? '') : groupKey(w, by);
        let list = parts.get(k);
        if (!list) parts.set(k, (list = []));
        list.push(w);
      }
      entry.parts.set(by, parts);
    }
    return parts.get(key) ?? [];
  }

  private computeVisible(model: ScopeModel): WorkspaceView[] {
    const dirs = model.directories.items;
    const now = new Date();
    const out: WorkspaceView[] = [];
    for (const w of model.workspaces.items.values()) {
      if (this.view.idleOnly && !isIdle(w, this.view.idleDays, now)) continue;
      if (this.view.filter && !matchesFilter(w, this.view.filter, dirName(dirs.get(w.DirectoryId ?? '')))) continue;
      out.push(w);
    }
    return out.sort(byLabel);
  }

  private categoryChildren(cat: CategoryNode): Node[] {
    const model = cat.model;
    const st = model.section(cat.section);
    const rows: Node[] = [];
    if (st.state === 'error' && st.error) {
      rows.push(new ErrorNode(cat, `${cat.id}/error`, st.error, { scopeKey: model.key, section: cat.section }));
    }
    if (st.state === 'loading' && st.items.size === 0) {
      rows.push(new InfoNode(cat, `${cat.id}/loading`, 'Loading…', 'loading~spin'));
      return rows;
    }
    switch (cat.section) {
      case 'directories': {
        const visible = this.visibleWorkspaces(model);
        const byDir = new Map<string, number>();
        const totalByDir = new Map<string, number>();
        for (const w of visible) byDir.set(w.DirectoryId ?? '', (byDir.get(w.DirectoryId ?? '') ?? 0) + 1);
        for (const w of model.workspaces.items.values()) {
          totalByDir.set(w.DirectoryId ?? '', (totalByDir.get(w.DirectoryId ?? '') ?? 0) + 1);
        }
        const dirs = [...model.directories.items.values()].sort((a, b) =>
          directoryLabel(a).localeCompare(directoryLabel(b)),
        );
        for (const d of dirs) {
          const id = `${cat.id}/${d.DirectoryId ?? ''}`;
          const node = this.node(
            id,
            () => new DirectoryNode(cat, d),
            (n) => (n.directory = d),
          );
          node.total = totalByDir.get(d.DirectoryId ?? '') ?? 0;
          node.shownCount = this.filtering ? (byDir.get(d.DirectoryId ?? '') ?? 0) : undefined;
          rows.push(node);
        }
        break;
      }
      case 'workspaces': {
        const visible = this.visibleWorkspaces(model);
        if (this.view.groupBy === 'none') {
          rows.push(...this.workspaceRows(cat, model, visible));
          break;
        }
        const groups = new Map<string, WorkspaceView[]>();
        const totals = new Map<string, number>();
        for (const w of model.workspaces.items.values()) {
          const k = groupKey(w, this.view.groupBy);
          totals.set(k, (totals.get(k) ?? 0) + 1);
        }
        for (const w of visible) {
          const k = groupKey(w, this.view.groupBy);
          let g = groups.get(k);
          if (!g) groups.set(k, (g = []));
          g.push(w);
        }
        const by = this.view.groupBy;
        const label = (k: string): string => groupLabel(by, k, dirName(model.directories.items.get(k)));
        for (const key of [...groups.keys()].sort((a, b) => label(a).localeCompare(label(b)))) {
          const g = this.node(`${cat.id}/group:${by}:${key}`, () => new GroupNode(cat, by, key));
          g.label = label(key);
          g.shown = groups.get(key)?.length ?? 0;
          g.total = totals.get(key) ?? 0;
          rows.push(g);
        }
        if (rows.length === 0 && model.workspaces.items.size > 0) {
          rows.push(
            new InfoNode(cat, `${cat.id}/nomatch`, 'No WorkSpace matches the filter', 'filter', {
              command: 'workspacesFleet.clearFilter',
              title: 'Clear Filter',
            }),
          );
        }
        break;
      }
      case 'images':
        for (const img of [...model.images.items.values()].sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''))) {
          rows.push(
            this.node(
              `${cat.id}/${img.ImageId ?? ''}`,
              () => new ImageNode(cat, img),
              (n) => (n.image = img),
            ),
          );
        }
        break;
      case 'pools':
        for (const p of [...model.pools.items.values()].sort((a, b) =>
          (a.PoolName ?? '').localeCompare(b.PoolName ?? ''),
        )) {
          rows.push(
            this.node(
              `${cat.id}/${p.PoolId ?? ''}`,
              () => new PoolNode(cat, p),
              (n) => (n.pool = p),
            ),
          );
        }
        break;
    }
    if (rows.length === 0 && st.state === 'loaded') {
      rows.push(
        new InfoNode(
          cat,
          `${cat.id}/empty`,
          `No ${cat.section === 'workspaces' ? 'WorkSpaces' : cat.section} in this region`,
          'info',
        ),
      );
    }
    return rows;
  }

  /** WorkSpace rows under a parent, PAGE_ROWS at a time with a "Show more" row. */
  private workspaceRows(parent: Node, model: ScopeModel, list: WorkspaceView[]): Node[] {
    const limit = this.limits.get(parent.id) ?? PAGE_ROWS;
    const rows: Node[] = list.slice(0, limit).map((w) => {
      const n = this.node(
        `${parent.id}/${w.WorkspaceId ?? ''}`,
        () => new WorkspaceNode(parent, w),
        (row) => (row.workspace = w),
      );
      n.directoryName = dirName(model.directories.items.get(w.DirectoryId ?? ''));
      return n;
    });
    if (list.length > limit) rows.push(new LoadMoreNode(parent, list.length - limit, PAGE_ROWS));
    return rows;
  }

  /** "Show more": raises the parent's row limit. */
  showMore(node: LoadMoreNode): void {
    const parent = node.parent;
    if (!parent) return;
    this.limits.set(parent.id, (this.limits.get(parent.id) ?? PAGE_ROWS) + node.step);
    this.refreshNode(parent);
  }

  /** Counts for the view's message: visible and total WorkSpaces over every loaded scope. */
  workspaceCounts(): { shown: number; total: number } {
    let shown = 0;
    let total = 0;
    for (const m of this.fleet.allScopes()) {
      total += m.workspaces.items.size;
      shown += this.filtering ? this.visibleWorkspaces(m).length : m.workspaces.items.size;
    }
    return { shown, total };
  }

  /** Every WorkSpace row currently known for an id (a WorkSpace can be shown in two places). */
  rowsOf(workspaceId: string): WorkspaceNode[] {
    return [...this.nodes.values()].filter(
      (n): n is WorkspaceNode => n instanceof WorkspaceNode && n.workspaceId === workspaceId,
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const off of this.listeners) off();
    this.changed.dispose();
  }
}

function dirName(d: WorkspaceDirectory | undefined): string | undefined {
  return d ? directoryLabel(d) : undefined;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
function byLabel(a: WorkspaceView, b: WorkspaceView): number {
  return (
    collator.compare(a.UserName ?? a.WorkspaceId ?? '', b.UserName ?? b.WorkspaceId ?? '') ||
    collator.compare(a.WorkspaceId ?? '', b.WorkspaceId ?? '')
  );
}
