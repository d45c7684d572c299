import type { CommandSpec } from './registry';

export const showLog: CommandSpec = {
  id: 'workspacesFleet.showLog',
  run(s) {
    s.log.show(true);
  },
};
