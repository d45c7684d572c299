/**
 * The access operations of the emulator: IP access control groups (Describe/Create/DeleteIpGroup,
 * Authorize/RevokeIpRules, UpdateRulesOfIpGroup, Associate/DisassociateIpGroups) and the settings
 * of a directory (DescribeClientProperties, ModifyClientProperties, ModifySelfservicePermissions,
 * ModifyWorkspaceCreationProperties, ModifyWorkspaceAccessProperties). Shapes and error codes are
 * botocore's model's; the limits are the admin guide's ("IP access control groups" and the quotas
 * page): 100 groups per account and Region, 25 groups per directory, 10 rules per group, none
 * adjustable. Where AWS documents nothing (what a duplicate rule or an unknown revoked rule does,
 * name lengths), the emulator's choice is said at the place it is made.
 */
import type {
  ClientProperties,
  DefaultWorkspaceCreationProperties,
  DescribeClientPropertiesResult,
  DescribeIpGroupsResult,
  IpRuleItem,
  SelfservicePermissions,
  Tag,
  WorkspaceAccessProperties,
  WorkspacesIpGroup,
} from '@aws-sdk/client-workspaces';
import { isIPv4 } from 'node:net';
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
import type { Handler, OpContext } from './ops';
import type { DirectoryData, World } from './world';

/** The admin guide's quotas (workspaces-limits.md; "Adjustable: No" for all three). */
export const IP_GROUPS_PER_REGION = 100;
export const IP_GROUPS_PER_DIRECTORY = 25;
export const RULES_PER_IP_GROUP = 10;

const GROUP_ID = /^wsipg-[0-9a-z]{8,63}$/;
const SECURITY_GROUP = /^(sg-([0-9a-f]{8}|[0-9a-f]{17}))$/;
const ARN =
  /^arn:aws[a-z-]{0,7}:[A-Za-z0-9][A-za-z0-9_/.-]{0,62}:[A-za-z0-9_/.-]{0,63}:[A-za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$/;
const ENABLED = ['ENABLED', 'DISABLED'] as const;
const ALLOW = ['ALLOW', 'DENY'] as const;

interface AccessState {
  groups: Map<string, WorkspacesIpGroup & { groupId: string; groupName: string; userRules: IpRuleItem[] }>;
  client: Map<string, ClientProperties>;
}

const states = new WeakMap<World, AccessState>();

/** A world's IP groups and client properties (created on first use: the seed has none). */
export function accessOf(world: World): AccessState {
  let s = states.get(world);
  if (!s) {
    s = { groups: new Map(), client: new Map() };
    states.set(world, s);
  }
  return s;
}

type Params = Record<string, unknown>;

function optBool(p: Params, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') {
    throw new ApiError('SerializationException', `BOOLEAN_VALUE can not be converted to ${name}`);
  }
  return v;
}

/**
 * An IPv4 address or CIDR block, as the admin guide describes a rule's source ("the IP address or
 * IP address range"). The model's IpRule is an unconstrained string; AWS documents neither IPv6
 * rules nor whether host bits may be set. The emulator accepts IPv4 only (a bare address counts as
 * /32) and refuses host bits, which the extension never sends.
 */
function checkRule(rule: string): void {
  const [addr, prefix, extra] = rule.split('/');
  const bits = prefix === undefined ? 32 : /^\d{1,2}$/.test(prefix) ? Number(prefix) : NaN;
  if (extra !== undefined || !isIPv4(addr) || !(bits >= 0 && bits <= 32)) {
    throw invalidParameter(`The IP rule ${rule} is not a valid IPv4 CIDR block.`);
  }
  const base = addr.split('.').map(Number);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const value = ((base[0] << 24) | (base[1] << 16) | (base[2] << 8) | base[3]) >>> 0;
  if ((value & mask) >>> 0 !== value) {
    throw invalidParameter(`The IP rule ${rule} has host bits set.`);
  }
}

function ruleItems(p: Params, name: string): IpRuleItem[] {
  const list = reqList<Params>(p, name);
  const seen = new Set<string>();
  return list.map((r) => {
    const s = asStruct(r, name);
    const ipRule = reqString(s, 'ipRule');
    const ruleDesc = optString(s, 'ruleDesc');
    checkRule(ipRule);
    // Undocumented: a rule given twice in one request. The emulator refuses it.
    if (seen.has(ipRule)) throw invalidParameter(`The IP rule ${ipRule} is given more than once.`);
    seen.add(ipRule);
    return { ipRule, ...(ruleDesc !== undefined ? { ruleDesc } : {}) };
  });
}

