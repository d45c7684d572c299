/**
 * AWS CloudTrail LookupEvents on the same port as the WorkSpaces API, with events the emulator's own
 * WorkSpaces changes produce: a RebootWorkspaces (or any other change) sent to the emulator is an
 * event naming each resource id of its request, with the caller's identity, so a test can reboot a
 * WorkSpace and look the event up.
 *
 * Protocol (botocore's cloudtrail 2013-11-01 model): AWS JSON 1.1, `X-Amz-Target:
 * com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents`, SigV4 service `cloudtrail`,
 * timestamps as epoch seconds; errors `{"__type", "message"}`.
 *
 * Rules: LookupAttributes at most one (the API reference: "Currently the list can contain only one
 * item"; more: InvalidLookupAttributesException), its key one of EventId, EventName, ReadOnly,
 * Username, ResourceType, ResourceName, EventSource, AccessKeyId, its value 1–2000 characters;
 * MaxResults 1–50 (default 50; else InvalidMaxResultsException); StartTime after EndTime:
 * InvalidTimeRangeException; EventCategory only `insight` (InvalidEventCategoryException; an
 * insight lookup finds nothing here); a NextToken from another query: InvalidNextTokenException.
 * Events newest first, the last 90 days. Quota: two calls per second per account and Region (the
 * API reference); the burst is not documented, the emulator lets 2 through at once.
 *
 * Not documented, the emulator's choices: which resources a WorkSpaces event lists (here every
 * WorkSpace, pool and session id of the request, typed AWS::WorkSpaces::Workspace / WorkspacesPool
 * / PoolSession); whether refused calls appear (here only calls the emulator applied, reads never:
 * the default trail's management events include reads, but LookupEvents by ResourceName of a
 * WorkSpace is what the panel asks and reads name no resource here); events appear at once (AWS
 * delivers them within about 15 minutes, documented as "typically").
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from './errors';
import type { Handler, OpContext } from './ops';
import type { World } from './world';

// What the SDK for JavaScript v3 sends in X-Amz-Target (the Smithy service shape's name). botocore's
// model has `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101` as its targetPrefix, which the
// AWS CLI sends; the emulator serves only the SDK's form (the unit test with the real SDK found it).
export const TARGET_PREFIX = 'CloudTrail_20131101.';
export const SIGNING_NAME = 'cloudtrail';
export const JSON_TYPE = 'application/x-amz-json-1.1';
/** LookupEvents' documented quota: 2 per second per account and Region; the burst is a guess. */
export const CLOUDTRAIL_QUOTA = { rate: 2, burst: 2 };

const DAY = 86_400_000;
const KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;
type Key = (typeof KEYS)[number];

export interface TrailRecord {
  EventId: string;
  EventName: string;
  ReadOnly: 'true' | 'false';
  AccessKeyId: string;
  EventTime: number;
  EventSource: string;
  Username: string;
  Resources: Array<{ ResourceType: string; ResourceName: string }>;
  sourceIp: string;
  accountId: string;
  region: string;
}

/** Events per World (one account and region), oldest first. */
const trails = new WeakMap<World, TrailRecord[]>();

export function eventsOf(world: World): TrailRecord[] {
  let list = trails.get(world);
  if (!list) {
    list = [];
    trails.set(world, list);
  }
  return list;
}

const READ = /^(Describe|Get|List|Lookup)/;
const RESOURCE_TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^ws-[0-9a-z]{8,63}$/, 'AWS::WorkSpaces::Workspace'],
  [/^wspool-[0-9a-z]{9}$/, 'AWS::WorkSpaces::WorkspacesPool'],
  [/^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/, 'AWS::WorkSpaces::PoolSession'],
];

/** Every resource id in a request (WorkspaceId, PoolId, SessionId, … at any depth). */
function resourcesOf(params: unknown, out = new Map<string, string>()): Map<string, string> {
  if (typeof params === 'string') {
    for (const [re, type] of RESOURCE_TYPES) if (re.test(params)) out.set(params, type);
  } else if (Array.isArray(params)) {
    for (const v of params) resourcesOf(v, out);
  } else if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params)) if (k !== 'Tags') resourcesOf(v, out);
  }
  return out;
}

