import * as vscode from 'vscode';
import type { WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import type { ScopeModel } from '../fleet/scopeModel';
import { ImageNode, PoolNode } from '../tree/nodes';
import { ErrorDetailsPanel } from '../webview/errorDetailsPanel';
import type { Services } from '../services';
import type { CommandSpec } from './registry';
import { notify } from './notify';
import { ensureSection, pickScope } from './pickers';

/** Palette path: a profile/region, then one of its images or pools, after loading that section. */
async function pickItem<T>(
  s: Services,
  what: string,
  section: 'images' | 'pools',
  order: (items: T[]) => T[],
  toPick: (item: T) => { label: string; description: string },
): Promise<{ scope: ScopeModel; item: T } | undefined> {
  const scope = await pickScope(s, what);
  if (!scope) return undefined;
  await ensureSection(scope, section);
  const items = order([...(scope[section].items.values() as IterableIterator<T>)]);
  if (items.length === 0) {
    void notify.info(
      `No ${section === 'images' ? 'custom image' : 'WorkSpaces Pool'} in ${scope.scope.region} (${scope.scope.profile}).`,
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    items.map((item) => ({ ...toPick(item), item })),
    { title: `${what}: which ${section === 'images' ? 'image' : 'pool'}?`, matchOnDescription: true },
  );
  return pick && { scope, item: pick.item };
}

/** "Show Error Details" on an image row (clicking an image in ERROR runs it too), or from the
 *  palette: pick a profile/region, then one of its images (those in ERROR first). */
export const showImageErrors: CommandSpec = {
  id: 'workspacesFleet.showImageErrors',
  title: 'Show Image Error Details',
  async run(s, node?: unknown) {
    const picked =
      node instanceof ImageNode && node.scopeModel
        ? { scope: node.scopeModel, item: node.image }
        : await pickItem<WorkspaceImage>(
            s,
            'Image error details',
            'images',
            (images) => images.sort((a, b) => Number(b.State === 'ERROR') - Number(a.State === 'ERROR')),
            (i) => ({ label: i.Name ?? i.ImageId ?? '', description: `${i.State ?? ''} · ${i.ImageId ?? ''}` }),
          );
    if (!picked) return;
    ErrorDetailsPanel.show(
      s.context.extensionUri,
      { kind: 'image', scope: picked.scope.scope, image: picked.item },
      s.errorTargets,
      s.log,
    );
  },
};

export const showPoolErrors: CommandSpec = {
  id: 'workspacesFleet.showPoolErrors',
  title: 'Show Pool Error Details',
  async run(s, node?: unknown) {
    const picked =
      node instanceof PoolNode && node.scopeModel
        ? { scope: node.scopeModel, item: node.pool }
        : await pickItem<WorkspacesPool>(
            s,
            'Pool error details',
            'pools',
            (pools) => pools,
            (p) => ({
              label: p.PoolName ?? p.PoolId ?? '',
              description: `${p.State ?? ''} · ${p.Errors?.length ?? 0} errors`,
            }),
          );
    if (!picked) return;
    ErrorDetailsPanel.show(
      s.context.extensionUri,
      { kind: 'pool', scope: picked.scope.scope, pool: picked.item },
      s.errorTargets,
      s.log,
    );
  },
};
