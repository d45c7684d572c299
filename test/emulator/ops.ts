/** The WorkSpaces operations: validation as the service does it, then reads/writes on a World. */
import type {
  CreateTagsResult,
  CreateWorkspacesResult,
  DeleteTagsResult,
  DescribeTagsResult,
  DescribeWorkspaceBundlesResult,
  DescribeWorkspaceDirectoriesResult,
  DescribeWorkspaceImagesResult,
  DescribeWorkspaceSnapshotsResult,
  DescribeWorkspacesConnectionStatusResult,
  DescribeWorkspacesPoolsResult,
  DescribeWorkspacesResult,
  FailedCreateWorkspaceRequest,
  FailedWorkspaceChangeRequest,
  MigrateWorkspaceResult,
  ModifyWorkspacePropertiesResult,
  ModifyWorkspaceStateResult,
  RebootWorkspacesResult,
  RebuildWorkspacesResult,
  RestoreWorkspaceResult,
  StartWorkspacesPoolResult,
  StartWorkspacesResult,
  StopWorkspacesPoolResult,
  StopWorkspacesResult,
  Tag,
  TerminateWorkspacesResult,
  Workspace,
  WorkspaceProperties,
  WorkspaceRequest,
  WorkspaceState,
} from '@aws-sdk/client-workspaces';
import {
  ApiError,
  asStruct,
  constraint,
  invalidParameter,
  optEnum,
  optInt,
  optList,
  optString,
  optStruct,
  PATTERNS,
  reqList,
  reqString,
} from './errors';
import { ACCESS_OPERATIONS } from './access';
import { busyReason, COMPUTE_TYPES, planSizeChange } from './modify';
import { type Pager } from './paging';
import { POOL_SESSION_OPERATIONS } from './poolSessions';
import type { EmulatedAccount } from './types';
import { GONE, SNAPSHOT_AFTER_RESTORE_MS, type WorkspaceRecord, type World } from './world';

/**
 * Handlers may return live records: the server serializes the result synchronously, before any
 * other request can change them.
 */
export interface OpContext {
  op: string;
  world: World;
  account: EmulatedAccount;
  region: string;
  now: number;
  pager: Pager;
  /** The emulator's seed (deterministic usage for CloudWatch). */
  rngSeed: number;
  /** Counts an action actually applied to a WorkSpace (or pool). */
  acted(resourceId: string): void;
}

type Params = Record<string, unknown>;
export type Handler = (ctx: OpContext, p: Params) => object;

const PAGE = 25;

function bind(ctx: OpContext, filters: unknown): unknown {
  return { op: ctx.op, account: ctx.account.accountId, region: ctx.region, filters };
}

function idList(p: Params, name: string, pattern: RegExp, max = 25): string[] | undefined {
  const ids = optList(p, name, { min: 1, max });
  if (ids === undefined) {
    return undefined;
  }
  for (const id of ids) {
    if (typeof id !== 'string') {
      throw new ApiError('SerializationException', `Unexpected value in ${name}`);
    }
    if (!pattern.test(id)) {
      throw constraint(
        name,
        ids,
        `Member must satisfy constraint: [Member must satisfy regular expression pattern: ${pattern.source}]`,
      );
    }
  }
  return ids as string[];
}

// ---------------------------------------------------------------------------------------------
// Reads

