// One class per kind of row in the WorkSpaces explorer. Each computes its TreeItem from the model
// in one place (`treeItem()`), with a stable `id` so expansion and selection survive refreshes.
// Every API string is shown as plain text: labels and descriptions are never Markdown, tooltips are
// untrusted MarkdownStrings built with appendText (which escapes).
import * as vscode from 'vscode';
import type { WorkspaceDirectory, WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import { AWS_ERROR_TITLES } from '../core/errors';
import {
  directoryDescription,
  directoryIcon,
  directoryLabel,
  imageDescription,
  imageIcon,
  poolDescription,
  poolIcon,
  runningModeLabel,
  stateLabel,
  workspaceContextValue,
  workspaceDescription,
  workspaceFields,
  workspaceIcon,
  workspaceLabel,
  type GroupBy,
  type IconSpec,
  type WorkspaceView,
} from '../core/present';
import type { ProfileEntry } from '../fleet/fleet';
import type { ScopeError, ScopeModel, Section } from '../fleet/scopeModel';

export type NodeKind =
  | 'profile'
  | 'region'
  | 'category'
  | 'directory'
  | 'group'
  | 'workspace'
  | 'image'
  | 'pool'
  | 'error'
  | 'info'
  | 'loadMore';

export abstract class Node {
  abstract readonly kind: NodeKind;
  constructor(
    readonly id: string,
    readonly parent: Node | undefined,
  ) {}
  abstract treeItem(): vscode.TreeItem;
  /** The scope (profile + region) the row belongs to, when it belongs to one. */
  get scopeModel(): ScopeModel | undefined {
    return this.parent?.scopeModel;
  }
}

export function themeIcon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

/**
 * An API string as inline code: nothing inside a code span is interpreted (no link, autolink,
 * image or HTML). A backtick would end the span and a line ending (CommonMark: \n, \r\n or a lone
 * \r) could end the paragraph and the span with it, so both are replaced.
 */
function codeSpan(value: string): string {
  return `\`${value.replace(/`/g, "'").replace(/\r\n?|\n/g, ' ')}\``;
}

/** A tooltip of label/value rows; the title and values are API strings (untrusted): code spans. */
export function fieldsTooltip(title: string, fields: [string, string][]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  // appendText escapes Markdown syntax but not bare URLs, <autolinks> or www. names (GFM links).
  md.appendMarkdown(`**${codeSpan(title)}**\n\n`);
  for (const [k, v] of fields) {
    md.appendText(k);
    md.appendMarkdown(`: ${codeSpan(v)}  \n`);
  }
  return md;
}

const fmt = new Intl.NumberFormat('en-US');
export const count = (n: number): string => fmt.format(n);

