import { ErrorNode, type Node } from '../../tree/nodes';
import type { CommandSpec } from '../pipeline/registry';

/** An error row's Retry: reloads the failed section, or the failed scope, or the profiles. */
export const retry: CommandSpec = {
  id: 'workspacesFleet.retry',
  title: 'Retry',
  async run(s, node?: unknown) {
    const n = node as Node | undefined;
    const model = n?.scopeModel;
    if (n instanceof ErrorNode && model) {
      if (n.retry.section) await model.load(n.retry.section);
      else await model.refresh();
    } else {
      await s.fleet.refreshAll();
    }
    s.poller.kick();
  },
};
