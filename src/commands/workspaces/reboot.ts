import { CONFIRM_STOP_REBOOT } from '../pipeline/confirmation';
import { workspaceAction } from '../pipeline/resourceAction';

/** Reboots WorkSpaces; asks first unless workspacesFleet.confirmStopReboot is off. */
export const rebootWorkspaces = workspaceAction({
  id: 'workspacesFleet.rebootWorkspaces',
  action: 'reboot',
  progress: 'Rebooting WorkSpaces',
  done: 'Rebooting',
  participle: 'rebooted',
  button: 'Reboot',
  confirm: 'modal',
  confirmSetting: CONFIRM_STOP_REBOOT,
  consequence: 'Connected users are disconnected; work not saved in open applications is lost.',
  call: (api, ids, signal) => api.reboot(ids, { abortSignal: signal }),
});
