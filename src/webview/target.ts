// What the panel shows: an image or a pool, with the profile/region it was read from. Pure types.
import type { WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import type { Scope } from './protocol';

export type ErrorTarget =
  | { readonly kind: 'image'; readonly scope: Scope; readonly image: WorkspaceImage }
  | {
      readonly kind: 'pool';
      readonly scope: Scope;
      readonly pool: WorkspacesPool;
      /** The name of the pool's directory, when the fleet knows it (the API gives only its id). */
      readonly directoryName?: string;
    };

/** Re-describes a target through the AWS layer (the lead wires it to src/aws). */
export interface ErrorTargetLoader {
  reload(target: ErrorTarget): Promise<ErrorTarget>;
}

export function targetId(target: ErrorTarget): string {
  return (target.kind === 'image' ? target.image.ImageId : target.pool.PoolId) ?? '';
}

export function targetName(target: ErrorTarget): string {
  return (target.kind === 'image' ? target.image.Name : target.pool.PoolName) ?? '';
}

/** The smallest target that lets a loader re-describe it (used when restoring a panel). */
export function stubTarget(kind: 'image' | 'pool', scope: Scope, id: string, name?: string): ErrorTarget {
  if (kind === 'image') return { kind, scope, image: { ImageId: id, Name: name } };
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
