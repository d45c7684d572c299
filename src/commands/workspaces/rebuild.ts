import { workspaceAction } from '../pipeline/resourceAction';
import { snapshotDetails } from '../pipeline/snapshots';

/** Rebuilds WorkSpaces (one per call): a modal that says what is lost, then the typed id. */
export const rebuildWorkspaces = workspaceAction({
  id: 'workspacesFleet.rebuildWorkspaces',
  action: 'rebuild',
  progress: 'Rebuilding WorkSpaces',
  done: 'Rebuilding',
  participle: 'rebuilt',
  button: 'Rebuild',
  confirm: 'typed',
  consequence:
    "Rebuild re-creates the system volume (C:) from the bundle's image: applications and settings installed since are lost. " +
    'The user volume (D:) is re-created from its latest snapshot (taken every 12 hours): newer user files are lost. Users are disconnected.',
  details: (s, eligible) => snapshotDetails(s, 'rebuild', eligible),
  call: (api, ids, signal) => api.rebuild(ids, { abortSignal: signal }),
});
