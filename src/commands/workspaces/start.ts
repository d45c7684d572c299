import { workspaceAction } from '../pipeline/resourceAction';

/** Starts STOPPED AutoStop (or Manual) WorkSpaces. */
export const startWorkspaces = workspaceAction({
  id: 'workspacesFleet.startWorkspaces',
  action: 'start',
  progress: 'Starting WorkSpaces',
  done: 'Starting',
  participle: 'started',
  button: 'Start',
  confirm: 'none',
  call: (api, ids, signal) => api.start(ids, { abortSignal: signal }),
});
