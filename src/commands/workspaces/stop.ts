import { CONFIRM_STOP_REBOOT } from '../pipeline/confirmation';
import { workspaceAction } from '../pipeline/resourceAction';

/** Stops running AutoStop (or Manual) WorkSpaces; asks first unless workspacesFleet.confirmStopReboot is off. */
export const stopWorkspaces = workspaceAction({
  id: 'workspacesFleet.stopWorkspaces',
  action: 'stop',
  progress: 'Stopping WorkSpaces',
  done: 'Stopping',
  participle: 'stopped',
  button: 'Stop',
  confirm: 'modal',
  confirmSetting: CONFIRM_STOP_REBOOT,
  consequence: 'Connected users are disconnected; work not saved in open applications is lost.',
  call: (api, ids, signal) => api.stop(ids, { abortSignal: signal }),
});
