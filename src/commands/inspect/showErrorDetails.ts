import * as vscode from 'vscode';
import type { WorkspaceDirectory, WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import { directoryLabel, stateLabel, type WorkspaceView } from '../../core/present';
import { inertPickItem } from '../../core/text';
import { hasDirectoryError, hasWorkspaceError } from '../../core/workspaceErrors';
import type { ScopeModel } from '../../fleet/scopeModel';
import { DirectoryNode, ImageNode, type Node, PoolNode, WorkspaceNode } from '../../tree/nodes';
import { ErrorDetailsPanel, type ErrorTarget } from '../../webview/errorDetails/panel';
import type { CommandSpec } from '../pipeline/registry';
import { notify } from '../pipeline/notify';
import { ensureSection, pickScope } from '../pipeline/pickers';

/** What differs between the image and the pool command. */
interface Details<T> {
  id: string;
  title: string;
  section: 'images' | 'pools' | 'workspaces' | 'directories';
  /** "custom image", for "No custom image in …". */
  noun: string;
  /** "image", for "which image?". */
  one: string;
  /** The clicked row's item, when the row is one of this kind. */
  fromRow(node: unknown): T | undefined;
  order(items: T[]): T[];
  pickItem(item: T): { label: string; description: string; detail?: string };
  target(scope: ScopeModel, item: T): ErrorTarget | Promise<ErrorTarget>;
}

/**
 * "Show Error Details" on a row, or from the palette: a profile/region, then one of its images or
 * pools (after loading that section); the panel shows (or focuses) that one.
 */
function errorDetails<T>(d: Details<T>): CommandSpec {
  return {
    id: d.id,
    title: d.title,
    async run(s, node?: unknown): Promise<ErrorDetailsPanel | undefined> {
      const row = d.fromRow(node);
      const scope = row !== undefined ? (node as Node).scopeModel : await pickScope(s, d.title);
      if (!scope) return undefined;
      let item = row;
      if (item === undefined) {
        await ensureSection(scope, d.section);
        const items = d.order([...(scope[d.section].items.values() as IterableIterator<T>)]);
        if (items.length === 0) {
          void notify.info(`No ${d.noun} in ${scope.scope.region} (${scope.scope.profile}).`);
          return undefined;
        }
        const pick = await vscode.window.showQuickPick(
          items.map((i) => ({ ...inertPickItem(d.pickItem(i)), item: i })),
          { title: `${d.title}: which ${d.one}?`, matchOnDescription: true, matchOnDetail: true },
        );
        item = pick?.item;
      }
      if (item === undefined) return undefined;
      return ErrorDetailsPanel.show(s.context.extensionUri, await d.target(scope, item), s.errorTargets, s.log);
    },
  };
}

/** From an image row (clicking an image in ERROR runs it too) or the palette (images in ERROR first). */
export const showImageErrors = errorDetails<WorkspaceImage>({
  id: 'workspacesFleet.showImageErrors',
  title: 'Show Image Error Details',
  section: 'images',
  noun: 'custom image',
  one: 'image',
  fromRow: (n) => (n instanceof ImageNode && n.scopeModel ? n.image : undefined),
  order: (images) => images.sort((a, b) => Number(b.State === 'ERROR') - Number(a.State === 'ERROR')),
  pickItem: (i) => ({ label: i.Name ?? i.ImageId ?? '', description: `${i.State ?? ''} · ${i.ImageId ?? ''}` }),
  target: (scope, image) => ({ kind: 'image', scope: scope.scope, image }),
});

export const showPoolErrors = errorDetails<WorkspacesPool>({
  id: 'workspacesFleet.showPoolErrors',
  title: 'Show Pool Error Details',
  section: 'pools',
  noun: 'WorkSpaces Pool',
  one: 'pool',
  fromRow: (n) => (n instanceof PoolNode && n.scopeModel ? n.pool : undefined),
  order: (pools) => pools,
  pickItem: (p) => ({
    label: p.PoolName ?? p.PoolId ?? '',
    description: `${p.State ?? ''} · ${p.Errors?.length ?? 0} errors`,
  }),
  target: async (scope, pool) => {
    const dir = pool.DirectoryId ? scope.directories.items.get(pool.DirectoryId) : undefined;
    const bundleName = await nameBundle(scope, pool.BundleId);
    return {
      kind: 'pool',
      scope: scope.scope,
      pool,
      ...(dir ? { directoryName: directoryLabel(dir) } : {}),
      ...(bundleName ? { bundleName } : {}),
    };
  },
});

/** The name of a bundle, read if needed (one call, interactive); undefined when it cannot be read. */
async function nameBundle(scope: ScopeModel, bundleId: string | undefined): Promise<string | undefined> {
  await scope.bundles.resolve([bundleId], 'interactive').catch(() => undefined);
  return scope.bundles.name(bundleId);
}

/**
 * Why is this WorkSpace in ERROR (or UNHEALTHY, IMPAIRED): its error code and message explained in
 * the same panel as image errors. From the row, or the palette (WorkSpaces with a problem only).
 */
export const showWorkspaceErrors = errorDetails<WorkspaceView>({
  id: 'workspacesFleet.showWorkspaceErrors',
  title: 'Show WorkSpace Error Details',
  section: 'workspaces',
  noun: 'WorkSpace in ERROR, UNHEALTHY or IMPAIRED',
  one: 'WorkSpace',
  fromRow: (n) => (n instanceof WorkspaceNode && n.scopeModel ? n.workspace : undefined),
  order: (list) =>
    list
      .filter(hasWorkspaceError)
      .sort((a, b) => (a.UserName ?? a.WorkspaceId ?? '').localeCompare(b.UserName ?? b.WorkspaceId ?? '')),
  pickItem: (w) => ({
    label: w.UserName ?? w.WorkspaceId ?? '',
    description: [stateLabel(w.State), w.ErrorCode].filter(Boolean).join(' · '),
    detail: [w.WorkspaceId, w.ErrorMessage].filter(Boolean).join(' · '),
  }),
  target: async (scope, ws) => {
    const current = (ws.WorkspaceId ? scope.workspaces.items.get(ws.WorkspaceId) : undefined) ?? ws;
    const dir = current.DirectoryId ? scope.directories.items.get(current.DirectoryId) : undefined;
    const bundleName = await nameBundle(scope, current.BundleId);
    return {
      kind: 'workspace',
      scope: scope.scope,
      workspace: current,
      ...(dir ? { directoryName: directoryLabel(dir) } : {}),
      ...(bundleName ? { bundleName } : {}),
    };
  },
});

/** Why is this directory in ERROR: its message explained in the same panel. */
export const showDirectoryErrors = errorDetails<WorkspaceDirectory>({
  id: 'workspacesFleet.showDirectoryErrors',
  title: 'Show Directory Error Details',
  section: 'directories',
  noun: 'directory in ERROR',
  one: 'directory',
  fromRow: (n) => (n instanceof DirectoryNode && n.scopeModel ? n.directory : undefined),
  order: (list) => list.filter(hasDirectoryError).sort((a, b) => directoryLabel(a).localeCompare(directoryLabel(b))),
  pickItem: (d) => ({
    label: directoryLabel(d),
    description: [stateLabel(d.State), d.DirectoryId].filter(Boolean).join(' · '),
    detail: d.ErrorMessage ?? '',
  }),
  target: (scope, directory) => ({ kind: 'directory', scope: scope.scope, directory }),
});
