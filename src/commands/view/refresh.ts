import type { CommandSpec } from '../pipeline/registry';

/** Title-bar Refresh: re-reads the profiles and reloads every scope (joining loads in flight). */
export const refresh: CommandSpec = {
  id: 'workspacesFleet.refresh',
  title: 'Refresh',
  async run(s) {
    await s.fleet.refreshAll();
    s.poller.kick();
  },
};
