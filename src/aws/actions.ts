// The actions of WorkspacesApi (src/aws/api.ts): Start, Stop, Reboot, Terminate, Rebuild, Restore,
// the Modify* changes, Migrate, Create, tags and pools, each with one outcome per item (from the
// answer's FailedRequests, from the error of a call that threw, or unknown when the request may
// have been applied: ServiceCalls.outcome in service.ts). An action that may have been applied is
// never resent (retry.ts).
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
  type Protocol,
  type RunningMode,
  type Tag,
  type WorkspaceProperties,
  type WorkspaceRequest,
} from '@aws-sdk/client-workspaces';
import type { MetadataBearer } from '@smithy/types';
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
import { IDS_PER_CALL, type WorkspacesCalls } from './reads';
import type { CallOptions, SdkCommand } from './service';

type Failed = { WorkspaceId?: string; ErrorCode?: unknown; ErrorMessage?: unknown };

/**
 * The actions of one scope's WorkSpaces API (WorkspacesApi, api.ts, is these, the reads and the
 * scope's own methods).
 */
export function workspacesActions(calls: WorkspacesCalls) {
  const batch = batchOf(calls);
  const perItem = perItemOf(calls);
  const modifyProperties = (
    ids: readonly string[],
    WorkspaceProperties: WorkspaceProperties,
    o?: CallOptions,
  ): Promise<ActionOutcome[]> =>
    perItem(
      'ModifyWorkspaceProperties',
      ids,
      o,
      (WorkspaceId) => new ModifyWorkspacePropertiesCommand({ WorkspaceId, WorkspaceProperties }),
    );

  return {
    start(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
      return batch(
        'StartWorkspaces',
        ids,
        o,
        (part) => new StartWorkspacesCommand({ StartWorkspaceRequests: each(part) }),
      );
    },

    stop(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
      return batch(
        'StopWorkspaces',
        ids,
        o,
        (part) => new StopWorkspacesCommand({ StopWorkspaceRequests: each(part) }),
      );
    },

    reboot(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
      return batch(
        'RebootWorkspaces',
        ids,
        o,
        (part) => new RebootWorkspacesCommand({ RebootWorkspaceRequests: each(part) }),
      );
    },

    /** Permanent: the WorkSpaces and their user volumes are destroyed. */
    terminate(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
      return batch(
        'TerminateWorkspaces',
        ids,
        o,
        (part) => new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: each(part) }),
      );
    },

    /** One WorkSpace per call (the API's limit). */
    rebuild(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
      return batch(
        'RebuildWorkspaces',
        ids,
        o,
        (part) => new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: each(part) }),
        1,
      );
    },

    restore(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
      return perItem('RestoreWorkspace', ids, o, (WorkspaceId) => new RestoreWorkspaceCommand({ WorkspaceId }));
    },

    /** Running mode AUTO_STOP / ALWAYS_ON (/ MANUAL), optionally with the AutoStop timeout in hours. */
    async setRunningMode(
      ids: readonly string[],
      mode: RunningMode,
      o: CallOptions & { autoStopHours?: number } = {},
    ): Promise<ActionOutcome[]> {
      const minutes = o.autoStopHours === undefined ? undefined : hoursToMinutes(o.autoStopHours);
      return modifyProperties(
        ids,
        {
          RunningMode: mode,
          RunningModeAutoStopTimeoutInMinutes: minutes,
        },
        o,
      );
    },

    /**
     * The streaming protocol (ModifyWorkspaceProperties Protocols, e.g. ['WSP'] for DCV), one
     * WorkSpace per call; the rules are core/protocol.ts's.
     */
    setProtocols(ids: readonly string[], protocols: readonly Protocol[], o?: CallOptions): Promise<ActionOutcome[]> {
      return modifyProperties(ids, { Protocols: [...protocols] }, o);
    },

    /** A new compute type (ModifyWorkspaceProperties ComputeTypeName), one WorkSpace per call. */
    setComputeType(ids: readonly string[], compute: Compute, o?: CallOptions): Promise<ActionOutcome[]> {
      return modifyProperties(ids, { ComputeTypeName: compute }, o);
    },

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
      return modifyProperties(ids, volume === 'root' ? { RootVolumeSizeGib: gib } : { UserVolumeSizeGib: gib }, o);
    },

    /**
     * MigrateWorkspace to another bundle, one WorkSpace per call: the outcome carries the new
     * WorkSpace's id (the source is terminated once the new one is AVAILABLE).
     */
    async migrate(ids: readonly string[], bundleId: string, o?: CallOptions): Promise<MigrateOutcome[]> {
      return Promise.all(
        [...new Set(ids)].map(async (id): Promise<MigrateOutcome> => {
          try {
            const r = await calls.call(
              'MigrateWorkspace',
              o,
              () => new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: bundleId }),
            );
            return { id, ok: true, targetId: r.TargetWorkspaceId || undefined };
          } catch (e) {
            return calls.outcome(id, e, 'MigrateWorkspace', o);
          }
        }),
      );
    },

    /** Admin maintenance on (ADMIN_MAINTENANCE) or off (AVAILABLE). */
    setMaintenance(ids: readonly string[], on: boolean, o?: CallOptions): Promise<ActionOutcome[]> {
      const WorkspaceState = on ? 'ADMIN_MAINTENANCE' : 'AVAILABLE';
      return perItem(
        'ModifyWorkspaceState',
        ids,
        o,
        (WorkspaceId) => new ModifyWorkspaceStateCommand({ WorkspaceId, WorkspaceState }),
      );
    },

    /** CreateWorkspaces in chunks of 25; one outcome per request, in request order. */
    create(requests: readonly WorkspaceRequest[], o?: CallOptions): Promise<CreateOutcome[]> {
      return create(calls, requests, o);
    },

    /** Adds (or overwrites) tags on each resource (WorkSpace, directory, image, pool, bundle id). */
    async createTags(resourceIds: readonly string[], tags: readonly Tag[], o?: CallOptions): Promise<ActionOutcome[]> {
      validateTags(tags);
      return perItem(
        'CreateTags',
        resourceIds,
        o,
        (ResourceId) => new CreateTagsCommand({ ResourceId, Tags: [...tags] }),
      );
    },

    async deleteTags(
      resourceIds: readonly string[],
      keys: readonly string[],
      o?: CallOptions,
    ): Promise<ActionOutcome[]> {
      validateTags(keys.map((Key) => ({ Key, Value: '' })));
      return perItem(
        'DeleteTags',
        resourceIds,
        o,
        (ResourceId) => new DeleteTagsCommand({ ResourceId, TagKeys: [...keys] }),
      );
    },

    startPools(poolIds: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
      return perItem('StartWorkspacesPool', poolIds, o, (PoolId) => new StartWorkspacesPoolCommand({ PoolId }));
    },

    stopPools(poolIds: readonly string[], o?: CallOptions): Promise<ActionOutcome[]> {
      return perItem('StopWorkspacesPool', poolIds, o, (PoolId) => new StopWorkspacesPoolCommand({ PoolId }));
    },
  };
}

