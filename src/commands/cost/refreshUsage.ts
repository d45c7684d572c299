import { CostGroupNode, CostNode } from '../../tree/cost';
import type { Node } from '../../tree/nodes';
import type { CommandSpec } from '../pipeline/registry';

/** Re-reads usage from CloudWatch: the row's scope, or every scope whose usage was read before. */
export const refreshUsage: CommandSpec = {
  id: 'workspacesFleet.refreshUsage',
  title: 'Refresh Usage',
  async run(s, node?: unknown) {
    const model = (node as Node | undefined)?.scopeModel;
    if (model && (node instanceof CostNode || node instanceof CostGroupNode || (node as Node).kind === 'error')) {
      await s.usage.load(model);
      return;
    }
    const read = s.fleet.allScopes().filter((m) => s.usage.of(m).state !== 'idle');
    await Promise.all(read.map((m) => s.usage.load(m)));
  },
};
