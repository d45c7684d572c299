// States of WorkSpaces, directories, images and pools: which ones move by themselves (poll them),
// which ones are settled. Icons, tones and polling all ask these helpers. Pure; the lists follow
// the SDK's enums (type-only import).
import type {
  WorkspaceDirectoryState,
  WorkspaceImageState,
  WorkspacesPoolState,
  WorkspaceState,
} from '@aws-sdk/client-workspaces';
import { isModifying, type ModifySubject } from './modify';

export const WORKSPACE_STATES = [
  'PENDING',
  'AVAILABLE',
  'IMPAIRED',
  'UNHEALTHY',
  'REBOOTING',
  'STARTING',
  'REBUILDING',
  'RESTORING',
  'MAINTENANCE',
  'ADMIN_MAINTENANCE',
  'TERMINATING',
  'TERMINATED',
  'SUSPENDED',
  'UPDATING',
  'STOPPING',
  'STOPPED',
  'ERROR',
] as const satisfies readonly WorkspaceState[];

/** Transitional states: the WorkSpace leaves them by itself, so the UI polls it (by id). */
export const MOVING_WORKSPACE_STATES = [
  'PENDING',
  'STARTING',
  'STOPPING',
  'REBOOTING',
  'REBUILDING',
  'RESTORING',
  'TERMINATING',
  'UPDATING',
  'MAINTENANCE',
] as const satisfies readonly WorkspaceState[];

/** States that stay until someone acts (or AWS repairs it). */
export const SETTLED_WORKSPACE_STATES = WORKSPACE_STATES.filter(
  (s) => !(MOVING_WORKSPACE_STATES as readonly string[]).includes(s),
) as readonly WorkspaceState[];

/** Settled states that need attention. */
const PROBLEM_WORKSPACE_STATES = [
  'IMPAIRED',
  'UNHEALTHY',
  'ERROR',
  'SUSPENDED',
] as const satisfies readonly WorkspaceState[];

const moving = new Set<string>(MOVING_WORKSPACE_STATES);
const problem = new Set<string>(PROBLEM_WORKSPACE_STATES);

/** True for a WorkSpace state that changes by itself (PENDING, STARTING, STOPPING, ...). */
export function isMoving(state: string | undefined): boolean {
  return state !== undefined && moving.has(state);
}

/**
 * True for a WorkSpace that changes by itself: a moving state, or a change of its compute type or
 * volumes still running (ModificationStates; the State stays AVAILABLE or STOPPED meanwhile). What
 * polling follows.
 */
export function isWorkspaceMoving(ws: Pick<ModifySubject, 'State' | 'ModificationStates'>): boolean {
  return isMoving(ws.State) || isModifying(ws);
}

/** True for a known state that does not change by itself. Unknown/absent states are neither. */
export function isSettled(state: string | undefined): boolean {
  return state !== undefined && (WORKSPACE_STATES as readonly string[]).includes(state) && !moving.has(state);
}

export function isProblem(state: string | undefined): boolean {
  return state !== undefined && problem.has(state);
}

/** TERMINATED only shows briefly; afterwards the WorkSpace is gone from DescribeWorkspaces. */
export function isGone(state: string | undefined): boolean {
  return state === 'TERMINATED';
}

export const DIRECTORY_STATES = [
  'REGISTERING',
  'REGISTERED',
  'DEREGISTERING',
  'DEREGISTERED',
  'ERROR',
] as const satisfies readonly WorkspaceDirectoryState[];
const MOVING_DIRECTORY_STATES = ['REGISTERING', 'DEREGISTERING'] as const satisfies readonly WorkspaceDirectoryState[];

export function isDirectoryMoving(state: string | undefined): boolean {
  return state !== undefined && (MOVING_DIRECTORY_STATES as readonly string[]).includes(state);
}

export const IMAGE_STATES = ['AVAILABLE', 'PENDING', 'ERROR'] as const satisfies readonly WorkspaceImageState[];
const MOVING_IMAGE_STATES = ['PENDING'] as const satisfies readonly WorkspaceImageState[];

export function isImageMoving(state: string | undefined): boolean {
  return state !== undefined && (MOVING_IMAGE_STATES as readonly string[]).includes(state);
}

export const POOL_STATES = [
  'CREATING',
  'DELETING',
  'RUNNING',
  'STARTING',
  'STOPPED',
  'STOPPING',
  'UPDATING',
] as const satisfies readonly WorkspacesPoolState[];
const MOVING_POOL_STATES = [
  'CREATING',
  'DELETING',
  'STARTING',
  'STOPPING',
  'UPDATING',
] as const satisfies readonly WorkspacesPoolState[];

export function isPoolMoving(state: string | undefined): boolean {
  return state !== undefined && (MOVING_POOL_STATES as readonly string[]).includes(state);
}
