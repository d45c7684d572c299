import { ScopeModel } from '../../fleet/scopeModel';
import { AmazonBundlesNode, BundlesNode } from '../../tree/bundles';
import { CategoryNode, type Node, WorkspaceNode } from '../../tree/nodes';
import type { CommandSpec } from '../pipeline/registry';

/** Per-node Refresh: a category reloads its section, a WorkSpace is re-described by id, any
 *  other node reloads its scope. */
export const refreshNode: CommandSpec = {
  id: 'workspacesFleet.refreshNode',
  title: 'Refresh',
  async run(s, node?: unknown) {
    const n = node as Node | undefined;
    const model = n?.scopeModel;
    if (!n || !(model instanceof ScopeModel)) {
      await s.fleet.refreshAll();
    } else if (n instanceof BundlesNode || n instanceof AmazonBundlesNode) {
      // Drawn again at once (Loading…), then when the list is read (or failed again).
      const reading = model.bundles.reload(n instanceof BundlesNode ? 'own' : 'amazon');
      s.provider.refreshNode(n);
      await reading.catch(() => undefined);
      s.provider.refreshNode(n);
    } else if (n instanceof CategoryNode) {
      await model.load(n.section);
    } else if (n instanceof WorkspaceNode) {
      await model.refreshWorkspaces([n.workspaceId]);
    } else {
      await model.refresh();
    }
    s.poller.kick();
  },
};
