import { workspaceAction } from '../pipeline/resourceAction';
import { snapshotDetails } from '../pipeline/snapshots';

/** Restores WorkSpaces to their last snapshots (one per call): a modal, then the typed id. */
export const restoreWorkspaces = workspaceAction({
  id: 'workspacesFleet.restoreWorkspaces',
  action: 'restore',
  progress: 'Restoring WorkSpaces',
  done: 'Restoring',
  participle: 'restored',
  button: 'Restore',
  confirm: 'typed',
  consequence:
    'Restore rolls the system volume and the user volume back to their last snapshots (taken every 12 hours): ' +
    'every file, application and setting changed since is lost. Users are disconnected.',
  details: (s, eligible) => snapshotDetails(s, 'restore', eligible),
  call: (api, ids, signal) => api.restore(ids, { abortSignal: signal }),
});
