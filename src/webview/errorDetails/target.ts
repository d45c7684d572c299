// What the panel shows: an image or a pool, with the profile/region it was read from. Pure types.
import type { Workspace, WorkspaceDirectory, WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import type { Clock } from '../../core/clock';
import type { Scope } from '../../core/types';
import type { TargetKind } from './protocol';

export type ErrorTarget =
  | { readonly kind: 'image'; readonly scope: Scope; readonly image: WorkspaceImage }
  | {
      readonly kind: 'pool';
      readonly scope: Scope;
      readonly pool: WorkspacesPool;
      /** The names of the pool's bundle and directory, when the fleet knows them (the API gives
       *  only their ids). */
      readonly bundleName?: string;
      readonly directoryName?: string;
    }
  | {
      readonly kind: 'workspace';
      readonly scope: Scope;
      readonly workspace: Workspace;
      /** Names of its directory and bundle, when the fleet knows them. */
      readonly directoryName?: string;
      readonly bundleName?: string;
    }
  | { readonly kind: 'directory'; readonly scope: Scope; readonly directory: WorkspaceDirectory };

/** Re-describes a target through the AWS layer (the lead wires it to src/aws). */
export interface ErrorTargetLoader {
  reload(target: ErrorTarget): Promise<ErrorTarget>;
  /** The fleet's clock: when a target was loaded (the panel's "Loaded at"). */
  readonly clock: Clock;
}

export function targetId(target: ErrorTarget): string {
  switch (target.kind) {
    case 'image':
      return target.image.ImageId ?? '';
    case 'pool':
      return target.pool.PoolId ?? '';
    case 'workspace':
      return target.workspace.WorkspaceId ?? '';
    case 'directory':
      return target.directory.DirectoryId ?? '';
  }
}

export function targetName(target: ErrorTarget): string {
  switch (target.kind) {
    case 'image':
      return target.image.Name ?? '';
    case 'pool':
      return target.pool.PoolName ?? '';
    case 'workspace':
      return target.workspace.UserName ?? target.workspace.WorkspaceName ?? '';
    case 'directory':
      return target.directory.Alias || target.directory.DirectoryName || '';
  }
}

/** The smallest target that lets a loader re-describe it (used when restoring a panel). */
export function stubTarget(kind: TargetKind, scope: Scope, id: string, name?: string): ErrorTarget {
  if (kind === 'image') return { kind, scope, image: { ImageId: id, Name: name } };
  if (kind === 'workspace') return { kind, scope, workspace: { WorkspaceId: id, UserName: name } };
  if (kind === 'directory') return { kind, scope, directory: { DirectoryId: id, Alias: name } };
  return {
    kind,
    scope,
    pool: {
      PoolId: id,
      PoolName: name,
      PoolArn: undefined,
      CapacityStatus: undefined,
      State: undefined,
      CreatedAt: undefined,
      BundleId: undefined,
      DirectoryId: undefined,
      RunningMode: undefined,
    },
  };
}
