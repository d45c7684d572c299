/**
 * The sessions of WorkSpaces pools and the pool's capacity and timeouts:
 * DescribeWorkspacesPoolSessions, TerminateWorkspacesPoolSession and UpdateWorkspacesPool, spread
 * into OPERATIONS (ops.ts).
 *
 * Shapes, limits and errors from botocore's model (workspaces 2015-04-08):
 * - DescribeWorkspacesPoolSessions: PoolId (required, ^wspool-[0-9a-z]{9}$), UserId (2–128), Limit
 *   1–50, NextToken 1–2048; errors InvalidParameterValues, ResourceNotFound, AccessDenied. A session
 *   has SessionId (a UUID), PoolId, UserId (required), AuthenticationType (SAML), ConnectionState
 *   (CONNECTED / NOT_CONNECTED), InstanceId (i-…), StartTime, ExpirationTime and
 *   NetworkAccessConfiguration (EniPrivateIpAddress, EniId).
 * - TerminateWorkspacesPoolSession: SessionId (a 36-character UUID); errors InvalidParameterValues,
 *   ResourceNotFound, OperationNotSupported, OperationInProgress, AccessDenied.
 * - UpdateWorkspacesPool: PoolId; Capacity.DesiredUserSessions ≥ 0; TimeoutSettings
 *   DisconnectTimeoutInSeconds 60–36000, IdleDisconnectTimeoutInSeconds 0–36000,
 *   MaxUserDurationInSeconds 600–432000; Description 1–255 of [a-zA-Z0-9_./() -]; RunningMode
 *   AUTO_STOP / ALWAYS_ON; errors InvalidParameterValues, InvalidResourceState, ResourceNotFound,
 *   ResourceLimitExceeded, OperationNotSupported, OperationInProgress, AccessDenied.
 *
 * Not documented, the emulator's choices: which pool states refuse an update (here CREATING,
 * DELETING, STARTING, STOPPING and UPDATING: InvalidResourceStateException); what happens to a
 * terminated session (here it is gone from the list at once, the pool's active sessions one less);
 * a second terminate of a session being ended (here ResourceNotFound, since it is gone); the order
 * of the sessions (here by SessionId, as every other emulated listing by key).
 *
 * Sessions are made on first look from the pool's CapacityStatus.ActiveUserSessions (deterministic
 * from the pool id), so seeds keep their counts; `addPoolSession` adds one for a test.
 */
import type {
  DescribeWorkspacesPoolSessionsResult,
  TerminateWorkspacesPoolSessionResult,
  UpdateWorkspacesPoolResult,
  WorkspacesPoolSession,
} from '@aws-sdk/client-workspaces';
import { ApiError, constraint, optEnum, optInt, optString, optStruct, PATTERNS, reqString } from './errors';
import type { Handler, OpContext } from './ops';
import { hashString } from './rng';
import type { PoolRecord, World } from './world';

type Params = Record<string, unknown>;

const UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const DESCRIPTION = /^[a-zA-Z0-9_./() -]+$/;
const MIN = 60_000;
const USERS = ['agent.ana', 'agent.ben', 'agent.chloe', 'agent.dev', 'agent.emma', 'agent.femi', 'agent.goran'];

/** Sessions by pool id, per World (a World is one account and region). */
const sessionsOf = new WeakMap<World, Map<string, WorkspacesPoolSession[]>>();

function hex(seed: string, n: number): string {
  let out = '';
  for (let i = 0; out.length < n; i++) out += (hashString(`${seed}/${i}`) >>> 0).toString(16).padStart(8, '0');
  return out.slice(0, n);
}

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function makeSession(pool: PoolRecord, n: number, now: number, user?: string): WorkspacesPoolSession {
  const id = pool.data.PoolId;
  const seed = `${id}/${n}`;
  const h = hashString(seed);
  const start = now - (10 + (h % 400)) * MIN;
  return {
    SessionId: uuid(seed),
    PoolId: id,
    UserId: user ?? USERS[n % USERS.length],
    AuthenticationType: 'SAML',
    ConnectionState: h % 5 === 0 ? 'NOT_CONNECTED' : 'CONNECTED',
    InstanceId: `i-${hex(`${seed}/i`, 17)}`,
    StartTime: new Date(start),
    ExpirationTime: new Date(start + (pool.data.TimeoutSettings?.MaxUserDurationInSeconds ?? 57600) * 1000),
    NetworkAccessConfiguration: {
      EniPrivateIpAddress: `10.0.${(h >>> 8) % 4}.${10 + (n % 240)}`,
      EniId: `eni-${hex(`${seed}/eni`, 17)}`,
    },
  };
}

/** A pool's sessions, made from its active user sessions the first time they are looked at. */
function sessions(world: World, pool: PoolRecord, now: number): WorkspacesPoolSession[] {
  let byPool = sessionsOf.get(world);
  if (!byPool) {
    byPool = new Map();
    sessionsOf.set(world, byPool);
  }
  let list = byPool.get(pool.data.PoolId);
  if (!list) {
    const active = pool.data.State === 'RUNNING' ? (pool.data.CapacityStatus?.ActiveUserSessions ?? 0) : 0;
    list = Array.from({ length: active }, (_, n) => makeSession(pool, n, now));
    byPool.set(pool.data.PoolId, list);
  }
  return list;
}

