import { notify } from '../pipeline/notify';
import type { CommandSpec } from '../pipeline/registry';

/** Empties the persistent fleet cache (the rows shown now stay; the next listing stores them again
 *  unless workspacesFleet.cacheFleetData is off). */
export const clearCache: CommandSpec = {
  id: 'workspacesFleet.clearCache',
  title: 'Clear Cached Fleet Data',
  async run(s) {
    const { entries, bytes } = await s.clearCache();
    const kib = Math.max(1, Math.round(bytes / 1024));
    void notify.info(
      entries === 0
        ? 'No cached fleet data to clear.'
        : `Cleared the cached fleet data (${entries} profile-region ${entries === 1 ? 'entry' : 'entries'}, ${kib} KiB).`,
    );
    return { entries, bytes };
  },
};
