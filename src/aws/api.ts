// The WorkSpaces calls of one scope (profile × region): reads as async iterables of pages, refresh
// by id, and the actions with a per-item outcome. Every SDK call goes through the scope's request
// scheduler (src/aws/scheduler.ts) with a priority, takes an optional AbortSignal, and throws (or
// reports) typed AwsErrors. A throttled call waits and goes again; it never surfaces.
import {
  CreateTagsCommand,
  CreateWorkspacesCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspaceSnapshotsCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspacesPoolsCommand,
  MigrateWorkspaceCommand,
  ModifyWorkspacePropertiesCommand,
  ModifyWorkspaceStateCommand,
  RebootWorkspacesCommand,
  RebuildWorkspacesCommand,
  RestoreWorkspaceCommand,
  StartWorkspacesCommand,
  StartWorkspacesPoolCommand,
  StopWorkspacesCommand,
  StopWorkspacesPoolCommand,
  TerminateWorkspacesCommand,
  type DescribeWorkspaceBundlesRequest,
  type DescribeWorkspaceDirectoriesRequest,
  type DescribeWorkspaceImagesRequest,
  type DescribeWorkspacesConnectionStatusRequest,
  type DescribeWorkspacesPoolsRequest,
  type DescribeWorkspacesRequest,
  type Compute,
  type FailedWorkspaceChangeRequest,
  type ImageType,
  type RunningMode,
  type Tag,
  type Workspace,
  type WorkspaceBundle,
  type WorkspaceConnectionStatus,
  type WorkspaceDirectory,
  type WorkspaceImage,
  type WorkspaceProperties,
  type WorkspaceRequest,
  type WorkSpacesClient,
  type WorkspacesPool,
} from '@aws-sdk/client-workspaces';
import { AwsError } from '../core/errors';
import type { ActionOutcome, CreateOutcome, MigrateOutcome, Scope, Snapshots } from '../core/types';
import {
  AUTO_STOP_MAX_HOURS,
  AUTO_STOP_MIN_HOURS,
  TAGS_MAX,
  validateAutoStopHours,
  validateTagKey,
  validateTagValue,
} from '../core/validation';
import { chunk, mergeBounded } from './concurrency';
import { throwIfAborted, toAwsError } from './errors';
import { actionMayHaveApplied, scheduleAttempts, type Schedulable } from './retry';
import { PriorityRef, type Priority, type Scheduler, type SchedulerStats } from './scheduler';

/** Page size of every read (the API's maximum). */
const PAGE_SIZE = 25;
/** Ids per call of the batch operations and of DescribeWorkspaces / connection status by id. */
const IDS_PER_CALL = 25;

export interface CallOptions {
  abortSignal?: AbortSignal;
  /**
   * Where the call queues (src/aws/scheduler.ts): 'action' for a person's actions and their
   * follow-up reads, 'interactive' for what the person looks at, 'background' for the rest. A
   * PriorityRef can be raised while the call waits. Default: 'action' for actions, 'interactive'
   * for reads.
   */
  priority?: Priority | PriorityRef;
}

export interface ListWorkspacesOptions extends CallOptions {
  /** List one directory's WorkSpaces (a directory node's refresh); the whole region when absent
   *  (the fewest calls: ⌈N/25⌉ pages, never more than the directories' Σ⌈n_d/25⌉). */
  directoryId?: string;
}

export interface RefreshResult {
  /** The WorkSpaces still there (TERMINATED ones are reported in `gone`). */
  workspaces: Workspace[];
  /** Ids DescribeWorkspaces no longer returns, or returns as TERMINATED. */
  gone: string[];
}

export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface ApiDeps {
  scope: Scope;
  /** The cached client of the scope (created on first use, replaced after a reload). */
  client(): Promise<WorkSpacesClient>;
  /** The scheduler the scope's calls go through now (it changes when the account is bound). */
  scheduler(): Scheduler;
  /** Shares the account's request budget from now on (AwsLayer.bindAccount). */
  bindAccount(accountId: string): void;
  /** True once the scope's endpoint has answered a call like the WorkSpaces API. */
  endpointWorked(): boolean;
  /** Called after each answer that was the API's JSON. */
  worked(): void;
  logger?: Logger;
}

