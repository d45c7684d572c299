// The WorkSpaces calls of one scope (profile × region): reads as async iterables of pages, refresh
// by id, and the actions with a per-item outcome. Every SDK call goes through the scope's request
// scheduler (src/aws/scheduler.ts) with a priority, takes an optional AbortSignal, and throws (or
// reports) typed AwsErrors. A throttled call waits and goes again; it never surfaces.
//
// Composed, a module each: service.ts (the call helper every service uses: scheduler, errors,
// paging, outcomes), reads.ts (the Describe* calls), actions.ts (the changes); this module adds
// what concerns the scope as a whole and is where callers import the API and its types from.
import type { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import type { Scope } from '../core/types';
import { workspacesActions, type WorkspacesActions } from './actions';
import { workspacesPools, type WorkspacesPools } from './pools';
import { PriorityRef, type Priority } from './priority';
import { workspacesReads, type WorkspacesReads } from './reads';
import type { SchedulerStats } from './scheduler';
import { ServiceCalls, type ServiceDeps } from './service';

export type { CallOptions, Logger } from './service';
export type { ListWorkspacesOptions, RefreshResult } from './reads';

export interface ApiDeps extends ServiceDeps<WorkSpacesClient> {
  /** Shares the account's request budget from now on (AwsLayer.bindAccount). */
  bindAccount(accountId: string): void;
  /** True once the scope's endpoint has answered a call like the WorkSpaces API. */
  endpointWorked(): boolean;
  /** Called after each answer that was the API's JSON. */
  worked(): void;
}

/** The WorkSpaces API of one profile and region. Obtain it with `AwsLayer.api(scope)`. */
export interface WorkspacesApi extends WorkspacesReads, WorkspacesActions, WorkspacesPools {
  readonly scope: Scope;
  /** Shares the request budget of this account (in this region and endpoint) with its other profiles. */
  bindAccount(accountId: string): void;
  /** A priority that can be raised while the calls given it wait (for callers outside this bundle). */
  priorityRef(p: Priority): PriorityRef;
  /** The scheduler's state: rate, queued calls per priority, in flight, throttled, ... */
  stats(): SchedulerStats;
}

export function workspacesApi(deps: ApiDeps): WorkspacesApi {
  const calls = new ServiceCalls(deps);
  return {
    scope: calls.scope,
    ...workspacesReads(calls),
    ...workspacesActions(calls),
    ...workspacesPools(calls),
    bindAccount: (accountId) => deps.bindAccount(accountId),
    priorityRef: (p) => new PriorityRef(p),
    stats: () => calls.stats(),
  };
}
