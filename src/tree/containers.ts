// The rows with children: profiles, regions, the four sections of a scope, directories and
// groups. Each owns its id format (`idFor`), its presentation (`treeItem`) and its children, built
// from the pure view model (fleet/view.ts) through the provider's row cache.
import * as vscode from 'vscode';
import type { WorkspaceDirectory } from '@aws-sdk/client-workspaces';
import {
  directoryDescription,
  directoryIcon,
  directoryLabel,
  workspaceIcon,
  type GroupBy,
  type WorkspaceView,
} from '../core/present';
import { clockTime } from '../core/text';
import type { ProfileEntry } from '../fleet/fleet';
import { SECTIONS, type ScopeModel, type Section } from '../fleet/scopeModel';
import { count, ofTotal, page, type DirectoryRow, type GroupRow } from '../fleet/view';
import { costRow } from './cost';
import { ContainerNode, fieldsTooltip, item, themeIcon, type Node, type TreeContext } from './node';
import { BundlesNode } from './bundles';
import { ErrorNode, ImageNode, InfoNode, LoadMoreNode, PoolNode, WorkspaceNode } from './rows';

const { Collapsed, Expanded, None } = vscode.TreeItemCollapsibleState;

/** The sections of a scope (under its region, or under a one-region profile), or its one error row.
 *  Directories and WorkSpaces load now; images and pools when their category is expanded. */
function scopeRows(parent: Node, model: ScopeModel, ctx: TreeContext): Node[] {
  model.ensureLoaded();
  const fatal = model.fatalError;
  if (fatal) return [new ErrorNode(parent, fatal, { scopeKey: model.key })];
  const view = ctx.view(model);
  return [
    ...SECTIONS.map((s) =>
      ctx.row(CategoryNode.idFor(model, s), () => new CategoryNode(parent, model, s)).update(view.shownIn(s)),
    ),
    ctx.row(BundlesNode.idFor(model), () => new BundlesNode(parent, model)),
    ...costRow(parent, model, ctx),
  ];
}

/** WorkSpace rows under a parent, a page at a time with a "Show more" row. */
function workspaceRows(parent: Node, model: ScopeModel, list: readonly WorkspaceView[], ctx: TreeContext): Node[] {
  const { rows, remaining } = page(list, ctx.limit(parent));
  const out: Node[] = rows.map((w) =>
    ctx
      .row(WorkspaceNode.idFor(parent, w.WorkspaceId), () => new WorkspaceNode(parent, w))
      .update(w, ctx.stateSince(model, w)),
  );
  if (remaining > 0) out.push(new LoadMoreNode(parent, remaining, ctx.pageRows));
  return out;
}

export class ProfileNode extends ContainerNode {
  readonly kind = 'profile';
  static idFor(profile: string): string {
    return `profile:${profile}`;
  }
  constructor(
    public entry: ProfileEntry,
    parent?: Node,
    /** An account folded under "accounts without WorkSpaces" has an id of its own there. */
    id = ProfileNode.idFor(entry.info.name),
  ) {
    super(id, parent);
  }
  update(entry: ProfileEntry): this {
    this.entry = entry;
    return this;
  }
  override get scopeModel(): ScopeModel | undefined {
    return this.entry.scopes.length === 1 ? this.entry.scopes[0] : undefined;
  }
  children(ctx: TreeContext): Node[] {
    const { scopes } = this.entry;
    if (scopes.length === 0) {
      return [
        new InfoNode(this, 'noregion', 'No region: choose regions for this profile', 'globe', {
          command: 'workspacesFleet.chooseRegions',
          title: 'Choose Regions',
          arguments: [this],
        }),
      ];
    }
    if (scopes.length === 1) return scopeRows(this, scopes[0], ctx);
    return scopes.map((m) => ctx.row(RegionNode.idFor(m), () => new RegionNode(this, m)));
  }
  treeItem(): vscode.TreeItem {
    const { info, regions } = this.entry;
    const org = info.organization;
    const kind = org
      ? `${org.accountId} · ${org.roleName}`
      : {
          static: 'keys',
          sso: 'SSO',
          assumeRole: 'role',
          process: 'process',
          env: 'environment',
          identityCenter: 'Identity Center',
          other: '',
        }[info.kind];
    const where = regions.length === 1 ? regions[0] : regions.length === 0 ? 'no region' : `${regions.length} regions`;
    const scope = this.scopeModel;
    const state = scope?.fatalError ? 'failed' : scope?.loading ? 'loading…' : '';
    // A discovered account by its name (an API string: plain text in the label, a code span in the tooltip).
    const label = org ? (org.accountName ?? org.accountId) : info.name;
    // Under the folded row of accounts without WorkSpaces an account opens only when asked.
    const open = this.parent?.kind === 'emptyAccounts' ? Collapsed : Expanded;
    return item(this, label, open, {
      description: [kind, where, state].filter(Boolean).join(' · '),
      iconPath: new vscode.ThemeIcon(
        org ? 'organization' : info.kind === 'sso' ? 'shield' : info.kind === 'env' ? 'terminal' : 'account',
      ),
      contextValue: `${org ? 'account' : 'profile'}${regions.length === 1 ? ':scope' : ''}`,
      tooltip: fieldsTooltip(label, [
        ['Account', org ? `${org.accountId}${org.emailAddress ? ` (${org.emailAddress})` : ''}` : ''],
        ['Role', org?.roleName ?? ''],
        ['IAM Identity Center', org ? `${org.source} (${org.startUrl})` : ''],
        ['Credentials', org ? 'IAM Identity Center' : info.kind],
        ['Regions', regions.join(', ') || 'none'],
        ['SSO session', org ? '' : (info.ssoSession ?? '')],
        ['Endpoint', info.endpointUrl ?? ''],
        ['Defined in', org ? 'discovered (not in your AWS files)' : info.source],
      ]),
    });
  }
}