type Failed = { WorkspaceId?: string; ErrorCode?: unknown; ErrorMessage?: unknown };
type Hook = <C extends Schedulable>(command: C) => C;
type Http = { abortSignal?: AbortSignal };

/** The WorkSpaces API of one profile and region. Obtain it with `AwsLayer.api(scope)`. */
export class WorkspacesApi {
  readonly scope: Scope;
  /** Errors of actions that may have been applied (outcome unknown). */
  private readonly unknownOutcome = new WeakSet<object>();

  constructor(private readonly deps: ApiDeps) {
    this.scope = deps.scope;
  }

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

  // ---- plumbing ------------------------------------------------------------------------------

  private ctx(operation: string, signal?: AbortSignal): Parameters<typeof toAwsError>[1] {
    return {
      operation,
      profile: this.scope.profile,
      region: this.scope.region,
      endpointWorked: this.deps.endpointWorked(),
      ...(signal ? { signal } : {}),
    };
  }

  /**
   * One SDK call through the scheduler: waits for its turn at its priority (a throttled call
   * waits again), then sends with `hook` applied to the command (each SDK retry attempt takes its
   * own token; an action that may have been applied is never resent, see retry.ts).
   */
  private async call<T>(
    operation: string,
    o: CallOptions | undefined,
    fn: (client: WorkSpacesClient, hook: Hook, http: Http) => Promise<T>,
  ): Promise<T> {
    const signal = o?.abortSignal;
    const action = !operation.startsWith('Describe');
    throwIfAborted(signal, this.ctx(operation));
    let client: WorkSpacesClient;
    try {
      client = await this.deps.client();
    } catch (e) {
      throw toAwsError(e, this.ctx(operation, signal));
    }
    try {
      const out = await this.deps
        .scheduler()
        .run(o?.priority ?? (action ? 'action' : 'interactive'), signal, operation, async (ticket) => {
          try {
            return await fn(
              client,
              (command) => scheduleAttempts(command, ticket, action),
              signal ? { abortSignal: signal } : {},
            );
          } catch (e) {
            const err = toAwsError(e, this.ctx(operation, signal));
            // An error the service answered in the API's JSON shows the endpoint speaks the API.
            if (err.httpStatus !== undefined && err.kind !== 'badResponse') this.deps.worked();
            // Sent, and then no readable answer (or cancelled on its way): it may have been applied.
            if (actionMayHaveApplied(e)) this.unknownOutcome.add(err);
            throw err;
          }
        });
      this.deps.worked();
      return out;
    } catch (e) {
      throw toAwsError(e, this.ctx(operation, signal));
    }
  }

  /**
   * Items of every page of a NextToken listing, each page one scheduled call. The generic pager
   * for every operation, the SDK's paginators included: a paginator is an async generator, and one
   * that threw (a throttled page) is finished and cannot ask for that page again, whereas here the
   * scheduler re-sends a throttled page with the same token.
   */
  private async *pages<I extends { NextToken?: string }, O extends { NextToken?: string }, T>(
    operation: string,
    o: CallOptions | undefined,
    input: I,
    send: (client: WorkSpacesClient, input: I, hook: Hook, http: Http) => Promise<O>,
    items: (page: O) => T[] | undefined,
  ): AsyncGenerator<T[]> {
    const pages = pageByToken(
      (i: I) => this.call(operation, o, (client, hook, http) => send(client, i, hook, http)),
      input,
    );
    for await (const page of pages) yield items(page) ?? [];
  }

  // ---- reads -----------------------------------------------------------------------------------

