// The WorkSpaces calls of one scope (profile × region): reads as async iterables of pages, refresh
// by id, and the actions with a per-item outcome. Every SDK call goes through the scope's request
// scheduler (src/aws/scheduler.ts) with a priority, takes an optional AbortSignal, and throws (or
// reports) typed AwsErrors. A throttled call waits and goes again; it never surfaces.
//
// One class in layers, a module each: service.ts (the call wrapper: scheduler, errors, paging,
// outcomes), reads.ts (the Describe* calls), actions.ts (the changes); this module adds what
// concerns the scope as a whole and is where callers import the API and its types from.
import { WorkspacesActions } from './actions';
import { PriorityRef, type Priority } from './priority';
import type { SchedulerStats } from './scheduler';

export type { ApiDeps, CallOptions, Logger } from './service';
export type { ListWorkspacesOptions, RefreshResult } from './reads';

/** The WorkSpaces API of one profile and region. Obtain it with `AwsLayer.api(scope)`. */
export class WorkspacesApi extends WorkspacesActions {
  /** Shares the request budget of this account (in this region and endpoint) with its other profiles. */
  bindAccount(accountId: string): void {
    this.deps.bindAccount(accountId);
  }

  /** A priority that can be raised while the calls given it wait (for callers outside this bundle). */
  priorityRef(p: Priority): PriorityRef {
    return new PriorityRef(p);
  }

  /** The scheduler's state: rate, queued calls per priority, in flight, throttled, ... */
  stats(): SchedulerStats {
    return this.deps.scheduler().stats();
  }
}
