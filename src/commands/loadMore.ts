import { LoadMoreNode } from '../tree/nodes';
import type { CommandSpec } from './registry';

export const loadMore: CommandSpec = {
  id: 'workspacesFleet.loadMore',
  title: 'Show More Rows',
  run(s, node?: unknown) {
    if (node instanceof LoadMoreNode) s.provider.showMore(node);
  },
};