function tooManyRules(n: number): ApiError {
  return new ApiError(
    'ResourceLimitExceededException',
    `An IP access control group can have at most ${RULES_PER_IP_GROUP} rules (${n} asked).`,
  );
}

function groupOf(ctx: OpContext, id: string) {
  const g = accessOf(ctx.world).groups.get(id);
  if (!g) {
    throw new ApiError('ResourceNotFoundException', `The IP group ${id} could not be found.`, 400, { ResourceId: id });
  }
  return g;
}

function directoryOf(ctx: OpContext, id: string): DirectoryData {
  const d = ctx.world.directories.get(id);
  if (!d) {
    throw new ApiError('ResourceNotFoundException', `The directory ${id} could not be found.`, 400, { ResourceId: id });
  }
  return d;
}

const groupId = (p: Params): string => reqString(p, 'GroupId', { pattern: GROUP_ID });
const directoryId = (p: Params, name: string): string =>
  reqString(p, name, { min: 10, max: 65, pattern: PATTERNS.directoryId });

function groupIds(p: Params): string[] {
  const ids = reqList<unknown>(p, 'GroupIds');
  for (const id of ids) {
    if (typeof id !== 'string' || !GROUP_ID.test(id)) {
      throw constraint('GroupIds', ids, `Member must satisfy regular expression pattern: ${GROUP_ID.source}`);
    }
  }
  return ids as string[];
}