  directories(o?: CallOptions): AsyncGenerator<WorkspaceDirectory[]> {
    return this.pages(
      'DescribeWorkspaceDirectories',
      o,
      { Limit: PAGE_SIZE },
      (c: WorkSpacesClient, input: DescribeWorkspaceDirectoriesRequest, hook: Hook, http: Http) =>
        c.send(hook(new DescribeWorkspaceDirectoriesCommand(input)), http),
      (p) => p.Directories,
    );
  }

  /** WorkSpaces, a page (≤ 25) at a time: the whole region, or one directory. */
  workspaces(o: ListWorkspacesOptions = {}): AsyncGenerator<Workspace[]> {
    return this.workspacePages(o.directoryId ? { DirectoryId: o.directoryId } : {}, o);
  }

  private workspacePages(input: DescribeWorkspacesRequest, o: CallOptions): AsyncGenerator<Workspace[]> {
    return this.pages(
      'DescribeWorkspaces',
      o,
      { ...input, Limit: PAGE_SIZE },
      (c: WorkSpacesClient, i: DescribeWorkspacesRequest, hook: Hook, http: Http) =>
        c.send(hook(new DescribeWorkspacesCommand(i)), http),
      (p) => p.Workspaces,
    );
  }

  /**
   * Connection status by WorkSpace id, ≤ 25 ids per call (calls queue in the scheduler). By id on
   * purpose: without ids the API lists the region's statuses in pages whose size AWS does not
   * document (maybe larger than 25 — unknown), and a page of rows needs its own ids anyway.
   */
  async connectionStatus(ids: readonly string[], o?: CallOptions): Promise<Map<string, WorkspaceConnectionStatus>> {
    const out = new Map<string, WorkspaceConnectionStatus>();
    await Promise.all(
      chunk([...new Set(ids)], IDS_PER_CALL).map(async (WorkspaceIds) => {
        const pages = this.pages(
          'DescribeWorkspacesConnectionStatus',
          o,
          { WorkspaceIds },
          (c: WorkSpacesClient, input: DescribeWorkspacesConnectionStatusRequest, hook: Hook, http: Http) =>
            c.send(hook(new DescribeWorkspacesConnectionStatusCommand(input)), http),
          (p) => p.WorkspacesConnectionStatus,
        );
        for await (const page of pages) for (const s of page) if (s.WorkspaceId) out.set(s.WorkspaceId, s);
      }),
    );
    return out;
  }

  /**
   * The current state of chosen WorkSpaces, by id (≤ 25 per call): what polling uses. Ids no
   * longer returned (or returned TERMINATED) are reported in `gone`.
   */
  async refresh(ids: readonly string[], o: CallOptions = {}): Promise<RefreshResult> {
    const unique = [...new Set(ids)];
    const found = new Map<string, Workspace>();
    await Promise.all(
      chunk(unique, IDS_PER_CALL).map(async (WorkspaceIds) => {
        for await (const page of this.workspacePages({ WorkspaceIds }, o)) {
          for (const w of page) if (w.WorkspaceId) found.set(w.WorkspaceId, w);
        }
      }),
    );
    const gone = unique.filter((id) => {
      const w = found.get(id);
      return w === undefined || w.State === 'TERMINATED';
    });
    const workspaces = unique
      .map((id) => found.get(id))
      .filter((w): w is Workspace => w !== undefined && w.State !== 'TERMINATED');
    return { workspaces, gone };
  }

  /** Custom images: OWNED and SHARED listed side by side, pages merged as they arrive. */
  images(o: CallOptions & { types?: readonly ImageType[] } = {}): AsyncGenerator<WorkspaceImage[]> {
    const types = o.types ?? (['OWNED', 'SHARED'] as const);
    return mergeBounded(
      types.map(
        (ImageType) => () =>
          this.pages(
            'DescribeWorkspaceImages',
            o,
            { ImageType, MaxResults: PAGE_SIZE },
            (c: WorkSpacesClient, input: DescribeWorkspaceImagesRequest, hook: Hook, http: Http) =>
              c.send(hook(new DescribeWorkspaceImagesCommand(input)), http),
            (p) => p.Images,
          ),
      ),
      2,
    );
  }

