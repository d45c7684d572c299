// An ErrorTargetLoader on top of the AWS layer's paged reads: re-describes an image or a pool of a
// scope and fails with a clear message when it no longer exists. Pure (no vscode): the extension
// passes `(scope) => layer.api(scope)` from the lazily loaded AWS layer.
import type { Clock } from '../../core/clock';
import type { Workspace, WorkspaceDirectory, WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import type { Scope } from '../../core/types';
import type { TargetKind } from './protocol';
import { targetId, type ErrorTarget, type ErrorTargetLoader } from './target';

/** The part of the AWS layer's WorkspacesApi the loader reads (one describe call by id). */
export interface ImageAndPoolReader {
  image(id: string): Promise<WorkspaceImage | undefined>;
  pool(id: string): Promise<WorkspacesPool | undefined>;
  workspace(id: string): Promise<Workspace | undefined>;
  directory(id: string): Promise<WorkspaceDirectory | undefined>;
}

/** Names the fleet knows for ids the API gives alone (a directory's, a bundle's). */
export type NameOf = (scope: Scope, id: string) => string | undefined;

export class TargetGoneError extends Error {
  constructor(kind: TargetKind, id: string, scope: Scope) {
    super(`The ${kind} ${id} no longer exists in ${scope.region} (profile ${scope.profile}).`);
    this.name = 'TargetGoneError';
  }
}

/**
 * @param directoryName the name of a directory of a scope, when known (the panel shows a
 *   WorkSpace's or a pool's directory by name and id; the API gives only the id).
 * @param bundleName the name of a bundle of a scope, when known.
 */
export function createErrorTargetLoader(
  clock: Clock,
  apiFor: (scope: Scope) => ImageAndPoolReader | Promise<ImageAndPoolReader>,
  directoryName: NameOf = () => undefined,
  bundleName: NameOf = () => undefined,
): ErrorTargetLoader {
  const named = (scope: Scope, name: NameOf, id: string | undefined): string | undefined =>
    id ? name(scope, id) : undefined;
  return {
    clock,
    async reload(target: ErrorTarget): Promise<ErrorTarget> {
      const id = targetId(target);
      const api = await apiFor(target.scope);
      const { scope } = target;
      switch (target.kind) {
        case 'image': {
          const image = await api.image(id);
          if (!image) throw new TargetGoneError('image', id, scope);
          return { kind: 'image', scope, image };
        }
        case 'pool': {
          const pool = await api.pool(id);
          if (!pool) throw new TargetGoneError('pool', id, scope);
          const bundle = named(scope, bundleName, pool.BundleId);
          const dir = named(scope, directoryName, pool.DirectoryId);
          return {
            kind: 'pool',
            scope,
            pool,
            bundleName: bundle,
            directoryName: dir,
          };
        }
        case 'workspace': {
          const workspace = await api.workspace(id);
          if (!workspace) throw new TargetGoneError('workspace', id, scope);
          const dir = named(scope, directoryName, workspace.DirectoryId);
          const bundle = named(scope, bundleName, workspace.BundleId);
          return {
            kind: 'workspace',
            scope,
            workspace,
            directoryName: dir,
            bundleName: bundle,
          };
        }
        case 'directory': {
          const directory = await api.directory(id);
          if (!directory) throw new TargetGoneError('directory', id, scope);
          return { kind: 'directory', scope, directory };
        }
      }
    },
  };
}
