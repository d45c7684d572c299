// The TreeDataProvider of the WorkSpaces explorer: a cache of rows (one object per id, so
// `fire(node)` and VS Code's element map stay in sync), the view model of each scope (computed
// once per change, fleet/view.ts), and refresh batching — a scope's subtree when pages arrive;
// when polling, an action or a tag load touches some WorkSpaces, only the rows that look
// different (a refresh re-renders rows and closes a tooltip open over the view), or the sections
// holding them when they change place (another group, filtered in or out, gone). The batches
// themselves are in refreshBatch.ts, the tooltips in tooltips.ts, the state ages in stateAges.ts.
import * as vscode from 'vscode';
import type { Fleet } from '../fleet/fleet';
import type { ScopeChange, ScopeModel, Section } from '../fleet/scopeModel';
import { ScopeView, type ViewOptions } from '../fleet/view';
import {
  CategoryNode,
  ContainerNode,
  fleetRows,
  OrganizationNode,
  type Node,
  ProfileNode,
  RegionNode,
  type TreeContext,
  WorkspaceNode,
} from './nodes';
import { RefreshBatch } from './refreshBatch';
import { AGE_CHECK_MS, refreshAged, StateClocks } from './stateAges';
import { resolveTooltip } from './tooltips';

export type { ViewOptions } from '../fleet/view';

/** Rows shown at once under one parent before a "Show more" row. */
const PAGE_ROWS = 500;
/** Refreshes caused by arriving pages are batched this long (ms). */
const CHANGE_BATCH_MS = 150;
/** The sections that hold WorkSpace rows. */
const WORKSPACE_SECTIONS: readonly Section[] = ['workspaces', 'directories'];

