import { workspaceAction } from '../pipeline/resourceAction';

/** Stops running AutoStop (or Manual) WorkSpaces; asks first unless workspacesFleet.confirmStopReboot is off. */
export const stopWorkspaces = workspaceAction('stop', {
  call: (api, ids, _input, signal) => api.stop(ids, { abortSignal: signal }),
});
