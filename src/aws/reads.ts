// The reads of WorkspacesApi (src/aws/api.ts): the Describe* calls of one scope as async iterables of
// pages (each page one scheduled call, through ServiceCalls.items in service.ts), the current state
// of chosen WorkSpaces by id (what polling uses), and the lookups of one item by id.
import {
  DescribeTagsCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspaceSnapshotsCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspacesPoolsCommand,
  type DescribeWorkspacesRequest,
  type ImageType,
  type Tag,
  type Workspace,
  type WorkspaceBundle,
  type WorkspaceConnectionStatus,
  type WorkspaceDirectory,
  type WorkspaceImage,
  type WorkSpacesClient,
  type WorkspacesPool,
} from '@aws-sdk/client-workspaces';
import { chunk } from '../core/chunk';
import type { Snapshots } from '../core/types';
import { mergeBounded } from './concurrency';
import type { CallOptions, ServiceCalls } from './service';

/** One scope's calls to the WorkSpaces API. */
export type WorkspacesCalls = ServiceCalls<WorkSpacesClient>;

/** Page size of every read (the API's maximum). */
export const PAGE_SIZE = 25;
/** Ids per call of the batch operations and of DescribeWorkspaces / connection status by id. */
export const IDS_PER_CALL = 25;

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

/**
 * The reads of one scope's WorkSpaces API (WorkspacesApi, api.ts, is these, the actions and the
 * scope's own methods).
 */
