/**
 * The rules of ModifyWorkspaceProperties for volume sizes and compute type, as the WorkSpaces admin
 * guide ("Modify a WorkSpace", archived awsdocs/amazon-workspaces-administration-guide,
 * doc_source/modify-workspaces.md) states them. Pure: it decides, ops.ts applies.
 *
 * Documented (admin guide):
 * - only AVAILABLE or STOPPED WorkSpaces can be modified;
 * - volume sizes and compute type never in the same change;
 * - root and user volume never increased in the same change;
 * - [root, user] pairs [80, 10], [80, 50], [80, 100], [175–2000, 100–2000]; Graphics, GraphicsPro,
 *   Graphics.g4dn and GraphicsPro.g4dn may also have both at 100 (so [100–2000, 100–2000]);
 * - volumes only grow (never decrease), up to 2000 GB;
 * - each volume can be expanded once in a 6-hour period; a new WorkSpace waits 6 hours before a resize;
 * - a larger compute type once in 6 hours, a smaller one once every 30 days; a new WorkSpace waits 6
 *   hours before a larger one;
 * - Value, Standard, Performance, Power and PowerPro switch among each other; Graphics.g4dn ↔
 *   GraphicsPro.g4dn only; Graphics and GraphicsPro cannot change at all;
 * - while a volume change runs, the running mode cannot be switched and the WorkSpace cannot be
 *   rebooted or rebuilt; a STOPPED one cannot be started; during a compute change users are
 *   disconnected and "can't use or change the WorkSpace".
 * - ModificationStates: ROOT_VOLUME / USER_VOLUME / COMPUTE_TYPE with UPDATE_INITIATED then
 *   UPDATE_IN_PROGRESS (service model).
 *
 * Plausible choices (not documented):
 * - GeneralPurpose.4xlarge / 8xlarge join the Value…PowerPro ladder above PowerPro;
 * - the G6 families (Graphics.g6, Graphics.gr6, Graphics.g6f, Graphics.gr6f), newer than the
 *   archived guide, behave like g4dn: they switch among each other only, ranked by instance size;
 * - the two 6-hour volume windows are counted per volume; the larger / smaller compute windows
 *   each count only changes in the same direction;
 * - the WorkSpace keeps its State during a change: terraform-provider-aws notes that "AWS Workspaces
 *   service doesn't change instance status to 'Updating' during property modification" (its
 *   WaitWorkspaceUpdated), so the emulator does not show UPDATING either;
 * - which modeled exception each refusal raises (the model lists InvalidParameterValues,
 *   InvalidResourceState, OperationInProgress, UnsupportedWorkspaceConfiguration, ResourceNotFound,
 *   AccessDenied, ResourceUnavailable): an invalid size or combination → InvalidParameterValues; a
 *   WorkSpace in the wrong state or inside a 6-hour / 30-day window → InvalidResourceState; a change
 *   already running → OperationInProgress (message as terraform-provider-aws quotes it); a compute
 *   type outside the WorkSpace's family → UnsupportedWorkspaceConfiguration.
 */
import type { Compute, ModificationResourceEnum, WorkspaceProperties } from '@aws-sdk/client-workspaces';
import { COMPUTE_FAMILIES } from '../../src/core/modify';
import { ApiError, invalidParameter } from './errors';
import type { WorkspaceRecord } from './world';

const HOUR = 3_600_000;
export const RESIZE_WINDOW_MS = 6 * HOUR;
export const LARGER_COMPUTE_WINDOW_MS = 6 * HOUR;
export const SMALLER_COMPUTE_WINDOW_MS = 30 * 24 * HOUR;
export const NEW_WORKSPACE_WAIT_MS = 6 * HOUR;
export const MAX_VOLUME_GIB = 2000;

/**
 * Compute types by family, each in ascending size: the one table of the documented families, shared
 * with the extension (src/core/modify.ts) — data from the admin guide, not logic; the emulator's
 * rules below are its own.
 */
const FAMILIES = COMPUTE_FAMILIES;

/** Every compute type of the service model. */
export const COMPUTE_TYPES: readonly Compute[] = Object.values(FAMILIES).flat();

function familyOf(c: string | undefined): keyof typeof FAMILIES | undefined {
  return (Object.keys(FAMILIES) as Array<keyof typeof FAMILIES>).find((f) => FAMILIES[f].includes(c as Compute));
}

export function isGraphics(c: string | undefined): boolean {
  const f = familyOf(c);
  return f !== undefined && f !== 'regular';
}

/** Whether [root, user] is one of the documented volume groups for this compute type. */
export function allowedVolumes(root: number, user: number, compute: string | undefined): boolean {
  if (root > MAX_VOLUME_GIB || user > MAX_VOLUME_GIB) {
    return false;
  }
  if (root === 80 && (user === 10 || user === 50 || user === 100)) {
    return true;
  }
  if (root >= 175 && user >= 100) {
    return true;
  }
  return isGraphics(compute) && root >= 100 && user >= 100;
}

export const OPERATION_IN_PROGRESS =
  'The properties of this WorkSpace are currently under modification. Please try again in a moment.';

