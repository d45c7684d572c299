// The tooltips of the explorer's rows, built when VS Code is about to show one (resolveTreeItem):
// a WorkSpace's tooltip loads its tags and names its bundle, a pool's names its bundle.
import type * as vscode from 'vscode';
import type { WorkspaceView } from '../core/present';
import type { ScopeModel } from '../fleet/scopeModel';
import type { StateClock } from '../fleet/view';
import { type Node, PoolNode, WorkspaceNode } from './nodes';

/** Fills a row's tooltip (the body of FleetTreeProvider.resolveTreeItem). */
export async function resolveTooltip(
  item: vscode.TreeItem,
  node: Node,
  token: vscode.CancellationToken,
  loadTags: (model: ScopeModel, workspaceId: string) => Promise<void>,
  clockOf: (model: ScopeModel) => StateClock,
): Promise<vscode.TreeItem> {
  if (node instanceof PoolNode) {
    await nameBundles(node.scopeModel, [...(node.scopeModel?.pools.items.values() ?? [])]);
    item.tooltip = node.tooltip();
    return item;
  }
  if (!(node instanceof WorkspaceNode)) return item;
  const model = node.scopeModel;
  await nameBundles(model, [...(model?.workspaces.items.values() ?? [])]);
  if (model && node.workspace.tags === undefined) {
    try {
      await loadTags(model, node.workspaceId);
    } catch {
      // The tooltip shows what is known; the error is logged by loadTags.
    }
    if (token.isCancellationRequested) return item;
    // The model's change event refreshed nothing (tags do not show on the row, so the tooltip
    // VS Code is about to show stays open); the row takes the tags here.
    const ws: WorkspaceView = model.workspaces.items.get(node.workspaceId) ?? node.workspace;
    node.update(ws, clockOf(model).since(node.workspaceId, ws.State));
  }
  item.tooltip = node.tooltip();
  return item;
}

/**
 * Names the bundles the scope's WorkSpaces (or pools) use, once per session: the first tooltip
 * shown costs ⌈distinct bundles/25⌉ calls. A failure leaves the ids unnamed (tooltips show the id).
 */
async function nameBundles(model: ScopeModel | undefined, items: ReadonlyArray<{ BundleId?: string }>): Promise<void> {
  if (!model) return;
  try {
    await model.bundles.resolve(
      items.map((i) => i.BundleId),
      'interactive',
    );
  } catch {
    // The tooltip shows the bundle id alone.
  }
}