  pools(o?: CallOptions): AsyncGenerator<WorkspacesPool[]> {
    return this.pages(
      'DescribeWorkspacesPools',
      o,
      { Limit: PAGE_SIZE },
      (c: WorkSpacesClient, input: DescribeWorkspacesPoolsRequest, hook: Hook, http: Http) =>
        c.send(hook(new DescribeWorkspacesPoolsCommand(input)), http),
      (p) => p.WorkspacesPools,
    );
  }

  /** One image by id (undefined when it no longer exists): what the error view's Refresh uses. */
  async image(imageId: string, o?: CallOptions): Promise<WorkspaceImage | undefined> {
    return first(
      this.pages(
        'DescribeWorkspaceImages',
        o,
        { ImageIds: [imageId] },
        (c: WorkSpacesClient, input: DescribeWorkspaceImagesRequest, hook: Hook, http: Http) =>
          c.send(hook(new DescribeWorkspaceImagesCommand(input)), http),
        (p) => p.Images,
      ),
      (i) => i.ImageId === imageId,
    );
  }

  /** One pool by id (undefined when it no longer exists). */
  async pool(poolId: string, o?: CallOptions): Promise<WorkspacesPool | undefined> {
    return first(
      this.pages(
        'DescribeWorkspacesPools',
        o,
        { PoolIds: [poolId] },
        (c: WorkSpacesClient, input: DescribeWorkspacesPoolsRequest, hook: Hook, http: Http) =>
          c.send(hook(new DescribeWorkspacesPoolsCommand(input)), http),
        (p) => p.WorkspacesPools,
      ),
      (p) => p.PoolId === poolId,
    );
  }

  /** Bundles: Amazon's and the account's own (default both, merged as they arrive). */
  bundles(o: CallOptions & { owner?: 'amazon' | 'own' | 'all' } = {}): AsyncGenerator<WorkspaceBundle[]> {
    const owner = o.owner ?? 'all';
    const list = (Owner: string | undefined) => () =>
      this.pages(
        'DescribeWorkspaceBundles',
        o,
        Owner ? { Owner } : {},
        (c: WorkSpacesClient, input: DescribeWorkspaceBundlesRequest, hook: Hook, http: Http) =>
          c.send(hook(new DescribeWorkspaceBundlesCommand(input)), http),
        (p) => p.Bundles,
      );
    const sources =
      owner === 'all' ? [list('AMAZON'), list(undefined)] : owner === 'amazon' ? [list('AMAZON')] : [list(undefined)];
    return mergeBounded(sources, 2);
  }

  async tags(resourceId: string, o?: CallOptions): Promise<Tag[]> {
    const r = await this.call('DescribeTags', o, (c, hook, http) =>
      c.send(hook(new DescribeTagsCommand({ ResourceId: resourceId })), http),
    );
    return r.TagList ?? [];
  }

  /** Bundles by id, ≤ 25 per call (what the bundle catalog uses to name the bundles in use). */
  async bundlesById(ids: readonly string[], o?: CallOptions): Promise<WorkspaceBundle[]> {
    const out: WorkspaceBundle[] = [];
    await Promise.all(
      chunk([...new Set(ids)], IDS_PER_CALL).map(async (BundleIds) => {
        const pages = this.pages(
          'DescribeWorkspaceBundles',
          o,
          { BundleIds },
          (c: WorkSpacesClient, input: DescribeWorkspaceBundlesRequest, hook: Hook, http: Http) =>
            c.send(hook(new DescribeWorkspaceBundlesCommand(input)), http),
          (p) => p.Bundles,
        );
        for await (const page of pages) out.push(...page);
      }),
    );
    return out;
  }

