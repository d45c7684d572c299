// The WorkSpaces calls of one scope (profile × region): reads as async iterables of pages, the
// connection status merged onto WorkSpace pages, refresh by id, and the actions with a per-item
// outcome. Every call takes an optional AbortSignal and throws (or reports) typed AwsErrors.
import {
  CreateTagsCommand,
  CreateWorkspacesCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspacesPoolsCommand,
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
  paginateDescribeWorkspaceBundles,
  paginateDescribeWorkspaceDirectories,
  paginateDescribeWorkspaces,
  type DescribeWorkspaceImagesRequest,
  type DescribeWorkspacesConnectionStatusRequest,
  type DescribeWorkspacesPoolsRequest,
  type DescribeWorkspacesRequest,
  type FailedWorkspaceChangeRequest,
  type ImageType,
  type RunningMode,
  type Tag,
  type Workspace,
  type WorkspaceBundle,
  type WorkspaceConnectionStatus,
  type WorkspaceDirectory,
  type WorkspaceImage,
  type WorkspaceRequest,
  type WorkspacesPool,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { AwsError, type AwsErrorInfo } from '../core/errors';
import type { ActionOutcome, CreateOutcome, Scope, WorkspaceWithStatus } from '../core/types';
import { chunk, Limiter, mapConcurrent, mapLimit, mergeBounded } from './concurrency';
import { throwIfAborted, toAwsError } from './errors';

/** Page size of every read (the API's maximum). */
export const PAGE_SIZE = 25;
/** Ids per call of the batch operations and of DescribeWorkspaces / connection status by id. */
export const IDS_PER_CALL = 25;

export interface CallOptions {
  abortSignal?: AbortSignal;
}

export interface ListWorkspacesOptions extends CallOptions {
  /** List these directories (in parallel, bounded); all WorkSpaces of the region when absent. */
  directoryIds?: readonly string[];
}

export interface StatusOptions extends CallOptions {
  /** Called when the status of a page could not be fetched; the page is then yielded without
   *  `connection`. A cancellation is thrown, never reported here. */
  onStatusError?: (error: AwsErrorInfo, workspaceIds: string[]) => void;
}

export interface RefreshResult {
  /** The WorkSpaces still there (TERMINATED ones are reported in `gone`). */
  workspaces: WorkspaceWithStatus[];
  /** Ids DescribeWorkspaces no longer returns, or returns as TERMINATED. */
  gone: string[];
}

export interface Concurrency {
  /** Directories listed at once. */
  directories: number;
  /** Calls of one kind (status chunks, refresh chunks, action chunks, per-item calls) at once. */
  calls: number;
}

export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface ApiDeps {
  scope: Scope;
  /** The cached client of the scope (created on first use, replaced after a reload). */
  client(): Promise<WorkSpacesClient>;
  concurrency: Concurrency;
  logger?: Logger;
}

type Failed = { WorkspaceId?: string; ErrorCode?: string; ErrorMessage?: string };

/** The WorkSpaces API of one profile and region. Obtain it with `AwsLayer.api(scope)`. */
export class WorkspacesApi {
  readonly scope: Scope;
  private readonly limiter: Limiter;

  constructor(private readonly deps: ApiDeps) {
    this.scope = deps.scope;
    this.limiter = new Limiter(deps.concurrency.calls);
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private ctx(
    operation: string,
    signal?: AbortSignal,
  ): { operation: string; profile: string; region: string; signal?: AbortSignal } {
    return { operation, profile: this.scope.profile, region: this.scope.region, ...(signal ? { signal } : {}) };
  }

  /** One SDK call with error translation. */
  private async call<T>(
    operation: string,
    o: CallOptions | undefined,
    fn: (client: WorkSpacesClient, http: { abortSignal?: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    const signal = o?.abortSignal;
    throwIfAborted(signal, this.ctx(operation));
    try {
      const client = await this.deps.client();
      return await fn(client, signal ? { abortSignal: signal } : {});
    } catch (e) {
      throw toAwsError(e, this.ctx(operation, signal));
    }
  }

  /** Items of every page of an SDK paginator (or NextToken pager), with error translation. */
  private async *pages<P, T>(
    operation: string,
    o: CallOptions | undefined,
    make: (client: WorkSpacesClient, http: { abortSignal?: AbortSignal }) => AsyncIterable<P>,
    items: (page: P) => T[] | undefined,
  ): AsyncGenerator<T[]> {
    const signal = o?.abortSignal;
    throwIfAborted(signal, this.ctx(operation));
    let it: AsyncIterator<P>;
    try {
      const client = await this.deps.client();
      it = make(client, signal ? { abortSignal: signal } : {})[Symbol.asyncIterator]();
    } catch (e) {
      throw toAwsError(e, this.ctx(operation, signal));
    }
    for (;;) {
      let r: IteratorResult<P>;
      try {
        r = await it.next();
      } catch (e) {
        throw toAwsError(e, this.ctx(operation, signal));
      }
      if (r.done) return;
      yield items(r.value) ?? [];
    }
  }

  // ---- reads -----------------------------------------------------------------------------------

  directories(o?: CallOptions): AsyncGenerator<WorkspaceDirectory[]> {
    return this.pages(
      'DescribeWorkspaceDirectories',
      o,
      (client, http) => paginateDescribeWorkspaceDirectories({ client, pageSize: PAGE_SIZE }, {}, http),
      (p) => p.Directories,
    );
  }

  /**
   * WorkSpaces, a page (≤ 25) at a time. With `directoryIds`, the directories are listed in
   * parallel (bounded) and pages are yielded as they arrive from any of them; without, one
   * DescribeWorkspaces listing of the whole region.
   */
  workspaces(o: ListWorkspacesOptions = {}): AsyncGenerator<Workspace[]> {
    if (o.directoryIds === undefined) return this.workspacePages({}, o);
    const ids = [...new Set(o.directoryIds)];
    return mergeBounded(
      ids.map((DirectoryId) => () => this.workspacePages({ DirectoryId }, o)),
      this.deps.concurrency.directories,
    );
  }

  private workspacePages(input: DescribeWorkspacesRequest, o: CallOptions): AsyncGenerator<Workspace[]> {
    return this.pages(
      'DescribeWorkspaces',
      o,
      (client, http) => paginateDescribeWorkspaces({ client, pageSize: PAGE_SIZE }, { ...input }, http),
      (p) => p.Workspaces,
    );
  }

  /** `workspaces(o)` with the connection status of each page merged in as the page arrives. */
  workspacesWithStatus(o: ListWorkspacesOptions & StatusOptions = {}): AsyncGenerator<WorkspaceWithStatus[]> {
    return this.withConnectionStatus(this.workspaces(o), o);
  }

  /**
   * For each page of WorkSpaces as it arrives, fetches the connection status of its ids
   * (≤ 25 per call, calls bounded) and yields the page with `connection` merged in. The next pages
   * keep arriving while statuses are fetched; merged pages come out in completion order.
   */
  withConnectionStatus(
    pages: AsyncIterable<Workspace[]>,
    o: StatusOptions = {},
  ): AsyncGenerator<WorkspaceWithStatus[]> {
    return mapConcurrent(
      pages,
      async (page): Promise<WorkspaceWithStatus[]> => {
        const ids = page.map((w) => w.WorkspaceId).filter((id): id is string => id !== undefined);
        if (ids.length === 0) return page;
        let statuses: Map<string, WorkspaceConnectionStatus>;
        try {
          statuses = await this.connectionStatus(ids, o);
        } catch (e) {
          const err = toAwsError(e, this.ctx('DescribeWorkspacesConnectionStatus', o.abortSignal));
          if (err.kind === 'cancelled') throw err;
          this.deps.logger?.warn(
            `connection status of ${ids.length} WorkSpaces failed (${this.scope.profile} ${this.scope.region}): ${err.code}: ${err.message}`,
          );
          o.onStatusError?.(err as AwsErrorInfo, ids);
          return page;
        }
        return page.map((w) => {
          const connection = w.WorkspaceId ? statuses.get(w.WorkspaceId) : undefined;
          return connection ? { ...w, connection } : w;
        });
      },
      this.deps.concurrency.calls,
    );
  }

  /** Connection status by WorkSpace id (≤ 25 ids per call, calls in parallel, bounded). */
  async connectionStatus(ids: readonly string[], o?: CallOptions): Promise<Map<string, WorkspaceConnectionStatus>> {
    const out = new Map<string, WorkspaceConnectionStatus>();
    const chunks = chunk([...new Set(ids)], IDS_PER_CALL);
    await Promise.all(
      chunks.map((WorkspaceIds) =>
        this.limiter.run(async () => {
          const pages = this.pages(
            'DescribeWorkspacesConnectionStatus',
            o,
            (client, http) =>
              pageByToken(
                (input: DescribeWorkspacesConnectionStatusRequest) =>
                  client.send(new DescribeWorkspacesConnectionStatusCommand(input), http),
                { WorkspaceIds },
              ),
            (p) => p.WorkspacesConnectionStatus,
          );
          for await (const page of pages) for (const s of page) if (s.WorkspaceId) out.set(s.WorkspaceId, s);
        }),
      ),
    );
    return out;
  }

  /**
   * The current state of chosen WorkSpaces, by id (≤ 25 per call, calls bounded): what polling
   * uses. Ids no longer returned (or returned TERMINATED) are reported in `gone`.
   */
  async refresh(ids: readonly string[], o: CallOptions & { withStatus?: boolean } = {}): Promise<RefreshResult> {
    const unique = [...new Set(ids)];
    const found = new Map<string, Workspace>();
    await Promise.all(
      chunk(unique, IDS_PER_CALL).map((WorkspaceIds) =>
        this.limiter.run(async () => {
          for await (const page of this.workspacePages({ WorkspaceIds }, o)) {
            for (const w of page) if (w.WorkspaceId) found.set(w.WorkspaceId, w);
          }
        }),
      ),
    );
    const gone = unique.filter((id) => {
      const w = found.get(id);
      return w === undefined || w.State === 'TERMINATED';
    });
    let workspaces: WorkspaceWithStatus[] = unique
      .map((id) => found.get(id))
      .filter((w): w is Workspace => w !== undefined && w.State !== 'TERMINATED');
    if (o.withStatus && workspaces.length > 0) {
      const statuses = await this.connectionStatus(
        workspaces.map((w) => w.WorkspaceId as string),
        o,
      );
      workspaces = workspaces.map((w) => {
        const connection = statuses.get(w.WorkspaceId as string);
        return connection ? { ...w, connection } : w;
      });
    }
    return { workspaces, gone };
  }

  /** Custom images: OWNED and SHARED listed in parallel, pages merged as they arrive. */
  images(o: CallOptions & { types?: readonly ImageType[] } = {}): AsyncGenerator<WorkspaceImage[]> {
    const types = o.types ?? (['OWNED', 'SHARED'] as const);
    return mergeBounded(
      types.map(
        (ImageType) => () =>
          this.pages(
            'DescribeWorkspaceImages',
            o,
            (client, http) =>
              pageByToken(
                (input: DescribeWorkspaceImagesRequest) => client.send(new DescribeWorkspaceImagesCommand(input), http),
                { ImageType, MaxResults: PAGE_SIZE },
              ),
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
      (client, http) =>
        pageByToken(
          (input: DescribeWorkspacesPoolsRequest) => client.send(new DescribeWorkspacesPoolsCommand(input), http),
          { Limit: PAGE_SIZE },
        ),
      (p) => p.WorkspacesPools,
    );
  }

  /** One image by id (undefined when it no longer exists): what the error view's Refresh uses. */
  async image(imageId: string, o?: CallOptions): Promise<WorkspaceImage | undefined> {
    return first(
      this.pages(
        'DescribeWorkspaceImages',
        o,
        (client, http) =>
          pageByToken(
            (input: DescribeWorkspaceImagesRequest) => client.send(new DescribeWorkspaceImagesCommand(input), http),
            { ImageIds: [imageId] },
          ),
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
        (client, http) =>
          pageByToken(
            (input: DescribeWorkspacesPoolsRequest) => client.send(new DescribeWorkspacesPoolsCommand(input), http),
            { PoolIds: [poolId] },
          ),
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
        (client, http) => paginateDescribeWorkspaceBundles({ client }, Owner ? { Owner } : {}, http),
        (p) => p.Bundles,
      );
    const sources =
      owner === 'all' ? [list('AMAZON'), list(undefined)] : owner === 'amazon' ? [list('AMAZON')] : [list(undefined)];
    return mergeBounded(sources, 2);
  }

  async tags(resourceId: string, o?: CallOptions): Promise<Tag[]> {
    const r = await this.call('DescribeTags', o, (c, http) =>
      c.send(new DescribeTagsCommand({ ResourceId: resourceId }), http),
    );
    return r.TagList ?? [];
  }

  // ---- actions -------------------------------------------------------------------------------

  start(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('StartWorkspaces', ids, IDS_PER_CALL, o, (c, part, http) =>
      c.send(
        new StartWorkspacesCommand({ StartWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })) }),
        http,
      ),
    );
  }

  stop(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('StopWorkspaces', ids, IDS_PER_CALL, o, (c, part, http) =>
      c.send(new StopWorkspacesCommand({ StopWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })) }), http),
    );
  }

  reboot(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('RebootWorkspaces', ids, IDS_PER_CALL, o, (c, part, http) =>
      c.send(
        new RebootWorkspacesCommand({ RebootWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })) }),
        http,
      ),
    );
  }

  /** Permanent: the WorkSpaces and their user volumes are destroyed. */
  terminate(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('TerminateWorkspaces', ids, IDS_PER_CALL, o, (c, part, http) =>
      c.send(
        new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })) }),
        http,
      ),
    );
  }

  /** One WorkSpace per call (the API's limit); calls in parallel, bounded. */
  rebuild(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.batch('RebuildWorkspaces', ids, 1, o, (c, part, http) =>
      c.send(
        new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: part.map((WorkspaceId) => ({ WorkspaceId })) }),
        http,
      ),
    );
  }

  restore(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.perItem('RestoreWorkspace', ids, o, (c, WorkspaceId, http) =>
      c.send(new RestoreWorkspaceCommand({ WorkspaceId }), http),
    );
  }

  /** Running mode AUTO_STOP / ALWAYS_ON (/ MANUAL), optionally with the AutoStop timeout in hours. */
  async setRunningMode(
    ids: readonly string[],
    mode: RunningMode,
    o: CallOptions & { autoStopHours?: number } = {},
  ): Promise<ActionOutcome[]> {
    const minutes = o.autoStopHours === undefined ? undefined : hoursToMinutes(o.autoStopHours);
    return this.perItem('ModifyWorkspaceProperties', ids, o, (c, WorkspaceId, http) =>
      c.send(
        new ModifyWorkspacePropertiesCommand({
          WorkspaceId,
          WorkspaceProperties: {
            RunningMode: mode,
            ...(minutes !== undefined ? { RunningModeAutoStopTimeoutInMinutes: minutes } : {}),
          },
        }),
        http,
      ),
    );
  }

  /** AutoStop timeout in whole hours (sent as minutes, a multiple of 60). */
  async setAutoStopTimeout(ids: readonly string[], hours: number, o?: CallOptions): Promise<ActionOutcome[]> {
    const minutes = hoursToMinutes(hours);
    return this.perItem('ModifyWorkspaceProperties', ids, o, (c, WorkspaceId, http) =>
      c.send(
        new ModifyWorkspacePropertiesCommand({
          WorkspaceId,
          WorkspaceProperties: { RunningModeAutoStopTimeoutInMinutes: minutes },
        }),
        http,
      ),
    );
  }

  /** Admin maintenance on (ADMIN_MAINTENANCE) or off (AVAILABLE). */
  setMaintenance(ids: readonly string[], on: boolean, o?: CallOptions): Promise<ActionOutcome[]> {
    const WorkspaceState = on ? 'ADMIN_MAINTENANCE' : 'AVAILABLE';
    return this.perItem('ModifyWorkspaceState', ids, o, (c, WorkspaceId, http) =>
      c.send(new ModifyWorkspaceStateCommand({ WorkspaceId, WorkspaceState }), http),
    );
  }

  /** CreateWorkspaces in chunks of 25; one outcome per request, in request order. */
  async create(requests: readonly WorkspaceRequest[], o?: CallOptions): Promise<CreateOutcome[]> {
    const outcomes: CreateOutcome[] = new Array<CreateOutcome>(requests.length);
    const indexed = requests.map((request, index) => ({ request, index }));
    await Promise.all(
      chunk(indexed, IDS_PER_CALL).map((part) =>
        this.limiter.run(async () => {
          try {
            const r = await this.call('CreateWorkspaces', o, (c, http) =>
              c.send(new CreateWorkspacesCommand({ Workspaces: part.map((p) => p.request) }), http),
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
              outcomes[i] = {
                id: failedId(requests[i]),
                ok: false,
                code: f.ErrorCode ?? 'Unknown',
                message: f.ErrorMessage ?? 'Failed',
                request: requests[i],
              };
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
            for (const p of part) outcomes[p.index] = { ...failure(failedId(p.request), err), request: p.request };
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
      ),
    );
    return outcomes;
  }

  /** Adds (or overwrites) tags on each resource (WorkSpace, directory, image, pool, bundle id). */
  async createTags(resourceIds: readonly string[], tags: readonly Tag[], o?: CallOptions): Promise<ActionOutcome[]> {
    validateTags(tags);
    return this.perItem('CreateTags', resourceIds, o, (c, ResourceId, http) =>
      c.send(new CreateTagsCommand({ ResourceId, Tags: [...tags] }), http),
    );
  }

  async deleteTags(resourceIds: readonly string[], keys: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    validateTags(keys.map((Key) => ({ Key, Value: '' })));
    return this.perItem('DeleteTags', resourceIds, o, (c, ResourceId, http) =>
      c.send(new DeleteTagsCommand({ ResourceId, TagKeys: [...keys] }), http),
    );
  }

  startPools(poolIds: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.perItem('StartWorkspacesPool', poolIds, o, (c, PoolId, http) =>
      c.send(new StartWorkspacesPoolCommand({ PoolId }), http),
    );
  }

  stopPools(poolIds: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
    return this.perItem('StopWorkspacesPool', poolIds, o, (c, PoolId, http) =>
      c.send(new StopWorkspacesPoolCommand({ PoolId }), http),
    );
  }

  /**
   * A batch operation that reports per-item failures in FailedRequests: ids in chunks of `size`,
   * chunks in parallel (bounded). A chunk that throws marks each of its ids failed with the error.
   */
  private async batch(
    operation: string,
    ids: readonly string[],
    size: number,
    o: CallOptions | undefined,
    send: (
      client: WorkSpacesClient,
      part: string[],
      http: { abortSignal?: AbortSignal },
    ) => Promise<{ FailedRequests?: FailedWorkspaceChangeRequest[] }>,
  ): Promise<ActionOutcome[]> {
    const unique = [...new Set(ids)];
    const byId = new Map<string, ActionOutcome>();
    await Promise.all(
      chunk(unique, size).map((part) =>
        this.limiter.run(async () => {
          try {
            const r = await this.call(operation, o, (c, http) => send(c, part, http));
            const failed = new Map<string, Failed>();
            for (const f of r.FailedRequests ?? []) if (f.WorkspaceId) failed.set(f.WorkspaceId, f);
            for (const id of part) {
              const f = failed.get(id);
              byId.set(
                id,
                f
                  ? { id, ok: false, code: f.ErrorCode ?? 'Unknown', message: f.ErrorMessage ?? `${operation} failed` }
                  : { id, ok: true },
              );
            }
          } catch (e) {
            const err = toAwsError(e, this.ctx(operation, o?.abortSignal));
            for (const id of part) byId.set(id, failure(id, err));
          }
        }),
      ),
    );
    return unique.map((id) => byId.get(id) as ActionOutcome);
  }

  /** An operation that takes one id and throws on failure: one call per id, bounded. */
  private async perItem(
    operation: string,
    ids: readonly string[],
    o: CallOptions | undefined,
    send: (client: WorkSpacesClient, id: string, http: { abortSignal?: AbortSignal }) => Promise<unknown>,
  ): Promise<ActionOutcome[]> {
    const unique = [...new Set(ids)];
    return mapLimit(unique, this.deps.concurrency.calls, async (id): Promise<ActionOutcome> => {
      try {
        await this.call(operation, o, (c, http) => send(c, id, http));
        return { id, ok: true };
      } catch (e) {
        return failure(id, toAwsError(e, this.ctx(operation, o?.abortSignal)));
      }
    });
  }
}

function failure(id: string, err: AwsError): ActionOutcome {
  return { id, ok: false, code: err.code, message: err.message, kind: err.kind };
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

/** AutoStop timeout: whole hours → minutes (the API wants a multiple of 60). */
export function hoursToMinutes(hours: number): number {
  if (!Number.isInteger(hours) || hours < 1) {
    throw new AwsError({
      kind: 'invalidParameter',
      code: 'InvalidParameterValuesException',
      message: `The AutoStop timeout must be a whole number of hours (≥ 1), got ${hours}.`,
    });
  }
  return hours * 60;
}

/** The API's tag rules, checked before any call: ≤ 50 tags, key 1–127 chars, value ≤ 255, no `aws:`. */
export function validateTags(tags: readonly Tag[]): void {
  const bad = (message: string): never => {
    throw new AwsError({ kind: 'invalidParameter', code: 'InvalidParameterValuesException', message });
  };
  if (tags.length > 50) bad(`At most 50 tags per resource, got ${tags.length}.`);
  for (const t of tags) {
    const key = t.Key ?? '';
    if (key.length < 1 || key.length > 127) bad(`Tag key "${key}" must be 1 to 127 characters.`);
    if (key.toLowerCase().startsWith('aws:')) bad(`Tag key "${key}": the aws: prefix is reserved.`);
    if ((t.Value ?? '').length > 255) bad(`Tag value of "${key}" is longer than 255 characters.`);
  }
}

/**
 * Generic NextToken pager for the operations the SDK has no paginator for (images, pools,
 * connection status). Stops when the token is absent or repeats.
 */
export async function* pageByToken<I extends { NextToken?: string }, O extends { NextToken?: string }>(
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
