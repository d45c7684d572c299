import * as vscode from 'vscode';
import type { WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import { directoryLabel } from '../core/present';
import type { ScopeModel } from '../fleet/scopeModel';
import { ImageNode, type Node, PoolNode } from '../tree/nodes';
import { ErrorDetailsPanel, type ErrorTarget } from '../webview/errorDetailsPanel';
import type { CommandSpec } from './registry';
import { notify } from './notify';
import { ensureSection, pickScope } from './pickers';

/** What differs between the image and the pool command. */
interface Details<T> {
  id: string;
  title: string;
  section: 'images' | 'pools';
  /** "custom image", for "No custom image in …". */
  noun: string;
  /** The clicked row's item, when the row is one of this kind. */
  fromRow(node: unknown): T | undefined;
  order(items: T[]): T[];
  pickItem(item: T): { label: string; description: string };
  target(scope: ScopeModel, item: T): ErrorTarget;
}

/**
 * "Show Error Details" on a row, or from the palette: a profile/region, then one of its images or
 * pools (after loading that section); the panel shows (or focuses) that one.
 */
function errorDetails<T>(d: Details<T>): CommandSpec {
  return {
    id: d.id,
    title: d.title,
    async run(s, node?: unknown) {
      const row = d.fromRow(node);
      const scope = row !== undefined ? (node as Node).scopeModel : await pickScope(s, d.title);
      if (!scope) return;
      let item = row;
      if (item === undefined) {
        await ensureSection(scope, d.section);
        const items = d.order([...(scope[d.section].items.values() as IterableIterator<T>)]);
        if (items.length === 0) {
          void notify.info(`No ${d.noun} in ${scope.scope.region} (${scope.scope.profile}).`);
          return;
        }
        const pick = await vscode.window.showQuickPick(
          items.map((i) => ({ ...d.pickItem(i), item: i })),
          { title: `${d.title}: which ${d.section === 'images' ? 'image' : 'pool'}?`, matchOnDescription: true },
        );
        item = pick?.item;
      }
      if (item === undefined) return;
      ErrorDetailsPanel.show(s.context.extensionUri, d.target(scope, item), s.errorTargets, s.log);
    },
  };
}

/** From an image row (clicking an image in ERROR runs it too) or the palette (images in ERROR first). */
export const showImageErrors = errorDetails<WorkspaceImage>({
  id: 'workspacesFleet.showImageErrors',
  title: 'Show Image Error Details',
  section: 'images',
  noun: 'custom image',
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
  fromRow: (n) => (n instanceof PoolNode && n.scopeModel ? n.pool : undefined),
  order: (pools) => pools,
  pickItem: (p) => ({
    label: p.PoolName ?? p.PoolId ?? '',
    description: `${p.State ?? ''} · ${p.Errors?.length ?? 0} errors`,
  }),
  target: (scope, pool) => {
    const d = pool.DirectoryId ? scope.directories.items.get(pool.DirectoryId) : undefined;
    return { kind: 'pool', scope: scope.scope, pool, ...(d ? { directoryName: directoryLabel(d) } : {}) };
  },
});