export type WorkspacesActions = ReturnType<typeof workspacesActions>;

/** The request list of a batch operation: one entry per WorkSpace id. */
function each(part: string[]): Array<{ WorkspaceId: string }> {
  return part.map((WorkspaceId) => ({ WorkspaceId }));
}

/**
 * A batch operation that reports per-item failures in FailedRequests: ids in chunks of `size`,
 * each chunk one scheduled call. A chunk that throws marks each of its ids failed with the error
 * (or unknown, when the request may have been applied).
 */
function batchOf(calls: WorkspacesCalls) {
  return async (
    operation: string,
    ids: readonly string[],
    o: CallOptions | undefined,
    command: (part: string[]) => SdkCommand<MetadataBearer & { FailedRequests?: FailedWorkspaceChangeRequest[] }>,
    size = IDS_PER_CALL,
  ): Promise<ActionOutcome[]> => {
    const unique = [...new Set(ids)];
    const byId = new Map<string, ActionOutcome>();
    await Promise.all(
      chunk(unique, size).map(async (part) => {
        try {
          const r = await calls.call(operation, o, () => command(part));
          const failed = new Map<string, Failed>();
          for (const f of r.FailedRequests ?? []) if (f.WorkspaceId) failed.set(f.WorkspaceId, f);
          for (const id of part) {
            const f = failed.get(id);
            byId.set(id, f ? failedRequest(id, f, operation) : { id, ok: true });
          }
        } catch (e) {
          const err = calls.error(e, operation, o?.abortSignal);
          for (const id of part) byId.set(id, calls.outcome(id, err, operation, o));
        }
      }),
    );
    return unique.map((id) => byId.get(id) as ActionOutcome);
  };
}

/** An operation that takes one id and throws on failure: one scheduled call per id. */
function perItemOf(calls: WorkspacesCalls) {
  return (
    operation: string,
    ids: readonly string[],
    o: CallOptions | undefined,
    command: (id: string) => SdkCommand<MetadataBearer>,
  ): Promise<ActionOutcome[]> =>
    Promise.all(
      [...new Set(ids)].map(async (id): Promise<ActionOutcome> => {
        try {
          await calls.call(operation, o, () => command(id));
          return { id, ok: true };
        } catch (e) {
          return calls.outcome(id, e, operation, o);
        }
      }),
    );
}

/** CreateWorkspaces in chunks of 25; one outcome per request, in request order. */
async function create(
  calls: WorkspacesCalls,
  requests: readonly WorkspaceRequest[],
  o?: CallOptions,
): Promise<CreateOutcome[]> {
  const outcomes: CreateOutcome[] = new Array<CreateOutcome>(requests.length);
  const indexed = requests.map((request, index) => ({ request, index }));
  await Promise.all(
    chunk(indexed, IDS_PER_CALL).map(async (part) => {
      try {
        const r = await calls.call(
          'CreateWorkspaces',
          o,
          () => new CreateWorkspacesCommand({ Workspaces: part.map((p) => p.request) }),
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
        const err = calls.error(e, 'CreateWorkspaces', o?.abortSignal);
        for (const p of part) {
          outcomes[p.index] = { ...calls.outcome(failedId(p.request), err, 'CreateWorkspaces', o), request: p.request };
        }
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