const describeWorkspaceDirectories: Handler = (ctx, p): DescribeWorkspaceDirectoriesResult => {
  const ids = idList(p, 'DirectoryIds', PATTERNS.directoryId);
  const names = optList<string>(p, 'WorkspaceDirectoryNames', { min: 1, max: 25 });
  const limit = optInt(p, 'Limit', { min: 1, max: 25 }) ?? PAGE;
  const filters = optList<Params>(p, 'Filters', { min: 1, max: 25 })?.map((f) => {
    const s = asStruct(f, 'Filters');
    const name = optEnum(s, 'Name', ['USER_IDENTITY_TYPE', 'WORKSPACE_TYPE'] as const);
    const values = optList<string>(s, 'Values', { min: 1, max: 25 });
    if (!name || !values) {
      throw invalidParameter('A filter needs a Name and Values.');
    }
    return { name, values };
  });
  const token = optString(p, 'NextToken', { min: 1, max: 2048 });
  let dirs = [...ctx.world.directories.values()].sort((a, b) => cmp(a.DirectoryId, b.DirectoryId));
  if (ids) {
    dirs = dirs.filter((d) => ids.includes(d.DirectoryId));
  }
  if (names) {
    dirs = dirs.filter((d) => names.includes(d.WorkspaceDirectoryName ?? ''));
  }
  for (const f of filters ?? []) {
    dirs = dirs.filter((d) =>
      f.values.includes(String(f.name === 'USER_IDENTITY_TYPE' ? d.UserIdentityType : d.WorkspaceType)),
    );
  }
  const page = ctx.pager.page(bind(ctx, { ids, names, filters }), dirs, (d) => d.DirectoryId, limit, token);
  return { Directories: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

const describeWorkspaces: Handler = (ctx, p): DescribeWorkspacesResult => {
  const ids = idList(p, 'WorkspaceIds', PATTERNS.workspaceId);
  const directoryId = optString(p, 'DirectoryId', { min: 10, max: 65, pattern: PATTERNS.directoryId });
  const userName = optString(p, 'UserName', { min: 1, max: 63 });
  const bundleId = optString(p, 'BundleId', { pattern: PATTERNS.bundleId });
  const name = optString(p, 'WorkspaceName', { pattern: PATTERNS.workspaceName });
  const limit = optInt(p, 'Limit', { min: 1, max: 25 }) ?? PAGE;
  const token = optString(p, 'NextToken', { min: 1, max: 2048 });
  const filterCount = [ids, directoryId, bundleId, name].filter((x) => x !== undefined).length;
  if (filterCount > 1) {
    throw invalidParameter('You can specify only one filter: WorkspaceIds, DirectoryId, BundleId or WorkspaceName.');
  }
  if (userName !== undefined && directoryId === undefined) {
    throw invalidParameter('The UserName filter requires a DirectoryId.');
  }
  const w = ctx.world;
  if (ids) {
    const found = ids.map((id) => w.visibleWorkspace(id)).filter((r): r is WorkspaceRecord => r !== undefined);
    return { Workspaces: found.map((r) => r.data) };
  }
  let pred: ((r: WorkspaceRecord) => boolean) | undefined;
  if (directoryId !== undefined) {
    const user = userName?.toLowerCase();
    pred = (r) => r.data.DirectoryId === directoryId && (user === undefined || r.data.UserName?.toLowerCase() === user);
  } else if (bundleId !== undefined) {
    pred = (r) => r.data.BundleId === bundleId;
  } else if (name !== undefined) {
    pred = (r) => r.data.WorkspaceName === name;
  }
  // Page over the sorted ids; only the page's records are looked up and serialized.
  const keep = pred;
  const sorted =
    directoryId !== undefined && userName === undefined
      ? w.directoryWorkspaceIds(directoryId)
      : keep
        ? w.workspaceIds().filter((id) => keep(w.workspaces.get(id)!))
        : w.workspaceIds();
  const page = ctx.pager.page(bind(ctx, { directoryId, userName, bundleId, name }), sorted, (id) => id, limit, token);
  return {
    Workspaces: page.items.map((id) => w.workspaces.get(id)!.data),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};

const describeWorkspacesConnectionStatus: Handler = (ctx, p): DescribeWorkspacesConnectionStatusResult => {
  const ids = idList(p, 'WorkspaceIds', PATTERNS.workspaceId);
  const token = optString(p, 'NextToken', { min: 1, max: 2048 });
  const w = ctx.world;
  if (ids) {
    const found = ids.map((id) => w.visibleWorkspace(id)).filter((r): r is WorkspaceRecord => r !== undefined);
    return { WorkspacesConnectionStatus: found.map((r) => w.connectionStatus(r, ctx.now)) };
  }
  const page = ctx.pager.page(bind(ctx, {}), w.workspaceIds(), (id) => id, PAGE, token);
  return {
    WorkspacesConnectionStatus: page.items.map((id) => w.connectionStatus(w.workspaces.get(id)!, ctx.now)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};

const describeWorkspaceImages: Handler = (ctx, p): DescribeWorkspaceImagesResult => {
  const ids = idList(p, 'ImageIds', PATTERNS.imageId);
  const type = optEnum(p, 'ImageType', ['OWNED', 'SHARED'] as const);
  const limit = optInt(p, 'MaxResults', { min: 1, max: 25 }) ?? PAGE;
  const token = optString(p, 'NextToken', { min: 1, max: 2048 });
  let images = [...ctx.world.images.values()].sort((a, b) => cmp(a.ImageId, b.ImageId));
  if (ids) {
    images = images.filter((i) => ids.includes(i.ImageId));
  }
  if (type) {
    images = images.filter((i) => (i.OwnerAccountId === ctx.account.accountId) === (type === 'OWNED'));
  }
  const page = ctx.pager.page(bind(ctx, { ids, type }), images, (i) => i.ImageId, limit, token);
  return { Images: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

const describeWorkspacesPools: Handler = (ctx, p): DescribeWorkspacesPoolsResult => {
  const ids = idList(p, 'PoolIds', PATTERNS.poolId);
  const limit = optInt(p, 'Limit', { min: 1, max: 25 }) ?? PAGE;
  const token = optString(p, 'NextToken', { min: 1, max: 2048 });
  const filters = optList<Params>(p, 'Filters', { min: 1, max: 25 })?.map((f) => {
    const s = asStruct(f, 'Filters');
    const name = optEnum(s, 'Name', ['PoolName'] as const);
    const operator = optEnum(s, 'Operator', ['EQUALS', 'NOTEQUALS', 'CONTAINS', 'NOTCONTAINS'] as const);
    const values = optList<string>(s, 'Values', { min: 1, max: 25 });
    if (!name || !operator || !values) {
      throw constraint('Filters', 'null', 'Member must not be null (Name, Values and Operator are required)');
    }
    return { name, operator, values };
  });
  let pools = [...ctx.world.pools.values()].map((r) => r.data).sort((a, b) => cmp(a.PoolId, b.PoolId));
  if (ids) {
    pools = pools.filter((x) => ids.includes(x.PoolId));
  }
  for (const f of filters ?? []) {
    pools = pools.filter((x) => {
      const n = x.PoolName ?? '';
      switch (f.operator) {
        case 'EQUALS':
          return f.values.includes(n);
        case 'NOTEQUALS':
          return !f.values.includes(n);
        case 'CONTAINS':
          return f.values.some((v) => n.includes(v));
        case 'NOTCONTAINS':
          return !f.values.some((v) => n.includes(v));
      }
    });
  }
  const page = ctx.pager.page(bind(ctx, { ids, filters }), pools, (x) => x.PoolId, limit, token);
  return { WorkspacesPools: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

const describeWorkspaceBundles: Handler = (ctx, p): DescribeWorkspaceBundlesResult => {
  const ids = idList(p, 'BundleIds', PATTERNS.bundleId);
  const owner = optString(p, 'Owner');
  const token = optString(p, 'NextToken', { min: 1, max: 2048 });
  if (ids && owner !== undefined) {
    throw invalidParameter('You can specify either BundleIds or Owner, but not both.');
  }
  if (owner !== undefined && owner !== 'AMAZON' && owner !== ctx.account.accountId) {
    throw invalidParameter(
      `The Owner '${owner}' is not valid. Specify AMAZON, or omit Owner for the bundles of your account.`,
    );
  }
  const w = ctx.world;
  let bundles;
  if (ids) {
    bundles = ids.map((id) => w.findBundle(id)).filter((b) => b !== undefined);
    bundles.sort((a, b) => cmp(a.BundleId, b.BundleId));
  } else if (owner === 'AMAZON') {
    bundles = [...w.amazonBundles];
  } else {
    bundles = [...w.bundles.values()].sort((a, b) => cmp(a.BundleId, b.BundleId));
  }
  const page = ctx.pager.page(bind(ctx, { ids, owner }), bundles, (b) => b.BundleId, PAGE, token);
  return { Bundles: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

// ---------------------------------------------------------------------------------------------
// Tags

function resourceExists(w: World, id: string): boolean {
  return (
    w.visibleWorkspace(id) !== undefined ||
    w.directories.has(id) ||
    w.bundles.has(id) ||
    w.images.has(id) ||
    w.pools.has(id)
  );
}

function requireResource(ctx: OpContext, p: Params): string {
  const id = reqString(p, 'ResourceId', { min: 1 });
  if (!resourceExists(ctx.world, id)) {
    throw new ApiError('ResourceNotFoundException', `The resource ${id} could not be found.`, 400, { ResourceId: id });
  }
  return id;
}

const describeTags: Handler = (ctx, p): DescribeTagsResult => {
  const id = requireResource(ctx, p);
  return { TagList: (ctx.world.tags.get(id) ?? []).map((t) => ({ ...t })) };
};

const createTags: Handler = (ctx, p): CreateTagsResult => {
  const id = reqString(p, 'ResourceId', { min: 1 });
  const tags = reqList<Params>(p, 'Tags').map((t) => {
    const s = asStruct(t, 'Tags');
    const key = reqString(s, 'Key', { min: 1, max: 127 });
    const value = optString(s, 'Value', { max: 255 });
    if (key.toLowerCase().startsWith('aws:')) {
      throw invalidParameter(`The tag key '${key}' uses the reserved prefix 'aws:'.`);
    }
    return { Key: key, Value: value ?? '' };
  });
  if (tags.length > 50) {
    throw invalidParameter('You can specify at most 50 tags per request.');
  }
  if (!resourceExists(ctx.world, id)) {
    throw new ApiError('ResourceNotFoundException', `The resource ${id} could not be found.`, 400, { ResourceId: id });
  }
  const current = new Map((ctx.world.tags.get(id) ?? []).map((t) => [t.Key!, t.Value ?? '']));
  for (const t of tags) {
    current.set(t.Key, t.Value);
  }
  if (current.size > 50) {
    throw new ApiError('ResourceLimitExceededException', `The resource ${id} can have at most 50 tags.`);
  }
  ctx.world.tags.set(
    id,
    [...current].map(([Key, Value]): Tag => ({ Key, Value })),
  );
  return {};
};

const deleteTags: Handler = (ctx, p): DeleteTagsResult => {
  const id = reqString(p, 'ResourceId', { min: 1 });
  const keys = reqList<unknown>(p, 'TagKeys');
  for (const k of keys) {
    if (typeof k !== 'string' || k.length < 1 || k.length > 127) {
      throw constraint('TagKeys', keys, 'Member must have length between 1 and 127');
    }
    if (k.toLowerCase().startsWith('aws:')) {
      throw invalidParameter(`The tag key '${k}' uses the reserved prefix 'aws:'.`);
    }
  }
  if (!resourceExists(ctx.world, id)) {
    throw new ApiError('ResourceNotFoundException', `The resource ${id} could not be found.`, 400, { ResourceId: id });
  }
  const left = (ctx.world.tags.get(id) ?? []).filter((t) => !keys.includes(t.Key));
  if (left.length > 0) {
    ctx.world.tags.set(id, left);
  } else {
    ctx.world.tags.delete(id);
  }
  return {};
};

// ---------------------------------------------------------------------------------------------
// WorkSpace actions (FailedRequests style)
//
// FailedRequests[].ErrorCode is a free string AWS does not enumerate. Spelled as AWS sends them
// (seen in public reports): ResourceExists.WorkSpace ("A WorkSpace already exists for the specified
// user."), ResourceNotFound.Directory, ResourceNotFound.User. Every other code here is a plausible
// invention of the emulator in the same `Category.Detail` style: ResourceNotFound.Workspace,
// ResourceNotFound.Bundle, ResourceNotFound.Snapshot, InvalidResourceState.<State>,
// InvalidResourceState.Directory, OperationNotSupported.AlwaysOn, OperationInProgress.Modification,
// OperationInProgress.Migration, InvalidParameterValues.

interface ActionRule {
  listName: string;
  max: number;
  allowed: ReadonlySet<WorkspaceState>;
  /** Extra check; returns a failure or undefined. */
  check?: (rec: WorkspaceRecord, ctx: OpContext) => [string, string] | undefined;
  apply: (rec: WorkspaceRecord, ctx: OpContext) => void;
}

const STUCK_REBOOT_MS = 20 * 60_000;

function pascal(state: string): string {
  return state
    .toLowerCase()
    .split('_')
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('');
}

function alwaysOnCheck(verb: string) {
  return (rec: WorkspaceRecord): [string, string] | undefined =>
    rec.data.WorkspaceProperties?.RunningMode === 'ALWAYS_ON'
      ? [
          'OperationNotSupported.AlwaysOn',
          `The WorkSpace ${rec.data.WorkspaceId} has the running mode ALWAYS_ON and cannot be ${verb}. Switch it to AUTO_STOP first.`,
        ]
      : undefined;
}

/**
 * A change of volumes or compute type, or a migration, blocks the lifecycle actions (admin guide:
 * no reboot, rebuild or start during a volume increase, the WorkSpace cannot be used or changed
 * during a compute change; blocking stop, restore and terminate too is the emulator's choice).
 */
function busyCheck(rec: WorkspaceRecord): [string, string] | undefined {
  const reason = busyReason(rec);
  if (!reason) {
    return undefined;
  }
  return [rec.migratingTo ? 'OperationInProgress.Migration' : 'OperationInProgress.Modification', reason];
}

const set = (...s: WorkspaceState[]): ReadonlySet<WorkspaceState> => new Set(s);

const ACTIONS: Record<string, ActionRule> = {
  StartWorkspaces: {
    listName: 'StartWorkspaceRequests',
    max: 25,
    allowed: set('STOPPED'),
    check: (rec) => alwaysOnCheck('started')(rec) ?? busyCheck(rec),
    apply: (rec, ctx) => ctx.world.transition(rec.data.WorkspaceId, 'STARTING', 'AVAILABLE'),
  },
  StopWorkspaces: {
    listName: 'StopWorkspaceRequests',
    max: 25,
    allowed: set('AVAILABLE', 'IMPAIRED', 'UNHEALTHY', 'ERROR'),
    check: (rec) => alwaysOnCheck('stopped')(rec) ?? busyCheck(rec),
    apply: (rec, ctx) => {
      disconnect(rec, ctx.now);
      ctx.world.transition(rec.data.WorkspaceId, 'STOPPING', 'STOPPED');
    },
  },
  RebootWorkspaces: {
    listName: 'RebootWorkspaceRequests',
    max: 25,
    allowed: set('AVAILABLE', 'IMPAIRED', 'UNHEALTHY', 'REBOOTING'),
    check: (rec, ctx) =>
      rec.data.State === 'REBOOTING' && ctx.now - rec.stateSince < STUCK_REBOOT_MS
        ? [
            'InvalidResourceState.Rebooting',
            `The WorkSpace ${rec.data.WorkspaceId} is already rebooting. A WorkSpace can be rebooted again only when it has been REBOOTING for more than 20 minutes.`,
          ]
        : busyCheck(rec),
    apply: (rec, ctx) => {
      disconnect(rec, ctx.now);
      ctx.world.transition(rec.data.WorkspaceId, 'REBOOTING', 'AVAILABLE');
    },
  },
  RebuildWorkspaces: {
    listName: 'RebuildWorkspaceRequests',
    max: 1,
    allowed: set('AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED', 'REBOOTING'),
    // Admin guide, "Rebuild a WorkSpace": "A snapshot of the user volume must exist."
    check: (rec, ctx) =>
      busyCheck(rec) ??
      (ctx.world.snapshots(rec, ctx.now).rebuild === undefined
        ? [
            'ResourceNotFound.Snapshot',
            `The WorkSpace ${rec.data.WorkspaceId} has no snapshot of its user volume yet; it cannot be rebuilt.`,
          ]
        : undefined),
    apply: (rec, ctx) => {
      disconnect(rec, ctx.now);
      ctx.world.transition(rec.data.WorkspaceId, 'REBUILDING', 'AVAILABLE');
    },
  },
  TerminateWorkspaces: {
    listName: 'TerminateWorkspaceRequests',
    max: 25,
    allowed: set(
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
      'UPDATING',
      'STOPPING',
      'STOPPED',
      'ERROR',
    ),
    check: busyCheck,
    apply: (rec, ctx) => {
      disconnect(rec, ctx.now);
      delete rec.modification;
      delete rec.data.ModificationStates;
      ctx.world.transition(rec.data.WorkspaceId, 'TERMINATING', 'TERMINATED');
    },
  },
};

function disconnect(rec: WorkspaceRecord, now: number): void {
  if (rec.connection.state === 'CONNECTED') {
    rec.connection = { state: 'DISCONNECTED', lastConnected: now };
  }
}

function action(op: string): Handler {
  const rule = ACTIONS[op];
  return (
    ctx,
    p,
  ): StartWorkspacesResult &
    StopWorkspacesResult &
    RebootWorkspacesResult &
    RebuildWorkspacesResult &
    TerminateWorkspacesResult => {
    const list = reqList<unknown>(p, rule.listName, { min: 1, max: rule.max });
    const ids = list.map((x) =>
      reqString(asStruct(x, rule.listName), 'WorkspaceId', { pattern: PATTERNS.workspaceId }),
    );
    const failed: FailedWorkspaceChangeRequest[] = [];
    for (const id of ids) {
      const rec = ctx.world.visibleWorkspace(id);
      if (!rec || rec.data.State === 'TERMINATED') {
        failed.push({
          WorkspaceId: id,
          ErrorCode: 'ResourceNotFound.Workspace',
          ErrorMessage: `The WorkSpace ${id} could not be found.`,
        });
        continue;
      }
      if (!rule.allowed.has(rec.data.State)) {
        failed.push({
          WorkspaceId: id,
          ErrorCode: `InvalidResourceState.${pascal(rec.data.State)}`,
          ErrorMessage: `The WorkSpace ${id} is in the state ${rec.data.State}; ${op} requires ${[...rule.allowed].join(', ')}.`,
        });
        continue;
      }
      const bad = rule.check?.(rec, ctx);
      if (bad) {
        failed.push({ WorkspaceId: id, ErrorCode: bad[0], ErrorMessage: bad[1] });
        continue;
      }
      rule.apply(rec, ctx);
      ctx.acted(id);
    }
    return { FailedRequests: failed };
  };
}

/** A WorkSpace the API can see (not terminated, not still invisible after its creation). */
function requireWorkspace(ctx: OpContext, id: string): WorkspaceRecord {
  const rec = ctx.world.visibleWorkspace(id);
  if (!rec || rec.data.State === 'TERMINATED') {
    throw new ApiError('ResourceNotFoundException', `The WorkSpace ${id} could not be found.`, 400, { ResourceId: id });
  }
  return rec;
}

/**
 * RestoreWorkspace raises only its modeled errors (InvalidParameterValues, ResourceNotFound,
 * AccessDenied, OperationNotSupported). Documented: only AVAILABLE, ERROR, UNHEALTHY or STOPPED;
 * "snapshots of the root and user volumes must exist". Plausible choice: both refusals are
 * OperationNotSupportedException (there is no InvalidResourceState in its model).
 */
const restoreWorkspace: Handler = (ctx, p): RestoreWorkspaceResult => {
  const id = reqString(p, 'WorkspaceId', { pattern: PATTERNS.workspaceId });
  const rec = requireWorkspace(ctx, id);
  if (!['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED'].includes(rec.data.State)) {
    throw new ApiError(
      'OperationNotSupportedException',
      `The WorkSpace ${id} is in the state ${rec.data.State}; RestoreWorkspace requires AVAILABLE, ERROR, UNHEALTHY or STOPPED.`,
    );
  }
  const busy = busyReason(rec);
  if (busy) {
    throw new ApiError('OperationNotSupportedException', busy);
  }
  if (ctx.world.snapshots(rec, ctx.now).restore === undefined) {
    throw new ApiError(
      'OperationNotSupportedException',
      `The WorkSpace ${id} has no snapshot taken while it was healthy; it cannot be restored. Rebuild it instead.`,
    );
  }
  disconnect(rec, ctx.now);
  ctx.world.transition(id, 'RESTORING', 'AVAILABLE');
  // New snapshots are taken soon after the restore finishes; until then it cannot be restored again.
  rec.snapshotSchedule = { from: ctx.now + ctx.world.config.transitionMs, firstAfterMs: SNAPSHOT_AFTER_RESTORE_MS };
  ctx.acted(id);
  return {};
};

const modifyWorkspaceState: Handler = (ctx, p): ModifyWorkspaceStateResult => {
  const id = reqString(p, 'WorkspaceId', { pattern: PATTERNS.workspaceId });
  const target = optEnum(p, 'WorkspaceState', ['AVAILABLE', 'ADMIN_MAINTENANCE'] as const);
  if (!target) {
    throw constraint('WorkspaceState', 'null', 'Member must not be null');
  }
  const rec = requireWorkspace(ctx, id);
  const from = rec.data.State;
  if (!(
    (from === 'AVAILABLE' && target === 'ADMIN_MAINTENANCE') ||
    (from === 'ADMIN_MAINTENANCE' && target === 'AVAILABLE')
  )) {
    throw new ApiError(
      'InvalidResourceStateException',
      `The WorkSpace ${id} is in the state ${from} and cannot be moved to ${target}. Only AVAILABLE ↔ ADMIN_MAINTENANCE is allowed.`,
    );
  }
  ctx.world.setState(id, target);
  ctx.acted(id);
  return {};
};

/** ModifyWorkspaceProperties: running mode here; volume sizes and compute type by the rules of modify.ts. */
const modifyWorkspaceProperties: Handler = (ctx, p): ModifyWorkspacePropertiesResult => {
  const id = reqString(p, 'WorkspaceId', { pattern: PATTERNS.workspaceId });
  const props = optStruct(p, 'WorkspaceProperties');
  if (!props) {
    throw invalidParameter('WorkspaceProperties is required.');
  }
  const mode = optEnum(props, 'RunningMode', ['AUTO_STOP', 'ALWAYS_ON', 'MANUAL'] as const);
  const timeout = optInt(props, 'RunningModeAutoStopTimeoutInMinutes');
  const compute = optEnum(props, 'ComputeTypeName', COMPUTE_TYPES);
  const rootSize = optInt(props, 'RootVolumeSizeGib');
  const userSize = optInt(props, 'UserVolumeSizeGib');
  if (mode === 'MANUAL') {
    // The model: MANUAL "is only supported by Amazon WorkSpaces Core" (allow-listed accounts).
    throw new ApiError(
      'UnsupportedWorkspaceConfigurationException',
      'The MANUAL running mode is only supported by Amazon WorkSpaces Core.',
    );
  }
  if (timeout !== undefined && (timeout <= 0 || timeout % 60 !== 0)) {
    throw invalidParameter('RunningModeAutoStopTimeoutInMinutes must be specified in 60-minute intervals.');
  }
  if (compute !== undefined && (rootSize !== undefined || userSize !== undefined)) {
    throw invalidParameter('The compute type and the volume sizes cannot be modified in the same request.');
  }
  const rec = requireWorkspace(ctx, id);
  const busy = busyReason(rec);
  if (busy) {
    throw new ApiError('OperationInProgressException', busy);
  }
  if (!['AVAILABLE', 'STOPPED'].includes(rec.data.State)) {
    throw new ApiError(
      'InvalidResourceStateException',
      `The WorkSpace ${id} is in the state ${rec.data.State}; its properties can be modified only when it is AVAILABLE or STOPPED.`,
    );
  }
  const current = rec.data.WorkspaceProperties ?? {};
  const nextMode = mode ?? current.RunningMode;
  if (timeout !== undefined && nextMode === 'ALWAYS_ON') {
    throw invalidParameter('RunningModeAutoStopTimeoutInMinutes can only be set for the AUTO_STOP running mode.');
  }
  const next: WorkspaceProperties = { ...current };
  if (mode) {
    next.RunningMode = mode;
    if (mode === 'ALWAYS_ON') {
      delete next.RunningModeAutoStopTimeoutInMinutes;
    } else {
      next.RunningModeAutoStopTimeoutInMinutes = timeout ?? current.RunningModeAutoStopTimeoutInMinutes ?? 60;
    }
  } else if (timeout !== undefined) {
    next.RunningModeAutoStopTimeoutInMinutes = timeout;
  }
  // Checked before anything is applied: a refused size change leaves the running mode as it was.
  const plan = planSizeChange(rec, { compute, root: rootSize, user: userSize }, ctx.now, next);
  rec.data.WorkspaceProperties = next;
  // An ALWAYS_ON WorkSpace that is STOPPED starts.
  if (mode === 'ALWAYS_ON' && rec.data.State === 'STOPPED') {
    ctx.world.transition(id, 'STARTING', 'AVAILABLE');
  }
  if (plan) {
    for (const m of plan.marks) {
      rec.modified[m] = ctx.now;
    }
    if (plan.resources.includes('COMPUTE_TYPE')) {
      disconnect(rec, ctx.now); // the WorkSpace reboots into the new compute type
    }
    ctx.world.startModification(id, plan.resources, plan.props);
  }
  ctx.acted(id);
  return {};
};

const createWorkspaces: Handler = (ctx, p): CreateWorkspacesResult => {
  const list = reqList<unknown>(p, 'Workspaces', { min: 1, max: 25 });
  const w = ctx.world;
  const failed: FailedCreateWorkspaceRequest[] = [];
  const pending: Workspace[] = [];
  const requests = list.map((x) => {
    const s = asStruct(x, 'Workspaces');
    reqString(s, 'DirectoryId', { min: 10, max: 65, pattern: PATTERNS.directoryId });
    reqString(s, 'UserName', { min: 1, max: 63 });
    reqString(s, 'BundleId', { pattern: PATTERNS.bundleId });
    optString(s, 'WorkspaceName', { pattern: PATTERNS.workspaceName });
    return s as unknown as WorkspaceRequest;
  });
  for (const r of requests) {
    const fail = (code: string, message: string): void => {
      failed.push({ WorkspaceRequest: r, ErrorCode: code, ErrorMessage: message });
    };
    const dir = w.directories.get(r.DirectoryId!);
    if (!dir) {
      fail('ResourceNotFound.Directory', `The directory ${r.DirectoryId} could not be found.`);
      continue;
    }
    if (dir.State !== 'REGISTERED' || dir.WorkspaceType === 'POOLS') {
      fail(
        'InvalidResourceState.Directory',
        `The directory ${r.DirectoryId} is not registered for personal WorkSpaces.`,
      );
      continue;
    }
    if (w.missingUsers.has(`${r.DirectoryId}/${r.UserName!.toLowerCase()}`)) {
      fail('ResourceNotFound.User', `The user ${r.UserName} could not be found in the directory ${r.DirectoryId}.`);
      continue;
    }
    const bundle = w.findBundle(r.BundleId!);
    if (!bundle) {
      fail('ResourceNotFound.Bundle', `The bundle ${r.BundleId} could not be found.`);
      continue;
    }
    const mode = r.WorkspaceProperties?.RunningMode ?? 'AUTO_STOP';
    const timeout = r.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes;
    if (timeout !== undefined && (timeout <= 0 || timeout % 60 !== 0)) {
      fail('InvalidParameterValues', 'RunningModeAutoStopTimeoutInMinutes must be specified in 60-minute intervals.');
      continue;
    }
    // The service knows its new WorkSpaces even while Describe cannot see them yet.
    const taken = [...w.workspaces.values()].some(
      (x) =>
        x.data.DirectoryId === r.DirectoryId &&
        x.data.UserName?.toLowerCase() === r.UserName!.toLowerCase() &&
        x.data.State !== 'TERMINATED',
    );
    if (taken) {
      fail('ResourceExists.WorkSpace', 'A WorkSpace already exists for the specified user.');
      continue;
    }
    const badTag = (r.Tags ?? []).find(
      (t) => !t.Key || t.Key.length > 127 || t.Key.toLowerCase().startsWith('aws:') || (t.Value ?? '').length > 255,
    );
    if (badTag || (r.Tags ?? []).length > 50) {
      fail('InvalidParameterValues', 'The tags of the request are not valid.');
      continue;
    }
    const rec = w.addWorkspace(
      {
        DirectoryId: r.DirectoryId!,
        UserName: r.UserName!,
        BundleId: r.BundleId!,
        State: 'PENDING',
        ...(r.WorkspaceName ? { WorkspaceName: r.WorkspaceName } : {}),
        UserVolumeEncryptionEnabled: r.UserVolumeEncryptionEnabled ?? false,
        RootVolumeEncryptionEnabled: r.RootVolumeEncryptionEnabled ?? false,
        ...(r.VolumeEncryptionKey ? { VolumeEncryptionKey: r.VolumeEncryptionKey } : {}),
        WorkspaceProperties: {
          RunningMode: mode,
          ...(mode === 'AUTO_STOP' ? { RunningModeAutoStopTimeoutInMinutes: timeout ?? 60 } : {}),
          RootVolumeSizeGib: r.WorkspaceProperties?.RootVolumeSizeGib ?? Number(bundle.RootStorage?.Capacity ?? 80),
          UserVolumeSizeGib: r.WorkspaceProperties?.UserVolumeSizeGib ?? Number(bundle.UserStorage?.Capacity ?? 50),
          ComputeTypeName: r.WorkspaceProperties?.ComputeTypeName ?? bundle.ComputeType?.Name ?? 'STANDARD',
          Protocols: r.WorkspaceProperties?.Protocols ?? ['WSP'],
          OperatingSystemName: operatingSystem(bundle.Name),
        },
      },
      { tags: r.Tags ?? [], createdAt: ctx.now },
    );
    launch(ctx, rec.data.WorkspaceId);
    const { IpAddress: _ip, ComputerName: _cn, ...shown } = rec.data;
    pending.push(shown);
  }
  return { FailedRequests: failed, PendingRequests: pending };
};

function operatingSystem(bundleName: string | undefined): NonNullable<WorkspaceProperties['OperatingSystemName']> {
  return /Ubuntu/.test(bundleName ?? '')
    ? 'UBUNTU_22_04'
    : /Linux/.test(bundleName ?? '')
      ? 'AMAZON_LINUX_2'
      : /Windows 11/.test(bundleName ?? '')
        ? 'WINDOWS_11'
        : /Windows 10/.test(bundleName ?? '')
          ? 'WINDOWS_10'
          : 'WINDOWS_SERVER_2022';
}

/**
 * A new WorkSpace (CreateWorkspaces, MigrateWorkspace's target): invisible for visibilityDelayMs
 * (eventual consistency, service model: "the identifier returned is not immediately available for
 * use with other operations"), then PENDING for one transition, then AVAILABLE.
 */
function launch(ctx: OpContext, id: string): void {
  const w = ctx.world;
  const appears = ctx.now + w.config.visibilityDelayMs;
  w.hide(id, appears);
  w.setState(id, 'PENDING', { then: 'AVAILABLE', afterMs: appears - ctx.now + w.config.transitionMs });
}

// ---------------------------------------------------------------------------------------------
// Snapshots and migration

const describeWorkspaceSnapshots: Handler = (ctx, p): DescribeWorkspaceSnapshotsResult => {
  const id = reqString(p, 'WorkspaceId', { pattern: PATTERNS.workspaceId });
  const rec = requireWorkspace(ctx, id);
  const snaps = ctx.world.snapshots(rec, ctx.now);
  // Only the newest of each kind: how many older ones AWS lists is not documented.
  return {
    RebuildSnapshots: snaps.rebuild !== undefined ? [{ SnapshotTime: new Date(snaps.rebuild) }] : [],
    RestoreSnapshots: snaps.restore !== undefined ? [{ SnapshotTime: new Date(snaps.restore) }] : [],
  };
};

/**
 * MigrateWorkspace (admin guide, "Migrate a WorkSpace"): a new WorkSpace (new id, computer name, IP
 * address) from the target bundle's image, with the user volume of the source's last snapshot; tags
 * and running mode carried over; the target shows PENDING, and when it is AVAILABLE the source is
 * terminated. Documented limits: source AVAILABLE, STOPPED or ERROR (not ADMIN_MAINTENANCE); source
 * and target bundles differ; Linux WorkSpaces cannot be migrated. Volumes: the root grows to the
 * target bundle's default if smaller; the user volume keeps a size the admin chose, else the larger
 * of the source's and the bundle's default.
 * Plausible choices: wrong state, Linux, a Linux target bundle and a source without a user-volume
 * snapshot → OperationNotSupportedException; same bundle → InvalidParameterValuesException; unknown
 * bundle → ResourceNotFoundException; a bundle not AVAILABLE → ResourceUnavailableException; a
 * change or migration already running → OperationInProgressException; the source keeps its state
 * until the target is AVAILABLE, then TERMINATED and gone.
 */
const migrateWorkspace: Handler = (ctx, p): MigrateWorkspaceResult => {
  const sourceId = reqString(p, 'SourceWorkspaceId', { pattern: PATTERNS.workspaceId });
  const bundleId = reqString(p, 'BundleId', { pattern: PATTERNS.bundleId });
  const w = ctx.world;
  const src = requireWorkspace(ctx, sourceId);
  const bundle = w.findBundle(bundleId);
  if (!bundle) {
    throw new ApiError('ResourceNotFoundException', `The bundle ${bundleId} could not be found.`, 400, {
      ResourceId: bundleId,
    });
  }
  if (bundle.State !== undefined && bundle.State !== 'AVAILABLE') {
    throw new ApiError('ResourceUnavailableException', `The bundle ${bundleId} is ${bundle.State}.`, 400, {
      ResourceId: bundleId,
    });
  }
  if (bundleId === src.data.BundleId) {
    throw invalidParameter(
      'The source and target bundles must be different. To refresh a WorkSpace from its own bundle, rebuild it.',
    );
  }
  const busy = busyReason(src);
  if (busy) {
    throw new ApiError('OperationInProgressException', busy);
  }
  if (!['AVAILABLE', 'STOPPED', 'ERROR'].includes(src.data.State)) {
    throw new ApiError(
      'OperationNotSupportedException',
      `The WorkSpace ${sourceId} is in the state ${src.data.State}; only AVAILABLE, STOPPED or ERROR WorkSpaces can be migrated.`,
    );
  }
  const os = src.data.WorkspaceProperties?.OperatingSystemName ?? '';
  if (/LINUX|UBUNTU|RHEL|ROCKY/.test(os) || /Linux|Ubuntu/.test(bundle.Name ?? '')) {
    throw new ApiError('OperationNotSupportedException', 'Migrating Linux WorkSpaces is not supported.');
  }
  if (w.snapshots(src, ctx.now).rebuild === undefined) {
    throw new ApiError(
      'OperationNotSupportedException',
      `The WorkSpace ${sourceId} has no snapshot of its user volume yet (WorkSpaces younger than about 12 hours have none).`,
    );
  }
  const props = src.data.WorkspaceProperties ?? {};
  const srcBundle = w.findBundle(src.data.BundleId);
  const bundleRoot = Number(bundle.RootStorage?.Capacity ?? 80);
  const bundleUser = Number(bundle.UserStorage?.Capacity ?? 50);
  const user = props.UserVolumeSizeGib ?? 50;
  const chosenUser = srcBundle !== undefined && user !== Number(srcBundle.UserStorage?.Capacity ?? user);
  const target = w.addWorkspace(
    {
      DirectoryId: src.data.DirectoryId,
      UserName: src.data.UserName!,
      BundleId: bundleId,
      State: 'PENDING',
      ...(src.data.WorkspaceName ? { WorkspaceName: src.data.WorkspaceName } : {}),
      UserVolumeEncryptionEnabled: src.data.UserVolumeEncryptionEnabled ?? false,
      RootVolumeEncryptionEnabled: src.data.RootVolumeEncryptionEnabled ?? false,
      ...(src.data.VolumeEncryptionKey ? { VolumeEncryptionKey: src.data.VolumeEncryptionKey } : {}),
      WorkspaceProperties: {
        ...props,
        RootVolumeSizeGib: Math.max(props.RootVolumeSizeGib ?? 80, bundleRoot),
        UserVolumeSizeGib: chosenUser ? user : Math.max(user, bundleUser),
        ComputeTypeName: bundle.ComputeType?.Name ?? props.ComputeTypeName,
        OperatingSystemName: operatingSystem(bundle.Name),
      },
    },
    { tags: w.tags.get(sourceId) ?? [], createdAt: ctx.now },
  );
  const targetId = target.data.WorkspaceId;
  launch(ctx, targetId);
  // When the target is AVAILABLE, the source is terminated (TERMINATED shows briefly, then gone).
  const done = ctx.now + w.config.visibilityDelayMs + w.config.transitionMs;
  disconnect(src, ctx.now);
  src.migratingTo = targetId;
  w.setState(sourceId, src.data.State, {
    since: src.stateSince,
    steps: [
      { at: done, state: 'TERMINATED' },
      { at: done + w.config.transitionMs, state: GONE },
    ],
  });
  ctx.acted(sourceId);
  return { SourceWorkspaceId: sourceId, TargetWorkspaceId: targetId };
};

function requirePool(ctx: OpContext, p: Params) {
  const id = reqString(p, 'PoolId', { pattern: PATTERNS.poolId });
  const rec = ctx.world.pools.get(id);
  if (!rec) {
    throw new ApiError('ResourceNotFoundException', `The WorkSpaces pool ${id} could not be found.`, 400, {
      ResourceId: id,
    });
  }
  return rec;
}

const startWorkspacesPool: Handler = (ctx, p): StartWorkspacesPoolResult => {
  const rec = requirePool(ctx, p);
  if (rec.data.State !== 'STOPPED') {
    throw new ApiError(
      'InvalidResourceStateException',
      `The pool ${rec.data.PoolId} is in the state ${rec.data.State}; only a STOPPED pool can be started.`,
    );
  }
  const desired = rec.data.CapacityStatus?.DesiredUserSessions ?? 1;
  rec.data.CapacityStatus = {
    AvailableUserSessions: desired,
    DesiredUserSessions: desired,
    ActualUserSessions: desired,
    ActiveUserSessions: 0,
  };
  ctx.world.setPoolState(rec.data.PoolId, 'STARTING', 'RUNNING');
  ctx.acted(rec.data.PoolId);
  return {};
};

const stopWorkspacesPool: Handler = (ctx, p): StopWorkspacesPoolResult => {
  const rec = requirePool(ctx, p);
  if (rec.data.State !== 'RUNNING') {
    throw new ApiError(
      'InvalidResourceStateException',
      `The pool ${rec.data.PoolId} is in the state ${rec.data.State}; only a RUNNING pool can be stopped.`,
    );
  }
  const desired = rec.data.CapacityStatus?.DesiredUserSessions ?? 1;
  rec.data.CapacityStatus = {
    AvailableUserSessions: 0,
    DesiredUserSessions: desired,
    ActualUserSessions: 0,
    ActiveUserSessions: 0,
  };
  ctx.world.setPoolState(rec.data.PoolId, 'STOPPING', 'STOPPED');
  ctx.acted(rec.data.PoolId);
  return {};
};

export const OPERATIONS: Record<string, Handler> = {
  DescribeWorkspaceDirectories: describeWorkspaceDirectories,
  DescribeWorkspaces: describeWorkspaces,
  DescribeWorkspacesConnectionStatus: describeWorkspacesConnectionStatus,
  DescribeWorkspaceImages: describeWorkspaceImages,
  DescribeWorkspacesPools: describeWorkspacesPools,
  DescribeWorkspaceBundles: describeWorkspaceBundles,
  DescribeTags: describeTags,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  StartWorkspaces: action('StartWorkspaces'),
  StopWorkspaces: action('StopWorkspaces'),
  RebootWorkspaces: action('RebootWorkspaces'),
  RebuildWorkspaces: action('RebuildWorkspaces'),
  TerminateWorkspaces: action('TerminateWorkspaces'),
  RestoreWorkspace: restoreWorkspace,
  ModifyWorkspaceProperties: modifyWorkspaceProperties,
  ModifyWorkspaceState: modifyWorkspaceState,
  CreateWorkspaces: createWorkspaces,
  MigrateWorkspace: migrateWorkspace,
  DescribeWorkspaceSnapshots: describeWorkspaceSnapshots,
  StartWorkspacesPool: startWorkspacesPool,
  StopWorkspacesPool: stopWorkspacesPool,
  ...ACCESS_OPERATIONS,
  ...POOL_SESSION_OPERATIONS,
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