export class ProfileNode extends Node {
  readonly kind = 'profile';
  constructor(public entry: ProfileEntry) {
    super(`profile:${entry.info.name}`, undefined);
  }
  override get scopeModel(): ScopeModel | undefined {
    return this.entry.scopes.length === 1 ? this.entry.scopes[0] : undefined;
  }
  treeItem(): vscode.TreeItem {
    const { info, regions } = this.entry;
    const item = new vscode.TreeItem(info.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const kind = { static: 'keys', sso: 'SSO', assumeRole: 'role', process: 'process', env: 'environment', other: '' }[
      info.kind
    ];
    const where = regions.length === 1 ? regions[0] : regions.length === 0 ? 'no region' : `${regions.length} regions`;
    const scope = this.scopeModel;
    const state = scope?.fatalError ? 'failed' : scope?.loading ? 'loading…' : '';
    item.description = [kind, where, state].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(info.kind === 'sso' ? 'shield' : info.kind === 'env' ? 'terminal' : 'account');
    item.contextValue = regions.length === 1 ? 'profile:scope' : 'profile';
    item.tooltip = fieldsTooltip(info.name, [
      ['Credentials', info.kind],
      ['Regions', regions.join(', ') || 'none'],
      ...(info.ssoSession ? ([['SSO session', info.ssoSession]] as [string, string][]) : []),
      ...(info.endpointUrl ? ([['Endpoint', info.endpointUrl]] as [string, string][]) : []),
      ['Defined in', info.source],
    ]);
    return item;
  }
}

export class RegionNode extends Node {
  readonly kind = 'region';
  constructor(
    parent: ProfileNode,
    readonly model: ScopeModel,
  ) {
    super(`region:${model.key}`, parent);
  }
  override get scopeModel(): ScopeModel {
    return this.model;
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.model.scope.region, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.description = this.model.fatalError ? 'failed' : this.model.loading ? 'loading…' : '';
    item.contextValue = 'region';
    return item;
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

export class CategoryNode extends Node {
  readonly kind = 'category';
  /** "42 of 1,204" when a filter hides some; set by the provider. */
  shownCount?: number;
  constructor(
    parent: Node,
    readonly model: ScopeModel,
    readonly section: Section,
  ) {
    super(`cat:${model.key}:${section}`, parent);
  }
  override get scopeModel(): ScopeModel {
    return this.model;
  }
  treeItem(): vscode.TreeItem {
    const st = this.model.section(this.section);
    const expanded = this.section === 'workspaces';
    const item = new vscode.TreeItem(
      SECTION_LABEL[this.section],
      expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(SECTION_ICON[this.section]);
    const total = st.items.size;
    const n =
      this.shownCount !== undefined && this.shownCount !== total
        ? `${count(this.shownCount)} of ${count(total)}`
        : count(total);
    item.description =
      st.state === 'loading' ? (total ? `${n} · loading…` : 'loading…') : st.state === 'error' ? 'failed' : n;
    item.contextValue = `category:${this.section}`;
    return item;
  }
}

export class DirectoryNode extends Node {
  readonly kind = 'directory';
  shownCount?: number;
  total = 0;
  constructor(
    parent: Node,
    public directory: WorkspaceDirectory,
  ) {
    super(`${parent.id}/${directory.DirectoryId ?? ''}`, parent);
  }
  treeItem(): vscode.TreeItem {
    const d = this.directory;
    const item = new vscode.TreeItem(
      directoryLabel(d),
      this.total ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.description = [
      directoryDescription(d),
      this.total
        ? `${this.shownCount !== undefined && this.shownCount !== this.total ? `${count(this.shownCount)} of ` : ''}${count(this.total)} WorkSpaces`
        : '',
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = themeIcon(directoryIcon(d));
    item.contextValue = `directory:${(d.State ?? 'unknown').toLowerCase()}`;
    item.tooltip = fieldsTooltip(
      directoryLabel(d),
      [
        ['Directory ID', d.DirectoryId ?? ''],
        ['Name', d.DirectoryName ?? ''],
        ['Alias', d.Alias ?? ''],
        ['Type', d.DirectoryType ?? ''],
        ['State', d.State ?? ''],
        ['Registration code', d.RegistrationCode ?? ''],
        ['WorkSpaces', count(this.total)],
      ].filter(([, v]) => v !== '') as [string, string][],
    );
    return item;
  }
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

export class GroupNode extends Node {
  readonly kind = 'group';
  label = '';
  shown = 0;
  total = 0;
  constructor(
    parent: CategoryNode,
    readonly by: GroupBy,
    readonly key: string,
  ) {
    super(`${parent.id}/group:${by}:${key}`, parent);
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.shown !== this.total ? `${count(this.shown)} of ${count(this.total)}` : count(this.total);
    item.iconPath = new vscode.ThemeIcon(
      this.by === 'state'
        ? workspaceIcon(this.key).id.replace('loading~spin', 'sync')
        : this.by === 'directory'
          ? 'organization'
          : 'symbol-enum',
    );
    item.contextValue = `group:${this.by}`;
    return item;
  }
}

export class WorkspaceNode extends Node {
  readonly kind = 'workspace';
  directoryName?: string;
  constructor(
    parent: Node,
    public workspace: WorkspaceView,
  ) {
    super(`${parent.id}/${workspace.WorkspaceId ?? ''}`, parent);
  }
  get workspaceId(): string {
    return this.workspace.WorkspaceId ?? '';
  }
  treeItem(): vscode.TreeItem {
    const ws = this.workspace;
    const item = new vscode.TreeItem(workspaceLabel(ws), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = workspaceDescription(ws);
    item.iconPath = themeIcon(workspaceIcon(ws.State));
    item.contextValue = workspaceContextValue(ws);
    // The tooltip is built in resolveTreeItem (it loads the tags on hover).
    return item;
  }
  tooltip(): vscode.MarkdownString {
    return fieldsTooltip(
      workspaceLabel(this.workspace),
      workspaceFields(this.workspace, this.directoryName ? { directoryName: this.directoryName } : {}),
    );
  }
}

export class ImageNode extends Node {
  readonly kind = 'image';
  constructor(
    parent: Node,
    public image: WorkspaceImage,
  ) {
    super(`${parent.id}/${image.ImageId ?? ''}`, parent);
  }
  treeItem(): vscode.TreeItem {
    const img = this.image;
    const item = new vscode.TreeItem(img.Name ?? img.ImageId ?? 'image', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = imageDescription(img);
    item.iconPath = themeIcon(imageIcon(img));
    item.contextValue = `image:${(img.State ?? 'unknown').toLowerCase()}${img.Updates?.UpdateAvailable ? ':update' : ''}`;
    item.tooltip = fieldsTooltip(
      img.Name ?? img.ImageId ?? 'image',
      [
        ['Image ID', img.ImageId ?? ''],
        ['State', img.State ?? ''],
        ['OS', img.OperatingSystem?.Type ?? ''],
        ['Tenancy', img.RequiredTenancy ?? ''],
        ['Owner', img.OwnerAccountId ?? ''],
        ['Created', img.Created ? new Date(img.Created).toISOString() : ''],
        ['Description', img.Description ?? ''],
        ['Error', img.ErrorCode ? `${img.ErrorCode}: ${img.ErrorMessage ?? ''}` : ''],
        ['Error details', (img.ErrorDetails ?? []).map((d) => d.ErrorCode ?? '').join(', ')],
      ].filter(([, v]) => v !== '') as [string, string][],
    );
    if (img.State === 'ERROR') {
      item.command = { command: 'workspacesFleet.showImageErrors', title: 'Show Error Details', arguments: [this] };
    }
    return item;
  }
}

export class PoolNode extends Node {
  readonly kind = 'pool';
  constructor(
    parent: Node,
    public pool: WorkspacesPool,
  ) {
    super(`${parent.id}/${pool.PoolId ?? ''}`, parent);
  }
  treeItem(): vscode.TreeItem {
    const p = this.pool;
    const item = new vscode.TreeItem(p.PoolName ?? p.PoolId ?? 'pool', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = poolDescription(p);
    item.iconPath = themeIcon(poolIcon(p));
    item.contextValue = `pool:${(p.State ?? 'unknown').toLowerCase()}${p.Errors?.length ? ':errors' : ''}`;
    const cap = p.CapacityStatus;
    item.tooltip = fieldsTooltip(
      p.PoolName ?? p.PoolId ?? 'pool',
      [
        ['Pool ID', p.PoolId ?? ''],
        ['State', p.State ?? ''],
        ['Description', p.Description ?? ''],
        ['Directory', p.DirectoryId ?? ''],
        ['Bundle', p.BundleId ?? ''],
        ['Running mode', p.RunningMode ?? ''],
        [
          'Sessions',
          cap
            ? `${cap.ActiveUserSessions ?? 0} active, ${cap.ActualUserSessions ?? 0} actual, ${cap.AvailableUserSessions ?? 0} available, ${cap.DesiredUserSessions ?? 0} desired`
            : '',
        ],
        ['Errors', (p.Errors ?? []).map((e) => `${e.ErrorCode ?? ''}: ${e.ErrorMessage ?? ''}`).join('; ')],
      ].filter(([, v]) => v !== '') as [string, string][],
    );
    return item;
  }
}

export class ErrorNode extends Node {
  readonly kind = 'error';
  constructor(
    parent: Node | undefined,
    id: string,
    readonly error: ScopeError,
    readonly retry: { scopeKey?: string; section?: Section },
  ) {
    super(id, parent);
  }
  treeItem(): vscode.TreeItem {
    const e = this.error;
    const title = AWS_ERROR_TITLES[e.kind] ?? 'Failed';
    const item = new vscode.TreeItem(`${title} (click to retry)`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = e.hint ?? e.message;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = 'error';
    item.tooltip = fieldsTooltip(title, [
      ['Error', e.code],
      ['Message', e.message],
      ...(e.hint ? ([['What to do', e.hint]] as [string, string][]) : []),
    ]);
    item.command = { command: 'workspacesFleet.retry', title: 'Retry', arguments: [this] };
    return item;
  }
}

export class InfoNode extends Node {
  readonly kind = 'info';
  constructor(
    parent: Node | undefined,
    id: string,
    readonly label: string,
    readonly icon: string,
    readonly command?: vscode.Command,
    readonly description?: string,
  ) {
    super(id, parent);
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    if (this.description) item.description = this.description;
    if (this.command) item.command = this.command;
    item.contextValue = 'info';
    return item;
  }
}

export class LoadMoreNode extends Node {
  readonly kind = 'loadMore';
  constructor(
    parent: Node,
    readonly remaining: number,
    readonly step: number,
  ) {
    super(`${parent.id}/more`, parent);
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      `Show ${count(Math.min(this.step, this.remaining))} more…`,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.description = `${count(this.remaining)} not shown`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: 'workspacesFleet.loadMore', title: 'Show More', arguments: [this] };
    return item;
  }
}