export class RegionNode extends ContainerNode {
  readonly kind = 'region';
  static idFor(model: ScopeModel): string {
    return `region:${model.key}`;
  }
  constructor(
    parent: ProfileNode,
    readonly model: ScopeModel,
  ) {
    super(RegionNode.idFor(model), parent);
  }
  override get scopeModel(): ScopeModel {
    return this.model;
  }
  children(ctx: TreeContext): Node[] {
    return scopeRows(this, this.model, ctx);
  }
  treeItem(): vscode.TreeItem {
    return item(this, this.model.scope.region, Expanded, {
      iconPath: new vscode.ThemeIcon('globe'),
      description: this.model.fatalError ? 'failed' : this.model.loading ? 'loading…' : '',
      contextValue: 'region',
    });
  }
}

const SECTION_LABEL: Record<Section, string> = {
  directories: 'Directories',
  workspaces: 'WorkSpaces',
  images: 'Images',
  pools: 'Pools',
};
const SECTION_ICON: Record<Section, string> = {
  directories: 'organization',
  workspaces: 'vm',
  images: 'file-media',
  pools: 'server-environment',
};

export class CategoryNode extends ContainerNode {
  readonly kind = 'category';
  /** Rows that pass the filter ("42 of 1,204"), while filtering. */
  private shown: number | undefined;
  static idFor(model: ScopeModel, section: Section): string {
    return `cat:${model.key}:${section}`;
  }
  constructor(
    parent: Node,
    readonly model: ScopeModel,
    readonly section: Section,
  ) {
    super(CategoryNode.idFor(model, section), parent);
  }
  override get scopeModel(): ScopeModel {
    return this.model;
  }
  update(shown: number | undefined): this {
    this.shown = shown;
    return this;
  }
  children(ctx: TreeContext): Node[] {
    const { model, section } = this;
    // Asked for its rows = expanded: a section never loaded (images, pools) loads now, first in line.
    model.ensureLoaded([section], { priority: 'interactive' });
    const st = model.section(section);
    const rows: Node[] = [];
    if (st.state === 'error' && st.error) rows.push(new ErrorNode(this, st.error, { scopeKey: model.key, section }));
    if (st.state === 'loading' && st.items.size === 0) {
      return [...rows, new InfoNode(this, 'loading', 'Loading…', 'loading~spin')];
    }
    const shown = this.sectionRows(ctx);
    rows.push(...shown);
    if (shown.length === 0 && st.items.size > 0 && section !== 'workspaces') {
      rows.push(noMatch(this, section === 'images' ? 'No image' : section === 'pools' ? 'No pool' : 'No directory'));
    }
    if (rows.length === 0 && st.state === 'loaded') {
      const what = section === 'workspaces' ? 'WorkSpaces' : section;
      rows.push(new InfoNode(this, 'empty', `No ${what} in this region`, 'info'));
    }
    return rows;
  }
  private sectionRows(ctx: TreeContext): Node[] {
    const view = ctx.view(this.model);
    switch (this.section) {
      case 'directories':
        return view
          .directories()
          .map((d) =>
            ctx.row(DirectoryNode.idFor(this, d.directory.DirectoryId), () => new DirectoryNode(this, d)).update(d),
          );
      case 'workspaces': {
        if (view.groupBy === 'none') return workspaceRows(this, this.model, view.visible, ctx);
        const groups: Node[] = view
          .groups()
          .map((g) => ctx.row(GroupNode.idFor(this, g.by, g.key), () => new GroupNode(this, g)).update(g));
        if (groups.length === 0 && this.model.workspaces.items.size > 0) groups.push(noMatch(this, 'No WorkSpace'));
        return groups;
      }
      case 'images':
        return view
          .images()
          .map((i) => ctx.row(ImageNode.idFor(this, i.ImageId), () => new ImageNode(this, i)).update(i));
      case 'pools':
        return view.pools().map((p) => ctx.row(PoolNode.idFor(this, p.PoolId), () => new PoolNode(this, p)).update(p));
    }
  }
  treeItem(): vscode.TreeItem {
    const st = this.model.section(this.section);
    const total = st.items.size;
    const n = ofTotal({ shown: this.shown ?? total, total });
    // Never listed: its count from the cache ("3 · as of 14:02"), or a word that it lists on expand.
    const idle =
      st.state === 'idle'
        ? st.cachedAt !== undefined
          ? `${n} · as of ${clockTime(st.cachedAt, this.now())}`
          : 'expand to list'
        : n;
    return item(this, SECTION_LABEL[this.section], this.section === 'workspaces' ? Expanded : Collapsed, {
      iconPath: new vscode.ThemeIcon(SECTION_ICON[this.section]),
      description:
        st.state === 'loading' ? (total ? `${n} · loading…` : 'loading…') : st.state === 'error' ? 'failed' : idle,
      contextValue: `category:${this.section}`,
    });
  }
}

