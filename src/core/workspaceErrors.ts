// Plain-language explanations of why a WorkSpace is in ERROR, UNHEALTHY or IMPAIRED, and of a
// directory in ERROR: one table of core/errorCatalog.ts, next to the image and pool tables. Pure
// data; no vscode.
//
// AWS does not enumerate a WorkSpace's ErrorCode (the service model types it as a free string) nor
// a directory's ErrorMessage. What is documented is what each state means and what to do (admin
// guide, "Troubleshoot WorkSpaces issues", "WorkSpace states", AD Connector troubleshooting). So:
// - the few codes seen in public (CreateWorkspaces' FailedRequests: ResourceNotFound.User,
//   ResourceNotFound.Directory, ResourceExists.WorkSpace) have their own entry;
// - any other code is explained by the WorkSpace's state, with its raw code and message shown as
//   they came (never branched on).
import { doc, type Doc, type ErrorExplanation, type ExplainedCode } from './errorCatalog';

const ADMIN = 'https://docs.aws.amazon.com/workspaces/latest/adminguide/';
const troubleshooting = doc(`${ADMIN}amazon-workspaces-troubleshooting.html`, 'Troubleshoot WorkSpaces issues');
const rebuild = doc(`${ADMIN}rebuild-workspace.html`, 'Rebuild a WorkSpace');
const directories = doc(`${ADMIN}manage-workspaces-directory.html`, 'Manage directories for WorkSpaces Personal');
const adConnector: Doc = doc(
  'https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ad_connector_troubleshooting.html',
  'Troubleshooting AD Connector',
);

/** Codes with public evidence (CreateWorkspaces' FailedRequests). */
export const WORKSPACE_ERRORS: Readonly<Record<string, ErrorExplanation>> = {
  'ResourceNotFound.User': {
    title: 'The user was not found in the directory',
    meaning:
      "WorkSpaces could not find the user name in the WorkSpace's directory: the user was deleted or renamed, or the directory cannot be searched.",
    fix: [
      'Check that the user exists and is enabled in the directory (for AD Connector: that its service account can read users).',
      'Terminate this WorkSpace and create one for the right user name.',
    ],
    ...troubleshooting,
    origin: 'workspace',
  },
  'ResourceNotFound.Directory': {
    title: 'The directory was not found',
    meaning: "The WorkSpace's directory is no longer registered with WorkSpaces (or was deleted).",
    fix: ['Register the directory with WorkSpaces again, or create the WorkSpace in a registered directory.'],
    ...directories,
    origin: 'workspace',
  },
  'ResourceExists.WorkSpace': {
    title: 'The user already has a WorkSpace',
    meaning: 'A user can have one WorkSpace per directory (per bundle protocol); another one already exists.',
    fix: ['Use the existing WorkSpace, or terminate it first and create the new one again.'],
    ...troubleshooting,
    origin: 'workspace',
  },
};

/** What the state says when the code is not in the table (or absent). */
const BY_STATE: Readonly<Record<string, Omit<ErrorExplanation, 'origin'>>> = {
  ERROR: {
    title: 'The WorkSpace is in ERROR',
    meaning:
      'The WorkSpace failed to launch, or an operation on it (start, rebuild, restore, a property change) failed. It serves no user until it is repaired.',
    fix: [
      'Read the code and message from WorkSpaces above: they name the cause when AWS gives one.',
      'Check its directory: registered, reachable (AD Connector: DNS, security groups, the service account password), and the user enabled.',
      'Restore it (back to its last healthy snapshot) or rebuild it (system volume from the bundle; user volume from its last snapshot).',
      'If it never launched, terminate it and create it again once the cause is fixed.',
    ],
    ...rebuild,
  },
  UNHEALTHY: {
    title: 'The WorkSpace is not responding to health checks',
    meaning:
      'WorkSpaces cannot reach the agent inside the WorkSpace: it may be hung, out of disk or CPU, or a firewall or a changed network setting blocks the management interface.',
    fix: [
      'Reboot it (users are disconnected).',
      'If it stays UNHEALTHY: connect to it if possible and check that the WorkSpaces services run, the disk is not full and no firewall blocks the management ports.',
      'Then restore it to its last healthy snapshot, or rebuild it.',
    ],
    ...troubleshooting,
  },
  IMPAIRED: {
    title: 'The WorkSpace is impaired',
    meaning: 'The WorkSpace runs but some of its health checks fail: users may not be able to connect.',
    fix: ['Reboot it.', 'If it stays IMPAIRED, restore it to its last healthy snapshot or rebuild it.'],
    ...troubleshooting,
  },
};

const GENERIC: Omit<ErrorExplanation, 'origin'> = {
  title: 'WorkSpaces reported an error for this WorkSpace',
  meaning:
    'WorkSpaces gave an error code this extension has no entry for. The code and message from the service are the best description available.',
  fix: ['Read the message from the service and fix what it names.', 'Refresh: the state shows whether it recovered.'],
  ...troubleshooting,
};

/**
 * Explains a WorkSpace's error: its code's entry when the code is one AWS is known to send, else
 * what its state means (ERROR, UNHEALTHY, IMPAIRED), else a generic explanation; the raw code is
 * always kept.
 */
export function explainWorkspaceError(code: string | undefined, state: string | undefined): ExplainedCode {
  const raw = code ?? '';
  const known = Object.prototype.hasOwnProperty.call(WORKSPACE_ERRORS, raw) ? WORKSPACE_ERRORS[raw] : undefined;
  if (known) return { code: raw, known: true, ...known };
  const byState = state && Object.hasOwn(BY_STATE, state) ? BY_STATE[state] : undefined;
  return { code: raw, known: byState !== undefined, ...(byState ?? GENERIC), origin: 'workspace' };
}

/** True when a WorkSpace has something to explain: a problem state or an error code. */
export function hasWorkspaceError(ws: { State?: string | undefined; ErrorCode?: string | undefined }): boolean {
  return (ws.State !== undefined && Object.hasOwn(BY_STATE, ws.State)) || !!ws.ErrorCode;
}

/** Explains a directory in ERROR (directories carry a message, never a code). */
export function explainDirectoryError(state: string | undefined): ExplainedCode {
  if (state !== 'ERROR') {
    return {
      code: '',
      known: false,
      title: 'WorkSpaces reported a message for this directory',
      meaning: 'The directory is not in ERROR, but WorkSpaces gave a message about it.',
      fix: ['Read the message from the service.'],
      ...directories,
      origin: 'directory',
    };
  }
  return {
    code: '',
    known: true,
    title: 'WorkSpaces cannot use this directory',
    meaning:
      'The directory registered with WorkSpaces is in ERROR: WorkSpaces cannot reach it or authenticate with it, so its WorkSpaces cannot be launched, rebuilt or started, and users may not be able to log in.',
    fix: [
      'Read the message from WorkSpaces above: it usually names the cause.',
      "For an AD Connector: check the service account (password not expired, not locked, allowed to read users and join computers), the connector's DNS addresses, and that its security group and the domain controllers' firewalls let it through.",
      'For a Simple AD or AWS Managed Microsoft AD: check the directory in the Directory Service console.',
      'Once it is reachable again, refresh: the state should return to REGISTERED.',
    ],
    ...adConnector,
    origin: 'directory',
  };
}

/** True when a directory has something to explain. */
export function hasDirectoryError(d: { State?: string | undefined; ErrorMessage?: string | undefined }): boolean {
  return d.State === 'ERROR' || !!d.ErrorMessage;
}
