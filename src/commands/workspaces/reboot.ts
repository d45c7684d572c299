import { workspaceAction } from '../pipeline/resourceAction';

/** Reboots WorkSpaces; asks first unless workspacesFleet.confirmStopReboot is off. */
export const rebootWorkspaces = workspaceAction('reboot', {
  call: (api, ids, _input, signal) => api.reboot(ids, { abortSignal: signal }),
});
