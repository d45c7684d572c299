import { workspaceAction } from '../pipeline/resourceAction';

/** Admin maintenance on: AVAILABLE → ADMIN_MAINTENANCE (users cannot connect meanwhile). */
export const enterMaintenance = workspaceAction('enterMaintenance', {
  call: (api, ids, _input, signal) => api.setMaintenance(ids, true, { abortSignal: signal }),
});

/** Admin maintenance off: ADMIN_MAINTENANCE → AVAILABLE. */
export const exitMaintenance = workspaceAction('exitMaintenance', {
  call: (api, ids, _input, signal) => api.setMaintenance(ids, false, { abortSignal: signal }),
});
