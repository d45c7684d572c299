import type { CommandSpec } from '../pipeline/registry';

export const showLog: CommandSpec = {
  id: 'workspacesFleet.showLog',
  title: 'Show Log',
  run(s) {
    s.log.show(true);
  },
};
