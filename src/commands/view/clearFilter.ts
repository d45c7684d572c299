import { setFilter } from './filter';
import type { CommandSpec } from '../pipeline/registry';

export const clearFilter: CommandSpec = {
  id: 'workspacesFleet.clearFilter',
  title: 'Clear Filter',
  async run(s) {
    await setFilter(s.context, '');
    s.provider.setOptions({ filter: '' });
  },
};
