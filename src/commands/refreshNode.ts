import { ScopeModel } from '../fleet/scopeModel';
import { CategoryNode, type Node, WorkspaceNode } from '../tree/nodes';
import type { CommandSpec } from './registry';

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
