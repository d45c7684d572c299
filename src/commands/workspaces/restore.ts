import { workspaceAction } from '../pipeline/resourceAction';
import { snapshotDetails } from '../pipeline/snapshots';

/** Restores WorkSpaces to their last snapshots (one per call): a modal, the snapshots, then the typed id. */
export const restoreWorkspaces = workspaceAction('restore', {
  details: (s, eligible) => snapshotDetails(s, 'restore', eligible),
  call: (api, ids, _input, signal) => api.restore(ids, { abortSignal: signal }),
});