const describeIpGroups: Handler = (ctx, p): DescribeIpGroupsResult => {
  const ids = optList<unknown>(p, 'GroupIds');
  for (const id of ids ?? []) {
    if (typeof id !== 'string' || !GROUP_ID.test(id)) {
      throw invalidParameter(`The IP group id ${String(id)} is not valid.`);
    }
  }
  const limit = optInt(p, 'MaxResults', { min: 1, max: 25 }) ?? 25;
  const token = optString(p, 'NextToken', { min: 1, max: 2048 });
  let groups = [...accessOf(ctx.world).groups.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
  if (ids) groups = groups.filter((g) => ids.includes(g.groupId));
  const page = ctx.pager.page(
    { op: ctx.op, account: ctx.account.accountId, region: ctx.region, ids },
    groups,
    (g) => g.groupId,
    limit,
    token,
  );
  return { Result: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

const createIpGroup: Handler = (ctx, p) => {
  // The model gives the name and description no length or pattern; AWS documents none.
  const name = reqString(p, 'GroupName', { min: 1 });
  const desc = optString(p, 'GroupDesc');
  const rules = p.UserRules === undefined ? [] : ruleItems(p, 'UserRules');
  const tags = (optList<Params>(p, 'Tags') ?? []).map((t): Tag => {
    const s = asStruct(t, 'Tags');
    return { Key: reqString(s, 'Key', { min: 1, max: 127 }), Value: optString(s, 'Value', { max: 255 }) ?? '' };
  });
  const st = accessOf(ctx.world);
  if ([...st.groups.values()].some((g) => g.groupName === name)) {
    throw new ApiError('ResourceAlreadyExistsException', `An IP group named ${name} already exists.`);
  }
  if (st.groups.size >= IP_GROUPS_PER_REGION) {
    throw new ApiError(
      'ResourceLimitExceededException',
      `This account can have at most ${IP_GROUPS_PER_REGION} IP access control groups in this Region.`,
    );
  }
  if (rules.length > RULES_PER_IP_GROUP) throw tooManyRules(rules.length);
  let id: string;
  do id = `wsipg-${ctx.world.rng.chars(9)}`;
  while (st.groups.has(id));
  st.groups.set(id, {
    groupId: id,
    groupName: name,
    ...(desc !== undefined ? { groupDesc: desc } : {}),
    userRules: rules,
  });
  if (tags.length) ctx.world.tags.set(id, tags);
  ctx.acted(id);
  return { GroupId: id };
};

const deleteIpGroup: Handler = (ctx, p) => {
  const id = groupId(p);
  groupOf(ctx, id);
  const on = [...ctx.world.directories.values()].filter((d) => d.ipGroupIds?.includes(id));
  if (on.length) {
    throw new ApiError(
      'ResourceAssociatedException',
      `The IP group ${id} is associated with ${on.map((d) => d.DirectoryId).join(', ')}.`,
    );
  }
  accessOf(ctx.world).groups.delete(id);
  ctx.world.tags.delete(id);
  ctx.acted(id);
  return {};
};

const authorizeIpRules: Handler = (ctx, p) => {
  const id = groupId(p);
  const rules = ruleItems(p, 'UserRules');
  const g = groupOf(ctx, id);
  // Undocumented: authorizing a rule the group has. The emulator refuses it (the extension sends
  // only rules the group lacks, and UpdateRulesOfIpGroup to change a description).
  const dup = rules.find((r) => g.userRules.some((u) => u.ipRule === r.ipRule));
  if (dup) throw invalidParameter(`The IP group ${id} already has the rule ${dup.ipRule}.`);
  if (g.userRules.length + rules.length > RULES_PER_IP_GROUP) throw tooManyRules(g.userRules.length + rules.length);
  g.userRules = [...g.userRules, ...rules];
  ctx.acted(id);
  return {};
};

const revokeIpRules: Handler = (ctx, p) => {
  const id = groupId(p);
  const rules = reqList<unknown>(p, 'UserRules');
  for (const r of rules) {
    if (typeof r !== 'string') throw new ApiError('SerializationException', 'Unexpected value in UserRules');
  }
  const g = groupOf(ctx, id);
  // Undocumented: revoking a rule the group does not have. The emulator ignores it.
  g.userRules = g.userRules.filter((u) => !rules.includes(u.ipRule));
  ctx.acted(id);
  return {};
};

const updateRulesOfIpGroup: Handler = (ctx, p) => {
  const id = groupId(p);
  const rules = ruleItems(p, 'UserRules');
  const g = groupOf(ctx, id);
  if (rules.length > RULES_PER_IP_GROUP) throw tooManyRules(rules.length);
  g.userRules = rules;
  ctx.acted(id);
  return {};
};

function registered(d: DirectoryData): void {
  if (d.State !== 'REGISTERED') {
    throw new ApiError(
      'InvalidResourceStateException',
      `The directory ${d.DirectoryId} is ${d.State ?? 'not registered'}.`,
    );
  }
}

const associateIpGroups: Handler = (ctx, p) => {
  const dirId = directoryId(p, 'DirectoryId');
  const ids = groupIds(p);
  const d = directoryOf(ctx, dirId);
  for (const id of ids) groupOf(ctx, id);
  registered(d);
  const next = [...new Set([...(d.ipGroupIds ?? []), ...ids])];
  if (next.length > IP_GROUPS_PER_DIRECTORY) {
    throw new ApiError(
      'ResourceLimitExceededException',
      `A directory can have at most ${IP_GROUPS_PER_DIRECTORY} IP access control groups (${next.length} asked).`,
    );
  }
  d.ipGroupIds = next;
  ctx.acted(dirId);
  return {};
};

const disassociateIpGroups: Handler = (ctx, p) => {
  const dirId = directoryId(p, 'DirectoryId');
  const ids = groupIds(p);
  const d = directoryOf(ctx, dirId);
  for (const id of ids) groupOf(ctx, id);
  registered(d);
  d.ipGroupIds = (d.ipGroupIds ?? []).filter((g) => !ids.includes(g));
  ctx.acted(dirId);
  return {};
};

/** What DescribeClientProperties reports for a directory never modified (AWS's defaults, undocumented in the model). */
const DEFAULT_CLIENT: ClientProperties = { ReconnectEnabled: 'ENABLED', LogUploadEnabled: 'DISABLED' };

const describeClientProperties: Handler = (ctx, p): DescribeClientPropertiesResult => {
  const ids = reqList<unknown>(p, 'ResourceIds', { min: 1, max: 25 });
  const list = ids.map((id) => {
    if (typeof id !== 'string' || id.length === 0) throw invalidParameter('A resource id must be a non-empty string.');
    directoryOf(ctx, id);
    return { ResourceId: id, ClientProperties: { ...DEFAULT_CLIENT, ...accessOf(ctx.world).client.get(id) } };
  });
  return { ClientPropertiesList: list };
};

const modifyClientProperties: Handler = (ctx, p) => {
  const id = reqString(p, 'ResourceId', { min: 1 });
  const s = optStruct(p, 'ClientProperties');
  if (!s) throw constraint('ClientProperties', 'null', 'Member must not be null');
  const props: ClientProperties = {};
  const reconnect = optEnum(s, 'ReconnectEnabled', ENABLED);
  const logs = optEnum(s, 'LogUploadEnabled', ENABLED);
  if (reconnect) props.ReconnectEnabled = reconnect;
  if (logs) props.LogUploadEnabled = logs;
  directoryOf(ctx, id);
  const st = accessOf(ctx.world);
  st.client.set(id, { ...st.client.get(id), ...props });
  ctx.acted(id);
  return {};
};

/** The members of a struct that are given, each checked with `read`. */
function members<T extends object>(s: Params, names: readonly string[], read: (s: Params, n: string) => unknown): T {
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const v = read(s, n);
    if (v !== undefined) out[n] = v;
  }
  return out as T;
}

function modifyDirectory<K extends keyof DirectoryData>(
  struct: string,
  field: K,
  parse: (s: Params) => NonNullable<DirectoryData[K]>,
): Handler {
  return (ctx, p) => {
    const id = directoryId(p, 'ResourceId');
    const s = optStruct(p, struct);
    if (!s) throw constraint(struct, 'null', 'Member must not be null');
    const given = parse(s);
    const d = directoryOf(ctx, id);
    d[field] = { ...(d[field] as object), ...(given as object) } as DirectoryData[K];
    ctx.acted(id);
    return {};
  };
}

const SELF_SERVICE = [
  'RestartWorkspace',
  'IncreaseVolumeSize',
  'ChangeComputeType',
  'SwitchRunningMode',
  'RebuildWorkspace',
] as const;
const DEVICE_TYPES = [
  'DeviceTypeWindows',
  'DeviceTypeOsx',
  'DeviceTypeWeb',
  'DeviceTypeIos',
  'DeviceTypeAndroid',
  'DeviceTypeChromeOs',
  'DeviceTypeZeroClient',
  'DeviceTypeLinux',
  'DeviceTypeWorkSpacesThinClient',
] as const;

const modifySelfservicePermissions = modifyDirectory(
  'SelfservicePermissions',
  'SelfservicePermissions',
  (s): SelfservicePermissions => members(s, SELF_SERVICE, (x, n) => optEnum(x, n, ENABLED)),
);

const modifyWorkspaceCreationProperties = modifyDirectory(
  'WorkspaceCreationProperties',
  'WorkspaceCreationProperties',
  (s): DefaultWorkspaceCreationProperties => ({
    ...members(s, ['EnableInternetAccess', 'UserEnabledAsLocalAdministrator', 'EnableMaintenanceMode'], optBool),
    ...members(s, ['DefaultOu'], (x, n) => optString(x, n)),
    ...members(s, ['CustomSecurityGroupId'], (x, n) => optString(x, n, { min: 11, max: 20, pattern: SECURITY_GROUP })),
    ...members(s, ['InstanceIamRoleArn'], (x, n) => optString(x, n, { pattern: ARN })),
  }),
);

const modifyWorkspaceAccessProperties = modifyDirectory(
  'WorkspaceAccessProperties',
  'WorkspaceAccessProperties',
  (s): WorkspaceAccessProperties => members(s, DEVICE_TYPES, (x, n) => optEnum(x, n, ALLOW)),
);

export const ACCESS_OPERATIONS: Record<string, Handler> = {
  DescribeIpGroups: describeIpGroups,
  CreateIpGroup: createIpGroup,
  DeleteIpGroup: deleteIpGroup,
  AuthorizeIpRules: authorizeIpRules,
  RevokeIpRules: revokeIpRules,
  UpdateRulesOfIpGroup: updateRulesOfIpGroup,
  AssociateIpGroups: associateIpGroups,
  DisassociateIpGroups: disassociateIpGroups,
  DescribeClientProperties: describeClientProperties,
  ModifyClientProperties: modifyClientProperties,
  ModifySelfservicePermissions: modifySelfservicePermissions,
  ModifyWorkspaceCreationProperties: modifyWorkspaceCreationProperties,
  ModifyWorkspaceAccessProperties: modifyWorkspaceAccessProperties,
};