export class FleetTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | Node[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, Node>();
  private readonly limits = new Map<string, number>();
  /** Page arrivals per scope in the current listing (the batch delay grows with them). */
  private readonly pageBatches = new WeakMap<ScopeModel, number>();
  private views = new WeakMap<ScopeModel, ScopeView>();
  private readonly clocks = new StateClocks();
  private readonly ageTimer: NodeJS.Timeout;
  private readonly listeners: (() => void)[] = [];
  /** Called after each change batch is fired (the explorer updates its message and context). */
  onDidRefresh: () => void = () => undefined;
  private readonly batch = new RefreshBatch(this.changed, () => this.onDidRefresh());

  private readonly ctx: TreeContext = {
    row: <T extends Node>(id: string, make: () => T): T => {
      let n = this.nodes.get(id) as T | undefined;
      if (!n) this.nodes.set(id, (n = make()));
      return n;
    },
    forget: (id) => {
      const gone = this.nodes.get(id);
      if (!gone) return;
      for (const [key, n] of this.nodes) {
        let p: Node | undefined = n;
        while (p && p !== gone) p = p.parent;
        if (p) this.nodes.delete(key);
      }
    },
    view: (model) => this.viewOf(model),
    limit: (parent) => this.limits.get(parent.id) ?? PAGE_ROWS,
    pageRows: PAGE_ROWS,
    stateSince: (model, ws) => {
      const clock = this.clocks.of(model);
      clock.observe(ws.WorkspaceId ?? '', ws.State, model.clock.now());
      return clock.since(ws.WorkspaceId ?? '', ws.State);
    },
    refresh: (node) => this.refreshNode(node),
  };

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
    this.ageTimer = setInterval(() => refreshAged(this.nodes.values(), this.batch, fleet.clock), AGE_CHECK_MS);
  }

  get options(): ViewOptions {
    return this.view;
  }

  setOptions(view: Partial<ViewOptions>): void {
    this.view = { ...this.view, ...view };
    this.views = new WeakMap();
    this.limits.clear();
    this.refreshAll();
  }

  private viewOf(model: ScopeModel): ScopeView {
    let v = this.views.get(model);
    if (!v) this.views.set(model, (v = new ScopeView(model, this.view, new Date(model.clock.now()))));
    return v;
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
    this.batch.all = true;
    this.batch.schedule(0);
  }

  refreshNode(node: Node): void {
    this.batch.pending.add(node);
    this.batch.schedule(0);
  }

  private onScopeChange(model: ScopeModel, change: ScopeChange): void {
    const before = this.views.get(model);
    this.views.delete(model);
    const ids = change.workspaceIds;
    if (ids) {
      this.onWorkspacesChange(model, ids, before);
      return;
    }
    // A listing finished: every WorkSpace's state is noted, shown or not.
    if (change.section === 'workspaces' && !change.pageArrived) {
      this.clocks.of(model).observeAll(model.workspaces.items.values(), model.clock.now());
    }
    // Pages arriving, a section (re)loaded: refresh the scope's subtree, batched. The first pages
    // show at once; while a big listing keeps streaming, the batches grow, so the workbench is not
    // re-rendering hundreds of rows several times a second.
    this.refreshScope(model);
    if (change.pageArrived) {
      const n = (this.pageBatches.get(model) ?? 0) + 1;
      this.pageBatches.set(model, n);
      this.batch.schedule(n <= 8 ? CHANGE_BATCH_MS : n <= 40 ? 3 * CHANGE_BATCH_MS : 6 * CHANGE_BATCH_MS);
    } else {
      this.pageBatches.delete(model);
      this.batch.schedule(0);
    }
  }

  /**
   * Polling, an action or a tag load changed some WorkSpaces. When each keeps its place in the view
   * (the same group and directory, still shown or still hidden), only the rows that now look
   * different are refreshed — a stuck WorkSpace re-read every tick, or a tag load under an open
   * tooltip, refreshes nothing. Otherwise the sections holding WorkSpace rows are refreshed.
   */
  private onWorkspacesChange(model: ScopeModel, ids: readonly string[], before: ScopeView | undefined): void {
    const clock = this.clocks.of(model);
    const now = model.clock.now();
    for (const id of ids) clock.observe(id, model.workspaces.items.get(id)?.State, now);
    const after = this.viewOf(model);
    const moved = !before?.materialized || ids.some((id) => before.placeOf(id) !== after.placeOf(id));
    if (moved) {
      for (const s of WORKSPACE_SECTIONS) {
        const section = this.nodes.get(CategoryNode.idFor(model, s));
        if (section) this.batch.pending.add(section);
        else this.refreshScope(model);
      }
    } else {
      const changed = new Set(ids);
      for (const row of this.rowsWhere((n) => n.scopeModel === model && changed.has(n.workspaceId))) {
        const ws = model.workspaces.items.get(row.workspaceId);
        if (!ws) continue;
        row.update(ws, clock.since(row.workspaceId, ws.State));
        if (row.isStale(new Date(now))) this.batch.pending.add(row);
      }
    }
    if (this.batch.pending.size > 0 || this.batch.all) this.batch.schedule(0);
  }

  /** Refreshes a scope's subtree (its region, or its one-region profile; else everything). */
  private refreshScope(model: ScopeModel): void {
    const container = this.nodes.get(RegionNode.idFor(model)) ?? this.nodes.get(ProfileNode.idFor(model.scope.profile));
    if (container) this.batch.pending.add(container);
    else this.batch.all = true;
    // An account of an organisation: its organisation row says how many are empty, and folds them.
    let top: Node | undefined = container;
    while (top && !(top instanceof OrganizationNode)) top = top.parent;
    if (top && !model.loading) this.batch.pending.add(top);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node.treeItem();
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  resolveTreeItem(item: vscode.TreeItem, node: Node, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    return resolveTooltip(item, node, token, this.loadTags, (model) => this.clocks.of(model));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return fleetRows(this.fleet, this.ctx);
    if (!(node instanceof ContainerNode)) return [];
    const kids = node.children(this.ctx);
    // These rows are on screen (VS Code asks only for the children of expanded rows): their
    // connection status goes ahead of the background listing.
    const ids = kids.filter((k): k is WorkspaceNode => k instanceof WorkspaceNode).map((k) => k.workspaceId);
    if (ids.length > 0) node.scopeModel?.prioritizeStatus(ids);
    return kids;
  }

  /** "Show more": raises the parent's row limit. */
  showMore(node: Node & { step: number }): void {
    const parent = node.parent;
    if (!parent) return;
    this.limits.set(parent.id, this.ctx.limit(parent) + node.step);
    this.refreshNode(parent);
  }

  /** Counts for the view's message: visible and total WorkSpaces over every loaded scope. */
  workspaceCounts(): { shown: number; total: number } {
    let shown = 0;
    let total = 0;
    for (const m of this.fleet.allScopes()) {
      const c = this.viewOf(m).workspaces;
      shown += c.shown;
      total += c.total;
    }
    return { shown, total };
  }

  private rowsWhere(test: (n: WorkspaceNode) => boolean): WorkspaceNode[] {
    return [...this.nodes.values()].filter((n): n is WorkspaceNode => n instanceof WorkspaceNode && test(n));
  }

  /**
   * Every WorkSpace row currently known for an id (a WorkSpace can be shown in two places): its
   * rows in the directories and WorkSpaces sections first, its rows under Cost & usage after.
   */
  rowsOf(workspaceId: string): WorkspaceNode[] {
    const rows = this.rowsWhere((n) => n.workspaceId === workspaceId);
    return [...rows.filter((n) => !n.advisory), ...rows.filter((n) => n.advisory)];
  }

  dispose(): void {
    this.batch.dispose();
    clearInterval(this.ageTimer);
    for (const off of this.listeners) off();
    this.changed.dispose();
  }
}
