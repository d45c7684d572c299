import { workspaceAction } from '../pipeline/resourceAction';
import { snapshotDetails } from '../pipeline/snapshots';

/** Rebuilds WorkSpaces (one per call): a modal that says what is lost, the last snapshots, then the typed id. */
export const rebuildWorkspaces = workspaceAction('rebuild', {
  details: (s, eligible) => snapshotDetails(s, 'rebuild', eligible),
  call: (api, ids, _input, signal) => api.rebuild(ids, { abortSignal: signal }),
});
