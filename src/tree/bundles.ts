// The Bundles section of a scope: the account's own bundles, and Amazon's in a group of their own
// that is read only when it is expanded. Rows come from the scope's bundle catalog
// (fleet/bundles.ts), read on demand at interactive priority and kept for the session; a row's
// context menu offers "Create WorkSpaces from Bundle".
import * as vscode from 'vscode';
import type { WorkspaceBundle } from '@aws-sdk/client-workspaces';
import { errorMessage } from '../core/errors';
import { formatUtc } from '../core/text';
import { bundleSummary, type BundleOwner } from '../fleet/bundles';
import type { ScopeModel } from '../fleet/scopeModel';
import { count } from '../fleet/view';
import { ContainerNode, fieldsTooltip, item, Node, type TreeContext } from './node';
import { InfoNode } from './rows';

const { Collapsed, None } = vscode.TreeItemCollapsibleState;

/** The rows of one owner's list: loading, failed (click to retry), empty, or the bundles. */
function listRows(parent: ContainerNode, model: ScopeModel, owner: BundleOwner, ctx: TreeContext): Node[] {
  const list = model.bundles.list(owner);
  if (list.state === 'idle' || list.state === 'loading') {
    // Loaded once per session; the rows are drawn again when it is done (or failed).
    void model.bundles.load(owner).then(
      () => ctx.refresh(parent),
      () => ctx.refresh(parent),
    );
    return [new InfoNode(parent, 'loading', 'Loading…', 'loading~spin')];
  }
  if (list.state === 'error') {
    return [
      new InfoNode(
        parent,
        'error',
        `Bundles could not be read (click to retry)`,
        'error',
        {
          command: 'workspacesFleet.refreshNode',
          title: 'Retry',
          arguments: [parent],
        },
        list.error ? errorMessage(list.error) : undefined,
      ),
    ];
  }
  if (list.items.length === 0) {
    return [
      new InfoNode(
        parent,
        'empty',
        owner === 'own' ? 'No bundle of this account in this region' : 'No Amazon bundle',
        'info',
      ),
    ];
  }
  return list.items.map((b) =>
    ctx.row(BundleNode.idFor(parent, b.BundleId), () => new BundleNode(parent, b, owner)).update(b),
  );
}

/** "Bundles" under a region: the account's own bundles, then the "Amazon bundles" group. */
export class BundlesNode extends ContainerNode {
  // Not 'category': the section is listed only when it is expanded (its rows cost calls).
  readonly kind = 'bundles';
  static idFor(model: ScopeModel): string {
    return `cat:${model.key}:bundles`;
  }
  constructor(
    parent: Node,
    readonly model: ScopeModel,
  ) {
    super(BundlesNode.idFor(model), parent);
  }
  override get scopeModel(): ScopeModel {
    return this.model;
  }
  children(ctx: TreeContext): Node[] {
    const rows = listRows(this, this.model, 'own', ctx);
    return [...rows, ctx.row(AmazonBundlesNode.idFor(this), () => new AmazonBundlesNode(this))];
  }
  treeItem(): vscode.TreeItem {
    const own = this.model.bundles.list('own');
    return item(this, 'Bundles', Collapsed, {
      iconPath: new vscode.ThemeIcon('package'),
      description: own.state === 'loaded' ? count(own.items.length) : own.state === 'loading' ? 'loading…' : '',
      contextValue: 'category:bundles',
    });
  }
}

/** Amazon's public bundles: read when expanded (they are many, and rarely looked at). */
export class AmazonBundlesNode extends ContainerNode {
  readonly kind = 'bundles';
  static idFor(parent: Node): string {
    return `${parent.id}/amazon`;
  }
  constructor(parent: BundlesNode) {
    super(AmazonBundlesNode.idFor(parent), parent);
  }
  children(ctx: TreeContext): Node[] {
    const model = this.scopeModel;
    return model ? listRows(this, model, 'amazon', ctx) : [];
  }
  treeItem(): vscode.TreeItem {
    const list = this.scopeModel?.bundles.list('amazon');
    return item(this, 'Amazon bundles', Collapsed, {
      iconPath: new vscode.ThemeIcon('cloud'),
      description: list?.state === 'loaded' ? count(list.items.length) : 'read when expanded',
      contextValue: 'group:bundles',
    });
  }
}

export class BundleNode extends Node {
  readonly kind = 'bundle';
  static idFor(parent: Node, bundleId: string | undefined): string {
    return `${parent.id}/${bundleId ?? ''}`;
  }
  constructor(
    parent: Node,
    public bundle: WorkspaceBundle,
    readonly owner: BundleOwner,
  ) {
    super(BundleNode.idFor(parent, bundle.BundleId), parent);
  }
  update(bundle: WorkspaceBundle): this {
    this.bundle = bundle;
    return this;
  }
  treeItem(): vscode.TreeItem {
    const b = this.bundle;
    const name = b.Name ?? b.BundleId ?? 'bundle';
    const image = b.ImageId ? this.scopeModel?.images.items.get(b.ImageId) : undefined;
    const state = b.State && b.State !== 'AVAILABLE' ? b.State.toLowerCase() : '';
    return item(this, name, None, {
      description: [bundleSummary(b), state].filter(Boolean).join(' · '),
      iconPath: new vscode.ThemeIcon(
        'package',
        b.State && b.State !== 'AVAILABLE' ? new vscode.ThemeColor('disabledForeground') : undefined,
      ),
      contextValue: `bundle:${(b.State ?? 'available').toLowerCase()}:${this.owner}`,
      tooltip: fieldsTooltip(name, [
        ['Bundle ID', b.BundleId ?? ''],
        ['Owner', b.Owner ?? ''],
        ['Compute type', b.ComputeType?.Name ?? ''],
        ['Root volume', b.RootStorage?.Capacity ? `${b.RootStorage.Capacity} GB` : ''],
        ['User volume', b.UserStorage?.Capacity ? `${b.UserStorage.Capacity} GB` : ''],
        ['Image', image?.Name ? `${image.Name} (${b.ImageId ?? ''})` : (b.ImageId ?? '')],
        ['State', b.State ?? ''],
        ['Type', b.BundleType ?? ''],
        ['Last updated', formatUtc(b.LastUpdatedTime)],
        ['Description', b.Description ?? ''],
      ]),
    });
  }
}
