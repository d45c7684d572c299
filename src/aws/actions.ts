// The actions of WorkspacesApi (src/aws/api.ts): Start, Stop, Reboot, Terminate, Rebuild, Restore,
// the Modify* changes, Migrate, Create, tags and pools, each with one outcome per item (from the
// answer's FailedRequests, from the error of a call that threw, or unknown when the request may
// have been applied). An action that may have been applied is never resent (retry.ts).
import {
  CreateTagsCommand,
  CreateWorkspacesCommand,
  DeleteTagsCommand,
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
  type Compute,
  type FailedWorkspaceChangeRequest,
  type RunningMode,
  type Tag,
  type WorkspaceProperties,
  type WorkspaceRequest,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { chunk } from '../core/chunk';
import { AwsError } from '../core/errors';
import type { ActionOutcome, CreateOutcome, MigrateOutcome } from '../core/types';
import {
  AUTO_STOP_MAX_HOURS,
  AUTO_STOP_MIN_HOURS,
  TAGS_MAX,
  validateAutoStopHours,
  validateTagKey,
  validateTagValue,
} from '../core/validation';
import { IDS_PER_CALL, type CallOptions, type Hook, type Http } from './service';
import { toAwsError } from './errors';
import { WorkspacesReads } from './reads';

type Failed = { WorkspaceId?: string; ErrorCode?: unknown; ErrorMessage?: unknown };

/** The actions of one scope's WorkSpaces API; WorkspacesApi (api.ts) is the class to use. */
export abstract class WorkspacesActions extends WorkspacesReads {
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
