// The leaf rows of the explorer: WorkSpaces, images, pools, error rows, information rows and
// "Show more". Each owns its id format (`idFor`) and its presentation (`treeItem`).
import * as vscode from 'vscode';
import type { WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import { AWS_ERROR_TITLES, type ScopeError } from '../core/errors';
import {
  directoryLabel,
  imageDescription,
  imageIcon,
  poolDescription,
  poolIcon,
  poolSessions,
  showsStateAge,
  stateAge,
  workspaceContextValue,
  workspaceDescription,
  workspaceFields,
  workspaceLabel,
  type IconSpec,
  workspaceRowIcon,
  type WorkspaceView,
} from '../core/present';
import { formatUtc } from '../core/text';
import type { ScopeModel, Section } from '../fleet/scopeModel';
import { count } from '../fleet/view';
import { adviceField } from './advice';
import { fieldsTooltip, item, Node, themeIcon } from './node';

const { None } = vscode.TreeItemCollapsibleState;

/** What a WorkSpace row shows (its TreeItem but the tooltip), as one comparable string. */
interface Face {
  label: string;
  description: string;
  icon: IconSpec;
  contextValue: string;
  /** The coarse "in this state for …" of the tooltip, so the row is refreshed when it changes. */
  age: string;
}

export class WorkspaceNode extends Node {
  readonly kind = 'workspace';
  /** What VS Code was last given for this row (undefined: never asked). */
  private shown: string | undefined;
  /** When the extension first saw the WorkSpace in its current state (the provider's clock). */
  private stateSince: number | undefined;
  static idFor(parent: Node, workspaceId: string | undefined): string {
    return `${parent.id}/${workspaceId ?? ''}`;
  }
  constructor(
    parent: Node,
    public workspace: WorkspaceView,
  ) {
    super(WorkspaceNode.idFor(parent, workspace.WorkspaceId), parent);
  }
  get workspaceId(): string {
    return this.workspace.WorkspaceId ?? '';
  }
  /** True for a row that repeats a WorkSpace under Cost & usage (its description is the advice). */
  get advisory(): boolean {
    return false;
  }
  /** Fresh data of the same WorkSpace (a listing, a poll, an action) and when its state began. */
  update(workspace: WorkspaceView, stateSince?: number): this {
    this.workspace = workspace;
    this.stateSince = stateSince;
    return this;
  }
  /**
   * True when the row, as VS Code shows it, no longer matches the data: only such rows are
   * refreshed (a refresh re-renders the row and closes a tooltip open over the view).
   */
  isStale(now: Date): boolean {
    return this.shown !== undefined && this.shown !== JSON.stringify(this.face(now));
  }
  private face(now: Date): Face {
    const ws = this.workspace;
    return {
      label: workspaceLabel(ws),
      description: workspaceDescription(ws, now),
      icon: workspaceRowIcon(ws),
      contextValue: workspaceContextValue(ws),
      age: this.stateSince !== undefined && showsStateAge(ws.State) ? stateAge(now.getTime() - this.stateSince) : '',
    };
  }
  treeItem(): vscode.TreeItem {
    const face = this.face(this.now());
    this.shown = JSON.stringify(face);
    // The tooltip is built in resolveTreeItem (it loads the tags on hover).
    return item(this, face.label, None, {
      description: face.description,
      iconPath: themeIcon(face.icon),
      contextValue: face.contextValue,
    });
  }
  tooltip(): vscode.MarkdownString {
    const ws = this.workspace;
    const directoryName = directoryNameIn(this.scopeModel, ws.DirectoryId);
    const bundleName = this.scopeModel?.bundles.name(ws.BundleId);
    const fields = workspaceFields(
      ws,
      {
        ...(directoryName ? { directoryName } : {}),
        ...(bundleName ? { bundleName } : {}),
        ...(this.stateSince !== undefined ? { stateSince: this.stateSince } : {}),
      },
      this.now(),
    );
    const advice = adviceField(this.scopeModel, this.workspaceId);
    return fieldsTooltip(workspaceLabel(ws), advice ? [...fields, advice] : fields);
  }
}

/** The name of a directory of the scope (its alias or name), when the directories are loaded. */
function directoryNameIn(model: ScopeModel | undefined, directoryId: string | undefined): string | undefined {
  const d = directoryId ? model?.directories.items.get(directoryId) : undefined;
  return d ? directoryLabel(d) : undefined;
}

export class ImageNode extends Node {
  readonly kind = 'image';
  static idFor(parent: Node, imageId: string | undefined): string {
    return `${parent.id}/${imageId ?? ''}`;
  }
  constructor(
    parent: Node,
    public image: WorkspaceImage,
  ) {
    super(ImageNode.idFor(parent, image.ImageId), parent);
  }
  update(image: WorkspaceImage): this {
    this.image = image;
    return this;
  }
  treeItem(): vscode.TreeItem {
    const img = this.image;
    const name = img.Name ?? img.ImageId ?? 'image';
    return item(this, name, None, {
      description: imageDescription(img),
      iconPath: themeIcon(imageIcon(img)),
      contextValue: `image:${(img.State ?? 'unknown').toLowerCase()}${img.Updates?.UpdateAvailable ? ':update' : ''}`,
      tooltip: fieldsTooltip(name, [
        ['Image ID', img.ImageId ?? ''],
        ['State', img.State ?? ''],
        ['OS', img.OperatingSystem?.Type ?? ''],
        ['Tenancy', img.RequiredTenancy ?? ''],
        ['Owner', img.OwnerAccountId ?? ''],
        ['Created', formatUtc(img.Created)],
        ['Description', img.Description ?? ''],
        ['Error', img.ErrorCode ? `${img.ErrorCode}: ${img.ErrorMessage ?? ''}` : ''],
        ['Error details', (img.ErrorDetails ?? []).map((d) => d.ErrorCode ?? '').join(', ')],
      ]),
      ...(img.State === 'ERROR'
        ? { command: { command: 'workspacesFleet.showImageErrors', title: 'Show Error Details', arguments: [this] } }
        : {}),
    });
  }
}

export class PoolNode extends Node {
  readonly kind = 'pool';
  static idFor(parent: Node, poolId: string | undefined): string {
    return `${parent.id}/${poolId ?? ''}`;
  }
  constructor(
    parent: Node,
    public pool: WorkspacesPool,
  ) {
    super(PoolNode.idFor(parent, pool.PoolId), parent);
  }
  update(pool: WorkspacesPool): this {
    this.pool = pool;
    return this;
  }
  treeItem(): vscode.TreeItem {
    const p = this.pool;
    // The tooltip is built in resolveTreeItem (it names the bundle on hover).
    return item(this, p.PoolName ?? p.PoolId ?? 'pool', None, {
      description: poolDescription(p),
      iconPath: themeIcon(poolIcon(p)),
      contextValue: `pool:${(p.State ?? 'unknown').toLowerCase()}${p.Errors?.length ? ':errors' : ''}`,
      // Like an image in ERROR: a pool with errors opens its error-details panel on a click.
      ...(p.Errors?.length
        ? { command: { command: 'workspacesFleet.showPoolErrors', title: 'Show Error Details', arguments: [this] } }
        : {}),
    });
  }
  tooltip(): vscode.MarkdownString {
    const p = this.pool;
    const bundleName = this.scopeModel?.bundles.name(p.BundleId);
    const directoryName = directoryNameIn(this.scopeModel, p.DirectoryId);
    return fieldsTooltip(p.PoolName ?? p.PoolId ?? 'pool', [
      ['Pool ID', p.PoolId ?? ''],
      ['State', p.State ?? ''],
      ['Description', p.Description ?? ''],
      ['Directory', directoryName ? `${directoryName} (${p.DirectoryId ?? ''})` : (p.DirectoryId ?? '')],
      ['Bundle', bundleName ? `${bundleName} (${p.BundleId ?? ''})` : (p.BundleId ?? '')],
      ['Running mode', p.RunningMode ?? ''],
      ['User sessions', poolSessions(p, 'long')],
      ['Errors', (p.Errors ?? []).map((e) => `${e.ErrorCode ?? ''}: ${e.ErrorMessage ?? ''}`).join('; ')],
    ]);
  }
}

export class ErrorNode extends Node {
  readonly kind = 'error';
  /** Under its parent, or the fleet's own error row (no parent). */
  static idFor(parent: Node | undefined): string {
    return parent ? `${parent.id}/error` : 'fleet:error';
  }
  constructor(
    parent: Node | undefined,
    readonly error: ScopeError,
    readonly retry: { scopeKey?: string; section?: Section },
  ) {
    super(ErrorNode.idFor(parent), parent);
  }
  treeItem(): vscode.TreeItem {
    const e = this.error;
    const title = AWS_ERROR_TITLES[e.kind] ?? 'Failed';
    return item(this, `${title} (click to retry)`, None, {
      description: e.hint ?? e.message,
      iconPath: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
      contextValue: 'error',
      tooltip: fieldsTooltip(title, [
        ['Error', e.code],
        ['Message', e.message],
        ['What to do', e.hint ?? ''],
      ]),
      command: { command: 'workspacesFleet.retry', title: 'Retry', arguments: [this] },
    });
  }
}

/** What an information row says: no region, loading, no match, empty. */
export type InfoKind = 'noregion' | 'loading' | 'nomatch' | 'empty' | 'error' | 'tags';

export class InfoNode extends Node {
  readonly kind = 'info';
  static idFor(parent: Node, what: InfoKind): string {
    return `${parent.id}/${what}`;
  }
  constructor(
    parent: Node,
    what: InfoKind,
    readonly label: string,
    readonly icon: string,
    readonly command?: vscode.Command,
    readonly detail?: string,
  ) {
    super(InfoNode.idFor(parent, what), parent);
  }
  treeItem(): vscode.TreeItem {
    return item(this, this.label, None, {
      iconPath: new vscode.ThemeIcon(this.icon),
      contextValue: 'info',
      ...(this.detail ? { description: this.detail } : {}),
      ...(this.command ? { command: this.command } : {}),
    });
  }
}

export class LoadMoreNode extends Node {
  readonly kind = 'loadMore';
  static idFor(parent: Node): string {
    return `${parent.id}/more`;
  }
  constructor(
    parent: Node,
    readonly remaining: number,
    readonly step: number,
  ) {
    super(LoadMoreNode.idFor(parent), parent);
  }
  treeItem(): vscode.TreeItem {
    return item(this, `Show ${count(Math.min(this.step, this.remaining))} more…`, None, {
      description: `${count(this.remaining)} not shown`,
      iconPath: new vscode.ThemeIcon('ellipsis'),
      contextValue: 'loadMore',
      command: { command: 'workspacesFleet.loadMore', title: 'Show More', arguments: [this] },
    });
  }
}
