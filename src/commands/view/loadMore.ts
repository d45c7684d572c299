import { LoadMoreNode } from '../../tree/nodes';
import type { CommandSpec } from '../pipeline/registry';

export const loadMore: CommandSpec = {
  id: 'workspacesFleet.loadMore',
  title: 'Show More Rows',
  run(s, node?: unknown) {
    if (node instanceof LoadMoreNode) s.provider.showMore(node);
  },
};