/** Why the WorkSpace cannot take another change now (a change or a migration runs), or undefined. */
export function busyReason(rec: WorkspaceRecord): string | undefined {
  if (rec.modification) {
    return OPERATION_IN_PROGRESS;
  }
  if (rec.migratingTo) {
    return `The WorkSpace ${rec.data.WorkspaceId} is being migrated to ${rec.migratingTo}.`;
  }
  return undefined;
}

export interface SizeChange {
  compute?: string;
  root?: number;
  user?: number;
}

export interface ModificationPlan {
  /** The properties once the change is done. */
  props: WorkspaceProperties;
  resources: ModificationResourceEnum[];
  /** Which windows the change starts. */
  marks: Array<keyof WorkspaceRecord['modified']>;
}

const hours = (ms: number): string => `${Math.ceil(ms / HOUR)} hour(s)`;

/**
 * Checks a change of volume sizes and/or compute type against the rules above. Returns undefined
 * when nothing changes (the same values), the plan otherwise; throws the refusal.
 */
export function planSizeChange(
  rec: WorkspaceRecord,
  change: SizeChange,
  now: number,
  base: WorkspaceProperties,
): ModificationPlan | undefined {
  const id = rec.data.WorkspaceId;
  const cur = rec.data.WorkspaceProperties ?? {};
  const curRoot = cur.RootVolumeSizeGib ?? 80;
  const curUser = cur.UserVolumeSizeGib ?? 50;
  const root = change.root ?? curRoot;
  const user = change.user ?? curUser;
  const compute = change.compute ?? cur.ComputeTypeName;
  const rootChanges = root !== curRoot;
  const userChanges = user !== curUser;
  const computeChanges = compute !== cur.ComputeTypeName;
  if (!rootChanges && !userChanges && !computeChanges) {
    return undefined;
  }
  const wait = (what: string, since: number | undefined, windowMs: number): void => {
    if (since !== undefined && now - since < windowMs) {
      throw new ApiError(
        'InvalidResourceStateException',
        `The WorkSpace ${id} ${what}; try again in ${hours(windowMs - (now - since))}.`,
      );
    }
  };
  if (rootChanges || userChanges) {
    if (root < curRoot || user < curUser) {
      throw invalidParameter(
        `The volumes of a WorkSpace cannot be decreased (root ${curRoot} GB → ${root} GB, user ${curUser} GB → ${user} GB).`,
      );
    }
    if (rootChanges && userChanges) {
      throw invalidParameter(
        'The root volume and the user volume cannot be increased in the same request. Increase one, then the other.',
      );
    }
    if (!allowedVolumes(root, user, cur.ComputeTypeName)) {
      throw invalidParameter(
        `The volume sizes [root ${root} GB, user ${user} GB] are not a valid combination. Valid combinations are [80, 10], [80, 50], [80, 100] and [175 to 2000, 100 to 2000]${isGraphics(cur.ComputeTypeName) ? ', and [100 to 2000, 100 to 2000] for graphics WorkSpaces' : ''}.`,
      );
    }
    wait('was launched less than 6 hours ago: its volumes cannot be resized yet', rec.createdAt, NEW_WORKSPACE_WAIT_MS);
    if (rootChanges) {
      wait('had its root volume resized less than 6 hours ago', rec.modified.root, RESIZE_WINDOW_MS);
    } else {
      wait('had its user volume resized less than 6 hours ago', rec.modified.user, RESIZE_WINDOW_MS);
    }
    return {
      props: { ...base, RootVolumeSizeGib: root, UserVolumeSizeGib: user },
      resources: rootChanges ? ['ROOT_VOLUME'] : ['USER_VOLUME'],
      marks: rootChanges ? ['root'] : ['user'],
    };
  }
  const from = familyOf(cur.ComputeTypeName);
  const to = familyOf(compute);
  if (from === 'fixed') {
    throw new ApiError(
      'UnsupportedWorkspaceConfigurationException',
      `The compute type of a ${cur.ComputeTypeName} WorkSpace cannot be changed.`,
    );
  }
  if (from === undefined || to === undefined || from !== to) {
    throw new ApiError(
      'UnsupportedWorkspaceConfigurationException',
      `The compute type of the WorkSpace ${id} cannot be changed from ${cur.ComputeTypeName} to ${compute}.`,
    );
  }
  const larger = FAMILIES[to].indexOf(compute as Compute) > FAMILIES[from].indexOf(cur.ComputeTypeName as Compute);
  if (larger) {
    wait(
      'was launched less than 6 hours ago: it cannot get a larger compute type yet',
      rec.createdAt,
      NEW_WORKSPACE_WAIT_MS,
    );
    wait('got a larger compute type less than 6 hours ago', rec.modified.computeUp, LARGER_COMPUTE_WINDOW_MS);
  } else {
    wait('got a smaller compute type less than 30 days ago', rec.modified.computeDown, SMALLER_COMPUTE_WINDOW_MS);
  }
  return {
    props: { ...base, ComputeTypeName: compute as Compute },
    resources: ['COMPUTE_TYPE'],
    marks: [larger ? 'computeUp' : 'computeDown'],
  };
}