  /** One directory by id (undefined when it is no longer registered): the error view's Refresh. */
  async directory(directoryId: string, o?: CallOptions): Promise<WorkspaceDirectory | undefined> {
    return first(
      this.pages(
        'DescribeWorkspaceDirectories',
        o,
        { DirectoryIds: [directoryId] },
        (c: WorkSpacesClient, input: DescribeWorkspaceDirectoriesRequest, hook: Hook, http: Http) =>
          c.send(hook(new DescribeWorkspaceDirectoriesCommand(input)), http),
        (p) => p.Directories,
      ),
      (d) => d.DirectoryId === directoryId,
    );
  }

  /** One WorkSpace by id (undefined when it is gone or TERMINATED). */
  async workspace(workspaceId: string, o?: CallOptions): Promise<Workspace | undefined> {
    return (await this.refresh([workspaceId], o)).workspaces[0];
  }

  /**
   * The snapshots Rebuild and Restore would use (DescribeWorkspaceSnapshots, one WorkSpace per
   * call), newest first. How many older snapshots AWS lists is not documented.
   */
  async snapshots(workspaceId: string, o?: CallOptions): Promise<Snapshots> {
    const r = await this.call('DescribeWorkspaceSnapshots', o, (c, hook, http) =>
      c.send(hook(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: workspaceId })), http),
    );
    const times = (list: Array<{ SnapshotTime?: Date }> | undefined): Date[] =>
      (list ?? [])
        .map((x) => x.SnapshotTime)
        .filter((t): t is Date => t instanceof Date && !Number.isNaN(t.getTime()))
        .sort((a, b) => b.getTime() - a.getTime());
    return { rebuild: times(r.RebuildSnapshots), restore: times(r.RestoreSnapshots) };
  }

  // ---- actions -------------------------------------------------------------------------------

  start(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('StartWorkspaces', ids, IDS_PER_CALL, o, (c, part, hook, http) =>
      c.send(
        hook(new StartWorkspacesCommand({ StartWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })) })),
        http,
      ),
    );
  }

  stop(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('StopWorkspaces', ids, IDS_PER_CALL, o, (c, part, hook, http) =>
      c.send(
        hook(new StopWorkspacesCommand({ StopWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })) })),
        http,
      ),
    );
  }

  reboot(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('RebootWorkspaces', ids, IDS_PER_CALL, o, (c, part, hook, http) =>
      c.send(
        hook(new RebootWorkspacesCommand({ RebootWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })) })),
        http,
      ),
    );
  }

  /** Permanent: the WorkSpaces and their user volumes are destroyed. */
  terminate(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('TerminateWorkspaces', ids, IDS_PER_CALL, o, (c, part, hook, http) =>
      c.send(
        hook(
          new TerminateWorkspacesCommand({
            TerminateWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })),
          }),
        ),
        http,
      ),
    );
  }

  /** One WorkSpace per call (the API's limit). */
  rebuild(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('RebuildWorkspaces', ids, 1, o, (c, part, hook, http) =>
      c.send(
        hook(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })) })),
        http,
      ),
    );
  }

  restore(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.perItem('RestoreWorkspace', ids, o, (c, WorkspaceId, hook, http) =>
      c.send(hook(new RestoreWorkspaceCommand({ WorkspaceId })), http),
    );
  }

  /** Running mode AUTO_STOP / ALWAYS_ON (/ MANUAL), optionally with the AutoStop timeout in hours. */
  async setRunningMode(
    ids: readonly string[],
    mode: RunningMode,
    o: CallOptions & { autoStopHours?: number } = {},
  ): Promise<ActionOutcome[]> {
    const minutes = o.autoStopHours === undefined ? undefined : hoursToMinutes(o.autoStopHours);
    return this.perItem('ModifyWorkspaceProperties', ids, o, (c, WorkspaceId, hook, http) =>
      c.send(
        hook(
          new ModifyWorkspacePropertiesCommand({
            WorkspaceId,
            WorkspaceProperties: {
              RunningMode: mode,
              ...(minutes !== undefined ? { RunningModeAutoStopTimeoutInMinutes: minutes } : {}),
            },
          }),
        ),
        http,
      ),
    );
  }

  /** A new compute type (ModifyWorkspaceProperties ComputeTypeName), one WorkSpace per call. */
  setComputeType(ids: readonly string[], compute: Compute, o?: CallOptions): Promise<ActionOutcome[]> {
    return this.modifyProperties(ids, { ComputeTypeName: compute }, o);
  }

  /**
   * A larger root or user volume (GiB), one WorkSpace per call. The API refuses both in one change
   * (and a change of the compute type with them): the caller gives one of the two.
   */
  resizeVolume(
    ids: readonly string[],
    volume: 'root' | 'user',
    gib: number,
    o?: CallOptions,
  ): Promise<ActionOutcome[]> {
    return this.modifyProperties(ids, volume === 'root' ? { RootVolumeSizeGib: gib } : { UserVolumeSizeGib: gib }, o);
  }

  private modifyProperties(
    ids: readonly string[],
    WorkspaceProperties: WorkspaceProperties,
    o?: CallOptions,
  ): Promise<ActionOutcome[]> {
    return this.perItem('ModifyWorkspaceProperties', ids, o, (c, WorkspaceId, hook, http) =>
      c.send(hook(new ModifyWorkspacePropertiesCommand({ WorkspaceId, WorkspaceProperties })), http),
    );
  }

  /**
   * MigrateWorkspace to another bundle, one WorkSpace per call: the outcome carries the new
   * WorkSpace's id (the source is terminated once the new one is AVAILABLE).
   */
  async migrate(ids: readonly string[], bundleId: string, o?: CallOptions): Promise<MigrateOutcome[]> {
    return Promise.all(
      [...new Set(ids)].map(async (id): Promise<MigrateOutcome> => {
        try {
          const r = await this.call('MigrateWorkspace', o, (c, hook, http) =>
            c.send(hook(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: bundleId })), http),
          );
          return { id, ok: true, ...(r.TargetWorkspaceId ? { targetId: r.TargetWorkspaceId } : {}) };
        } catch (e) {
          return this.failure(id, toAwsError(e, this.ctx('MigrateWorkspace', o?.abortSignal)));
        }
      }),
    );
  }

  /** Admin maintenance on (ADMIN_MAINTENANCE) or off (AVAILABLE). */
  setMaintenance(ids: readonly string[], on: boolean, o?: CallOptions): Promise<ActionOutcome[]> {
    const WorkspaceState = on ? 'ADMIN_MAINTENANCE' : 'AVAILABLE';
    return this.perItem('ModifyWorkspaceState', ids, o, (c, WorkspaceId, hook, http) =>
      c.send(hook(new ModifyWorkspaceStateCommand({ WorkspaceId, WorkspaceState })), http),
    );
  }

  /** CreateWorkspaces in chunks of 25; one outcome per request, in request order. */
  async create(requests: readonly WorkspaceRequest[], o?: CallOptions): Promise<CreateOutcome[]> {
    const outcomes: CreateOutcome[] = new Array<CreateOutcome>(requests.length);
    const indexed = requests.map((request, index) => ({ request, index }));
    await Promise.all(
      chunk(indexed, IDS_PER_CALL).map(async (part) => {
        try {
          const r = await this.call('CreateWorkspaces', o, (c, hook, http) =>
            c.send(hook(new CreateWorkspacesCommand({ Workspaces: part.map((p) => p.request) })), http),
          );
          // The answer does not keep the order of the requests: match by directory + user name.
          const byKey = new Map<string, number[]>();
          for (const p of part) {
            const k = requestKey(p.request);
            byKey.set(k, [...(byKey.get(k) ?? []), p.index]);
          }
          const take = (k: string): number | undefined => byKey.get(k)?.shift();
          for (const f of r.FailedRequests ?? []) {
            const i = f.WorkspaceRequest ? take(requestKey(f.WorkspaceRequest)) : undefined;
            if (i === undefined) continue;
            outcomes[i] = { ...failedRequest(failedId(requests[i]), f, 'CreateWorkspaces'), request: requests[i] };
          }
          for (const w of r.PendingRequests ?? []) {
            const i = take(requestKey({ DirectoryId: w.DirectoryId, UserName: w.UserName }));
            if (i === undefined) continue;
            outcomes[i] = {
              id: w.WorkspaceId ?? failedId(requests[i]),
              ok: true,
              request: requests[i],
              workspace: w,
            };
          }
        } catch (e) {
          const err = toAwsError(e, this.ctx('CreateWorkspaces', o?.abortSignal));
          for (const p of part) outcomes[p.index] = { ...this.failure(failedId(p.request), err), request: p.request };
        }
        for (const p of part) {
          outcomes[p.index] ??= {
            id: failedId(p.request),
            ok: false,
            code: 'NoResult',
            message: 'CreateWorkspaces reported neither a pending WorkSpace nor a failure for this request.',
            request: p.request,
          };
        }
      }),
    );
    return outcomes;
  }

  /** Adds (or overwrites) tags on each resource (WorkSpace, directory, image, pool, bundle id). */
  async createTags(resourceIds: readonly string[], tags: readonly Tag[], o?: CallOptions): Promise<ActionOutcome[]> {
    validateTags(tags);
    return this.perItem('CreateTags', resourceIds, o, (c, ResourceId, hook, http) =>
      c.send(hook(new CreateTagsCommand({ ResourceId, Tags: [...tags] })), http),
    );
  }

  async deleteTags(resourceIds: readonly string[], keys: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    validateTags(keys.map((Key) => ({ Key, Value: '' })));
    return this.perItem('DeleteTags', resourceIds, o, (c, ResourceId, hook, http) =>
      c.send(hook(new DeleteTagsCommand({ ResourceId, TagKeys: [...keys] })), http),
    );
  }

  startPools(poolIds: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.perItem('StartWorkspacesPool', poolIds, o, (c, PoolId, hook, http) =>
      c.send(hook(new StartWorkspacesPoolCommand({ PoolId })), http),
    );
  }

  stopPools(poolIds: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.perItem('StopWorkspacesPool', poolIds, o, (c, PoolId, hook, http) =>
      c.send(hook(new StopWorkspacesPoolCommand({ PoolId })), http),
    );
  }

  /**
   * A batch operation that reports per-item failures in FailedRequests: ids in chunks of `size`,
   * each chunk one scheduled call. A chunk that throws marks each of its ids failed with the error
   * (or unknown, when the request may have been applied).
   */
  private async batch(
    operation: string,
    ids: readonly string[],
    size: number,
    o: CallOptions | undefined,
    send: (
      client: WorkSpacesClient,
      part: string[],
      hook: Hook,
      http: Http,
    ) => Promise<{ FailedRequests?: FailedWorkspaceChangeRequest[] }>,
  ): Promise<ActionOutcome[]> {
    const unique = [...new Set(ids)];
    const byId = new Map<string, ActionOutcome>();
    await Promise.all(
      chunk(unique, size).map(async (part) => {
        try {
          const r = await this.call(operation, o, (c, hook, http) => send(c, part, hook, http));
          const failed = new Map<string, Failed>();
          for (const f of r.FailedRequests ?? []) if (f.WorkspaceId) failed.set(f.WorkspaceId, f);
          for (const id of part) {
            const f = failed.get(id);
            byId.set(id, f ? failedRequest(id, f, operation) : { id, ok: true });
          }
        } catch (e) {
          const err = toAwsError(e, this.ctx(operation, o?.abortSignal));
          for (const id of part) byId.set(id, this.failure(id, err));
        }
      }),
    );
    return unique.map((id) => byId.get(id) as ActionOutcome);
  }

  /** An operation that takes one id and throws on failure: one scheduled call per id. */
  private async perItem(
    operation: string,
    ids: readonly string[],
    o: CallOptions | undefined,
    send: (client: WorkSpacesClient, id: string, hook: Hook, http: Http) => Promise<unknown>,
  ): Promise<ActionOutcome[]> {
    return Promise.all(
      [...new Set(ids)].map(async (id): Promise<ActionOutcome> => {
        try {
          await this.call(operation, o, (c, hook, http) => send(c, id, hook, http));
          return { id, ok: true };
        } catch (e) {
          return this.failure(id, toAwsError(e, this.ctx(operation, o?.abortSignal)));
        }
      }),
    );
  }

  /** The outcome of an id whose call threw: failed, or unknown when the action may have been applied. */
  private failure(id: string, err: AwsError): ActionOutcome {
    const base = { id, ok: false as const, code: err.code, message: err.message, kind: err.kind };
    return this.unknownOutcome.has(err) ? { ...base, unknown: true } : base;
  }
}

