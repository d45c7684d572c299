// The reads of WorkspacesApi (src/aws/api.ts): the Describe* calls of one scope as async iterables of
// pages (each page one scheduled call, through ApiCalls.pages in service.ts), the current state of
// chosen WorkSpaces by id (what polling uses), and the lookups of one item by id.
import {
  DescribeTagsCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspaceSnapshotsCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspacesPoolsCommand,
  type DescribeWorkspaceBundlesRequest,
  type DescribeWorkspaceDirectoriesRequest,
  type DescribeWorkspaceImagesRequest,
  type DescribeWorkspacesConnectionStatusRequest,
  type DescribeWorkspacesPoolsRequest,
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
import type { Snapshots } from '../core/types';
import { ApiCalls, IDS_PER_CALL, PAGE_SIZE, type CallOptions, type Hook, type Http } from './service';
import { chunk } from '../core/chunk';
import { mergeBounded } from './concurrency';

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

/** The reads of one scope's WorkSpaces API; WorkspacesApi (api.ts) is the class to use. */
export abstract class WorkspacesReads extends ApiCalls {
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
}

/** The first item of a page stream that matches (leaving the loop closes the stream). */
async function first<T>(pages: AsyncIterable<T[]>, match: (item: T) => boolean): Promise<T | undefined> {
  for await (const page of pages) {
    const hit = page.find(match);
    if (hit) return hit;
  }
  return undefined;
}