/** Records a WorkSpaces change the emulator applied as CloudTrail would (reads are not recorded). */
export function recordCall(
  world: World,
  call: {
    op: string;
    params: unknown;
    user: string;
    accessKeyId: string;
    accountId: string;
    region: string;
    now: number;
  },
): void {
  if (READ.test(call.op)) return;
  const resources = [...resourcesOf(call.params)].map(([ResourceName, ResourceType]) => ({
    ResourceType,
    ResourceName,
  }));
  eventsOf(world).push({
    EventId: randomUUID(),
    EventName: call.op,
    ReadOnly: 'false',
    AccessKeyId: call.accessKeyId,
    EventTime: call.now,
    EventSource: 'workspaces.amazonaws.com',
    Username: call.user,
    Resources: resources,
    sourceIp: '127.0.0.1',
    accountId: call.accountId,
    region: call.region,
  });
}

type Params = Record<string, unknown>;

function time(p: Params, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw new ApiError('SerializationException', `${name} must be a timestamp.`);
  return ms;
}

function matches(e: TrailRecord, key: Key, value: string): boolean {
  switch (key) {
    case 'ResourceName':
      return e.Resources.some((r) => r.ResourceName === value);
    case 'ResourceType':
      return e.Resources.some((r) => r.ResourceType === value);
    default:
      return e[key] === value;
  }
}

const lookupEvents: Handler = (ctx: OpContext, p: Params) => {
  const attrs = p.LookupAttributes;
  if (attrs !== undefined && attrs !== null && !Array.isArray(attrs)) {
    throw new ApiError('SerializationException', 'LookupAttributes must be a list.');
  }
  const list = (attrs ?? []) as Params[];
  if (list.length > 1) {
    throw new ApiError('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.');
  }
  const attr = list[0];
  let filter: { key: Key; value: string } | undefined;
  if (attr) {
    const key = attr.AttributeKey;
    const value = attr.AttributeValue;
    if (typeof key !== 'string' || !(KEYS as readonly string[]).includes(key)) {
      throw new ApiError('InvalidLookupAttributesException', `The attribute key ${String(key)} is not valid.`);
    }
    if (typeof value !== 'string' || value.length < 1 || value.length > 2000) {
      throw new ApiError('InvalidLookupAttributesException', 'The attribute value must be 1 to 2000 characters.');
    }
    filter = { key: key as Key, value };
  }
  const max = p.MaxResults;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 50)) {
    throw new ApiError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
  }
  const category = p.EventCategory;
  if (category !== undefined && category !== 'insight') {
    throw new ApiError('InvalidEventCategoryException', `The event category ${JSON.stringify(category)} is not valid.`);
  }
  const start = time(p, 'StartTime') ?? ctx.now - 90 * DAY;
  const end = time(p, 'EndTime') ?? ctx.now;
  if (start > end) {
    throw new ApiError('InvalidTimeRangeException', 'The start time must be before the end time.');
  }
  const token = p.NextToken;
  if (token !== undefined && (typeof token !== 'string' || token === '')) {
    throw new ApiError('InvalidNextTokenException', 'The NextToken is not valid.');
  }
  const found =
    category === 'insight'
      ? []
      : eventsOf(ctx.world)
          .filter(
            (e) => e.EventTime >= start && e.EventTime <= end && (!filter || matches(e, filter.key, filter.value)),
          )
          .reverse();
  // Newest first: the pager's ascending key is the position from the newest.
  const keyed = found.map((e, i) => ({ e, k: String(i).padStart(10, '0') }));
  const binding = { op: ctx.op, account: ctx.account.accountId, region: ctx.region, filter, start, end, category };
  let page: { items: typeof keyed; nextToken?: string };
  try {
    page = ctx.pager.page(binding, keyed, (x) => x.k, max ?? 50, token);
  } catch {
    throw new ApiError('InvalidNextTokenException', 'The NextToken is not valid for this request.');
  }
  return {
    Events: page.items.map(({ e }) => ({
      EventId: e.EventId,
      EventName: e.EventName,
      ReadOnly: e.ReadOnly,
      AccessKeyId: e.AccessKeyId,
      EventTime: new Date(e.EventTime),
      EventSource: e.EventSource,
      Username: e.Username,
      Resources: e.Resources,
      CloudTrailEvent: JSON.stringify({
        eventVersion: '1.09',
        userIdentity: { type: 'IAMUser', accountId: e.accountId, accessKeyId: e.AccessKeyId, userName: e.Username },
        eventTime: new Date(e.EventTime).toISOString(),
        eventSource: e.EventSource,
        eventName: e.EventName,
        awsRegion: e.region,
        sourceIPAddress: e.sourceIp,
        userAgent: 'emulated',
        requestParameters: null,
        responseElements: null,
        eventID: e.EventId,
        readOnly: false,
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: e.accountId,
      }),
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};

export const CLOUDTRAIL_OPERATIONS: Record<string, Handler> = { LookupEvents: lookupEvents };
