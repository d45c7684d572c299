import { workspaceAction } from '../pipeline/resourceAction';

/** Admin maintenance on: AVAILABLE → ADMIN_MAINTENANCE (users cannot connect meanwhile). */
export const enterMaintenance = workspaceAction({
  id: 'workspacesFleet.enterMaintenance',
  action: 'enterMaintenance',
  progress: 'Entering admin maintenance',
  done: 'Admin maintenance on for',
  participle: 'put in admin maintenance',
  button: 'Enter Maintenance',
  confirm: 'none',
  call: (api, ids, signal) => api.setMaintenance(ids, true, { abortSignal: signal }),
});

/** Admin maintenance off: ADMIN_MAINTENANCE → AVAILABLE. */
export const exitMaintenance = workspaceAction({
  id: 'workspacesFleet.exitMaintenance',
  action: 'exitMaintenance',
  progress: 'Leaving admin maintenance',
  done: 'Admin maintenance off for',
  participle: 'taken out of admin maintenance',
  button: 'Exit Maintenance',
  confirm: 'none',
  call: (api, ids, signal) => api.setMaintenance(ids, false, { abortSignal: signal }),
});
