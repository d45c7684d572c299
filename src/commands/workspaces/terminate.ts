import { workspaceAction } from '../pipeline/resourceAction';

/** Terminates WorkSpaces for good: a modal that says what is destroyed, then the typed id (or count). */
export const terminateWorkspaces = workspaceAction('terminate', {
  call: (api, ids, _input, signal) => api.terminate(ids, { abortSignal: signal }),
});