/** Adds a session for `user` to a pool (tests); the pool's active sessions count it. */
export function addPoolSession(world: World, poolId: string, user: string, now: number): WorkspacesPoolSession {
  const pool = world.pools.get(poolId);
  if (!pool) throw new Error(`no pool ${poolId}`);
  const list = sessions(world, pool, now);
  const s = makeSession(pool, list.length + 1000, now, user);
  list.push(s);
  setActive(pool, list.length);
  return s;
}

function setActive(pool: PoolRecord, active: number): void {
  const c = pool.data.CapacityStatus;
  if (!c) return;
  c.ActiveUserSessions = active;
  c.AvailableUserSessions = Math.max(0, (c.ActualUserSessions ?? 0) - active);
}

function requirePool(ctx: OpContext, p: Params): PoolRecord {
  const id = reqString(p, 'PoolId', { pattern: PATTERNS.poolId });
  const rec = ctx.world.pools.get(id);
  if (!rec) {
    throw new ApiError('ResourceNotFoundException', `The WorkSpaces pool ${id} could not be found.`, 400, {
      ResourceId: id,
    });
  }
  return rec;
}

const sorted = (list: WorkspacesPoolSession[]): WorkspacesPoolSession[] =>
  [...list].sort((a, b) => (a.SessionId! < b.SessionId! ? -1 : a.SessionId! > b.SessionId! ? 1 : 0));

const describeWorkspacesPoolSessions: Handler = (ctx, p): DescribeWorkspacesPoolSessionsResult => {
  const pool = requirePool(ctx, p);
  const userId = optString(p, 'UserId', { min: 2, max: 128 });
  const limit = optInt(p, 'Limit', { min: 1, max: 50 }) ?? 50;
  const token = optString(p, 'NextToken', { min: 1, max: 2048 });
  let list = sorted(sessions(ctx.world, pool, ctx.now));
  if (userId !== undefined) list = list.filter((s) => s.UserId === userId);
  const binding = { op: ctx.op, account: ctx.account.accountId, region: ctx.region, pool: pool.data.PoolId, userId };
  const page = ctx.pager.page(binding, list, (s) => s.SessionId ?? '', limit, token);
  return { Sessions: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

const terminateWorkspacesPoolSession: Handler = (ctx, p): TerminateWorkspacesPoolSessionResult => {
  const id = reqString(p, 'SessionId', { min: 36, max: 36, pattern: UUID });
  for (const pool of ctx.world.pools.values()) {
    const list = sessions(ctx.world, pool, ctx.now);
    const i = list.findIndex((s) => s.SessionId === id);
    if (i < 0) continue;
    list.splice(i, 1);
    setActive(pool, list.length);
    ctx.acted(id);
    return {};
  }
  throw new ApiError('ResourceNotFoundException', `The pool session ${id} could not be found.`, 400, {
    ResourceId: id,
  });
};

const UPDATE_REFUSED = new Set(['CREATING', 'DELETING', 'STARTING', 'STOPPING', 'UPDATING']);

const updateWorkspacesPool: Handler = (ctx, p): UpdateWorkspacesPoolResult => {
  const pool = requirePool(ctx, p);
  const description = optString(p, 'Description', { min: 1, max: 255, pattern: DESCRIPTION });
  const capacity = optStruct(p, 'Capacity');
  const desired = capacity ? optInt(capacity, 'DesiredUserSessions', { min: 0 }) : undefined;
  if (capacity && desired === undefined) {
    throw constraint('Capacity.DesiredUserSessions', null, 'Member must not be null');
  }
  const t = optStruct(p, 'TimeoutSettings');
  const timeouts = t
    ? {
        DisconnectTimeoutInSeconds: optInt(t, 'DisconnectTimeoutInSeconds', { min: 60, max: 36000 }),
        IdleDisconnectTimeoutInSeconds: optInt(t, 'IdleDisconnectTimeoutInSeconds', { min: 0, max: 36000 }),
        MaxUserDurationInSeconds: optInt(t, 'MaxUserDurationInSeconds', { min: 600, max: 432000 }),
      }
    : undefined;
  const mode = optEnum(p, 'RunningMode', ['AUTO_STOP', 'ALWAYS_ON'] as const);
  if (UPDATE_REFUSED.has(pool.data.State)) {
    throw new ApiError(
      'InvalidResourceStateException',
      `The pool ${pool.data.PoolId} is in the state ${pool.data.State} and cannot be updated now.`,
    );
  }
  if (description !== undefined) pool.data.Description = description;
  if (mode !== undefined) pool.data.RunningMode = mode;
  if (timeouts) {
    const cur = { ...pool.data.TimeoutSettings };
    for (const [k, v] of Object.entries(timeouts)) if (v !== undefined) (cur as Record<string, number>)[k] = v;
    pool.data.TimeoutSettings = cur;
  }
  if (desired !== undefined && pool.data.CapacityStatus) {
    const c = pool.data.CapacityStatus;
    c.DesiredUserSessions = desired;
    if (pool.data.State === 'RUNNING') {
      // A running pool grows or shrinks to the desired sessions; active ones are never cut.
      c.ActualUserSessions = Math.max(desired, c.ActiveUserSessions ?? 0);
      c.AvailableUserSessions = Math.max(0, c.ActualUserSessions - (c.ActiveUserSessions ?? 0));
    }
  }
  ctx.acted(pool.data.PoolId);
  return { WorkspacesPool: pool.data };
};

export const POOL_SESSION_OPERATIONS: Record<string, Handler> = {
  DescribeWorkspacesPoolSessions: describeWorkspacesPoolSessions,
  TerminateWorkspacesPoolSession: terminateWorkspacesPoolSession,
  UpdateWorkspacesPool: updateWorkspacesPool,
};