/**
 * A FailedRequests entry as an outcome. ErrorCode and ErrorMessage are free strings AWS does not
 * enumerate; other endpoints send numbers (the SDK passes them through as they are) or leave them
 * out: the outcome always gets a string code and the message.
 */
function failedRequest(id: string, f: Failed, operation: string): ActionOutcome {
  const text = (x: unknown): string | undefined =>
    typeof x === 'string' && x.length > 0 ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined;
  const message = text(f.ErrorMessage);
  return {
    id,
    ok: false,
    code: text(f.ErrorCode) ?? 'Unknown',
    message: message ?? `${operation} failed (no message)`,
  };
}

function requestKey(r: { DirectoryId?: string | undefined; UserName?: string | undefined }): string {
  return `${r.DirectoryId ?? ''}\u0000${(r.UserName ?? '').toLowerCase()}`;
}

function failedId(r: WorkspaceRequest): string {
  return `${r.DirectoryId ?? '?'}/${r.UserName ?? '?'}`;
}

/** The first item of a page stream that matches (leaving the loop closes the stream). */
async function first<T>(pages: AsyncIterable<T[]>, match: (item: T) => boolean): Promise<T | undefined> {
  for await (const page of pages) {
    const hit = page.find(match);
    if (hit) return hit;
  }
  return undefined;
}

