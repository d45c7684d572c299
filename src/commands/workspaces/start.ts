import { workspaceAction } from '../pipeline/resourceAction';

/** Starts STOPPED AutoStop (or Manual) WorkSpaces (its row: core/actionTable.ts `start`). */
export const startWorkspaces = workspaceAction('start', {
  call: (api, ids, _input, signal) => api.start(ids, { abortSignal: signal }),
});