/** "No image matches the filter" (click: clear the filter). */
function noMatch(parent: Node, what: string): InfoNode {
  return new InfoNode(parent, 'nomatch', `${what} matches the filter`, 'filter', {
    command: 'workspacesFleet.clearFilter',
    title: 'Clear Filter',
  });
}

/** A row whose children are WorkSpace rows: a directory, or a group of the WorkSpaces section. */
abstract class WorkspaceListNode extends ContainerNode {
  /** Which part of the scope's visible WorkSpaces it lists. */
  protected abstract readonly part: readonly ['dir' | GroupBy, string];
  children(ctx: TreeContext): Node[] {
    const model = this.scopeModel;
    if (!model) return [];
    return workspaceRows(this, model, ctx.view(model).rowsOf(...this.part), ctx);
  }
}

export class DirectoryNode extends WorkspaceListNode {
  readonly kind = 'directory';
  static idFor(parent: Node, directoryId: string | undefined): string {
    return `${parent.id}/${directoryId ?? ''}`;
  }
  constructor(
    parent: Node,
    private row: DirectoryRow,
  ) {
    super(DirectoryNode.idFor(parent, row.directory.DirectoryId), parent);
  }
  get directory(): WorkspaceDirectory {
    return this.row.directory;
  }
  update(row: DirectoryRow): this {
    this.row = row;
    return this;
  }
  protected get part(): readonly ['dir', string] {
    return ['dir', this.directory.DirectoryId ?? ''];
  }
  treeItem(): vscode.TreeItem {
    const d = this.directory;
    const { total } = this.row;
    return item(this, directoryLabel(d), total ? Collapsed : None, {
      description: [directoryDescription(d), total ? `${ofTotal(this.row)} WorkSpaces` : '']
        .filter(Boolean)
        .join(' · '),
      iconPath: themeIcon(directoryIcon(d)),
      contextValue: `directory:${(d.State ?? 'unknown').toLowerCase()}`,
      tooltip: fieldsTooltip(directoryLabel(d), [
        ['Directory ID', d.DirectoryId ?? ''],
        ['Name', d.DirectoryName ?? ''],
        ['Alias', d.Alias ?? ''],
        ['Type', d.DirectoryType ?? ''],
        ['State', d.State ?? ''],
        ['Registration code', d.RegistrationCode ?? ''],
        ['WorkSpaces', count(total)],
      ]),
    });
  }
}

export class GroupNode extends WorkspaceListNode {
  readonly kind = 'group';
  static idFor(parent: Node, by: string, key: string): string {
    return `${parent.id}/group:${by}:${key}`;
  }
  constructor(
    parent: CategoryNode,
    private row: GroupRow,
  ) {
    super(GroupNode.idFor(parent, row.by, row.key), parent);
  }
  get by(): GroupRow['by'] {
    return this.row.by;
  }
  get key(): string {
    return this.row.key;
  }
  update(row: GroupRow): this {
    this.row = row;
    return this;
  }
  protected get part(): readonly [GroupBy, string] {
    return [this.by, this.key];
  }
  treeItem(): vscode.TreeItem {
    const { by, key } = this.row;
    return item(this, this.row.label, Collapsed, {
      description: ofTotal(this.row),
      iconPath: new vscode.ThemeIcon(
        by === 'state'
          ? workspaceIcon(key).id.replace('loading~spin', 'sync')
          : by === 'directory'
            ? 'organization'
            : 'symbol-enum',
      ),
      contextValue: `group:${by}`,
    });
  }
}
