// An ErrorTargetLoader on top of the AWS layer's paged reads: re-describes an image or a pool of a
// scope and fails with a clear message when it no longer exists. Pure (no vscode): the extension
// passes `(scope) => layer.api(scope)` from the lazily loaded AWS layer.
import type { WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import type { Scope } from './protocol';
import { targetId, type ErrorTarget, type ErrorTargetLoader } from './target';

/** The part of the AWS layer's WorkspacesApi the loader reads (one describe call by id). */
export interface ImageAndPoolReader {
  image(id: string): Promise<WorkspaceImage | undefined>;
  pool(id: string): Promise<WorkspacesPool | undefined>;
}

export class TargetGoneError extends Error {
  constructor(kind: 'image' | 'pool', id: string, scope: Scope) {
    super(`The ${kind} ${id} no longer exists in ${scope.region} (profile ${scope.profile}).`);
    this.name = 'TargetGoneError';
  }
}

/**
 * @param directoryName the name of a directory of a scope, when known (the panel shows a pool's
 *   directory by name and id; the API gives only the id).
 */
export function createErrorTargetLoader(
  apiFor: (scope: Scope) => ImageAndPoolReader | Promise<ImageAndPoolReader>,
  directoryName: (scope: Scope, directoryId: string) => string | undefined = () => undefined,
): ErrorTargetLoader {
  return {
    async reload(target: ErrorTarget): Promise<ErrorTarget> {
      const id = targetId(target);
      const api = await apiFor(target.scope);
      if (target.kind === 'image') {
        const image = await api.image(id);
        if (!image) throw new TargetGoneError('image', id, target.scope);
        return { kind: 'image', scope: target.scope, image };
      }
      const pool = await api.pool(id);
      if (!pool) throw new TargetGoneError('pool', id, target.scope);
      const name = pool.DirectoryId ? directoryName(target.scope, pool.DirectoryId) : undefined;
      return { kind: 'pool', scope: target.scope, pool, ...(name ? { directoryName: name } : {}) };
    },
  };
}
