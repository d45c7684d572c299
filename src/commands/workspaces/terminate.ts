import { workspaceAction } from '../pipeline/resourceAction';

/** Terminates WorkSpaces for good: a modal that says what is destroyed, then the typed id (or count). */
export const terminateWorkspaces = workspaceAction({
  id: 'workspacesFleet.terminateWorkspaces',
  action: 'terminate',
  progress: 'Terminating WorkSpaces',
  done: 'Terminating',
  participle: 'terminated',
  button: 'Terminate',
  confirm: 'typed',
  consequence:
    "Terminate permanently deletes the WorkSpace and its volumes. The user's files on it are destroyed and cannot be recovered; " +
    'a new WorkSpace for the user starts empty.',
  call: (api, ids, signal) => api.terminate(ids, { abortSignal: signal }),
});