/** AutoStop timeout: whole hours (src/core/validation.ts: 1–48) → minutes (a multiple of 60). */
function hoursToMinutes(hours: number): number {
  if (validateAutoStopHours(String(hours)) !== undefined) {
    throw new AwsError({
      kind: 'invalidParameter',
      code: 'InvalidParameterValuesException',
      message: `The AutoStop timeout must be a whole number of hours from ${AUTO_STOP_MIN_HOURS} to ${AUTO_STOP_MAX_HOURS}, got ${hours}.`,
    });
  }
  return hours * 60;
}

/** The API's tag rules (src/core/validation.ts, what the input boxes check), before any call. */
function validateTags(tags: readonly Tag[]): void {
  const bad = (message: string): never => {
    throw new AwsError({ kind: 'invalidParameter', code: 'InvalidParameterValuesException', message });
  };
  if (tags.length > TAGS_MAX) bad(`At most ${TAGS_MAX} tags per resource, got ${tags.length}.`);
  for (const t of tags) {
    const problem = validateTagKey(t.Key ?? '') ?? validateTagValue(t.Value ?? '');
    if (problem) bad(problem);
  }
}

/**
 * Generic NextToken pager: sends `input`, then again with each NextToken the answer carries, until
 * the token is absent or repeats.
 */
async function* pageByToken<I extends { NextToken?: string }, O extends { NextToken?: string }>(
  send: (input: I) => Promise<O>,
  input: I,
): AsyncGenerator<O> {
  let token = input.NextToken;
  for (;;) {
    const page = await send({ ...input, NextToken: token });
    yield page;
    const next = page.NextToken;
    if (!next || next === token) return;
    token = next;
  }
}