export function workspacesReads(calls: WorkspacesCalls) {
  const workspacePages = (input: DescribeWorkspacesRequest, o?: CallOptions): AsyncGenerator<Workspace[]> =>
    calls.items(
      'DescribeWorkspaces',
      o,
      { ...input, Limit: PAGE_SIZE },
      (i) => new DescribeWorkspacesCommand(i),
      (p) => p.Workspaces,
    );
  const imagePages = (ImageIds: string[] | undefined, ImageType: ImageType | undefined, o?: CallOptions) =>
    calls.items(
      'DescribeWorkspaceImages',
      o,
      ImageIds ? { ImageIds } : { ImageType, MaxResults: PAGE_SIZE },
      (i) => new DescribeWorkspaceImagesCommand(i),
      (p) => p.Images,
    );
  const poolPages = (PoolIds: string[] | undefined, o?: CallOptions) =>
    calls.items(
      'DescribeWorkspacesPools',
      o,
      PoolIds ? { PoolIds } : { Limit: PAGE_SIZE },
      (i) => new DescribeWorkspacesPoolsCommand(i),
      (p) => p.WorkspacesPools,
    );
  const directoryPages = (DirectoryIds: string[] | undefined, o?: CallOptions) =>
    calls.items(
      'DescribeWorkspaceDirectories',
      o,
      DirectoryIds ? { DirectoryIds } : { Limit: PAGE_SIZE },
      (i) => new DescribeWorkspaceDirectoriesCommand(i),
      (p) => p.Directories,
    );
  const bundlePages = (input: { Owner?: string; BundleIds?: string[] }, o?: CallOptions) =>
    calls.items(
      'DescribeWorkspaceBundles',
      o,
      input,
      (i) => new DescribeWorkspaceBundlesCommand(i),
      (p) => p.Bundles,
    );

  /**
   * The current state of chosen WorkSpaces, by id (≤ 25 per call): what polling uses. Ids no
   * longer returned (or returned TERMINATED) are reported in `gone`.
   */
  const refresh = async (ids: readonly string[], o: CallOptions = {}): Promise<RefreshResult> => {
    const unique = [...new Set(ids)];
    const found = new Map<string, Workspace>();
    await Promise.all(
      chunk(unique, IDS_PER_CALL).map(async (WorkspaceIds) => {
        for await (const page of workspacePages({ WorkspaceIds }, o)) {
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
  };

  return {
    directories(o?: CallOptions): AsyncGenerator<WorkspaceDirectory[]> {
      return directoryPages(undefined, o);
    },

    /** WorkSpaces, a page (≤ 25) at a time: the whole region, or one directory. */
    workspaces(o: ListWorkspacesOptions = {}): AsyncGenerator<Workspace[]> {
      return workspacePages(o.directoryId ? { DirectoryId: o.directoryId } : {}, o);
    },

    /**
     * Connection status by WorkSpace id, ≤ 25 ids per call (calls queue in the scheduler). By id on
     * purpose: without ids the API lists the region's statuses in pages whose size AWS does not
     * document (maybe larger than 25 — unknown), and a page of rows needs its own ids anyway.
     */
    async connectionStatus(ids: readonly string[], o?: CallOptions): Promise<Map<string, WorkspaceConnectionStatus>> {
      const out = new Map<string, WorkspaceConnectionStatus>();
      await Promise.all(
        chunk([...new Set(ids)], IDS_PER_CALL).map(async (WorkspaceIds) => {
          const pages = calls.items(
            'DescribeWorkspacesConnectionStatus',
            o,
            { WorkspaceIds },
            (i) => new DescribeWorkspacesConnectionStatusCommand(i),
            (p) => p.WorkspacesConnectionStatus,
          );
          for await (const page of pages) for (const s of page) if (s.WorkspaceId) out.set(s.WorkspaceId, s);
        }),
      );
      return out;
    },

    refresh,

    /** Custom images: OWNED and SHARED listed side by side, pages merged as they arrive. */
    images(o: CallOptions & { types?: readonly ImageType[] } = {}): AsyncGenerator<WorkspaceImage[]> {
      const types = o.types ?? (['OWNED', 'SHARED'] as const);
      return mergeBounded(
        types.map((type) => () => imagePages(undefined, type, o)),
        2,
      );
    },

    pools(o?: CallOptions): AsyncGenerator<WorkspacesPool[]> {
      return poolPages(undefined, o);
    },

    /** One image by id (undefined when it no longer exists): what the error view's Refresh uses. */
    image(imageId: string, o?: CallOptions): Promise<WorkspaceImage | undefined> {
      return first(imagePages([imageId], undefined, o), (i) => i.ImageId === imageId);
    },

    /** One pool by id (undefined when it no longer exists). */
    pool(poolId: string, o?: CallOptions): Promise<WorkspacesPool | undefined> {
      return first(poolPages([poolId], o), (p) => p.PoolId === poolId);
    },

    /** Bundles: Amazon's and the account's own (default both, merged as they arrive). */
    bundles(o: CallOptions & { owner?: 'amazon' | 'own' | 'all' } = {}): AsyncGenerator<WorkspaceBundle[]> {
      const owner = o.owner ?? 'all';
      const list = (Owner: string | undefined) => () => bundlePages(Owner ? { Owner } : {}, o);
      const sources =
        owner === 'all' ? [list('AMAZON'), list(undefined)] : owner === 'amazon' ? [list('AMAZON')] : [list(undefined)];
      return mergeBounded(sources, 2);
    },

    async tags(resourceId: string, o?: CallOptions): Promise<Tag[]> {
      const r = await calls.call('DescribeTags', o, () => new DescribeTagsCommand({ ResourceId: resourceId }));
      return r.TagList ?? [];
    },

    /** Bundles by id, ≤ 25 per call (what the bundle catalog uses to name the bundles in use). */
    async bundlesById(ids: readonly string[], o?: CallOptions): Promise<WorkspaceBundle[]> {
      const out: WorkspaceBundle[] = [];
      await Promise.all(
        chunk([...new Set(ids)], IDS_PER_CALL).map(async (BundleIds) => {
          for await (const page of bundlePages({ BundleIds }, o)) out.push(...page);
        }),
      );
      return out;
    },

    /** One directory by id (undefined when it is no longer registered): the error view's Refresh. */
    directory(directoryId: string, o?: CallOptions): Promise<WorkspaceDirectory | undefined> {
      return first(directoryPages([directoryId], o), (d) => d.DirectoryId === directoryId);
    },

    /** One WorkSpace by id (undefined when it is gone or TERMINATED). */
    async workspace(workspaceId: string, o?: CallOptions): Promise<Workspace | undefined> {
      return (await refresh([workspaceId], o)).workspaces[0];
    },

    /**
     * The snapshots Rebuild and Restore would use (DescribeWorkspaceSnapshots, one WorkSpace per
     * call), newest first. How many older snapshots AWS lists is not documented.
     */
    async snapshots(workspaceId: string, o?: CallOptions): Promise<Snapshots> {
      const r = await calls.call(
        'DescribeWorkspaceSnapshots',
        o,
        () => new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: workspaceId }),
      );
      const times = (list: Array<{ SnapshotTime?: Date }> | undefined): Date[] =>
        (list ?? [])
          .map((x) => x.SnapshotTime)
          .filter((t): t is Date => t instanceof Date && !Number.isNaN(t.getTime()))
          .sort((a, b) => b.getTime() - a.getTime());
      return { rebuild: times(r.RebuildSnapshots), restore: times(r.RestoreSnapshots) };
    },
  };
}

export type WorkspacesReads = ReturnType<typeof workspacesReads>;

/** The first item of a page stream that matches (leaving the loop closes the stream). */
async function first<T>(pages: AsyncIterable<T[]>, match: (item: T) => boolean): Promise<T | undefined> {
  for await (const page of pages) {
    const hit = page.find(match);
    if (hit) return hit;
  }
  return undefined;
}
