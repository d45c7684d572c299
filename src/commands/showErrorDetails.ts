import * as vscode from 'vscode';
import type { ScopeModel } from '../fleet/scopeModel';
import { ImageNode, PoolNode } from '../tree/nodes';
import { ErrorDetailsPanel } from '../webview/errorDetailsPanel';
import type { Services } from '../services';
import type { CommandSpec } from './registry';

async function pickScope(s: Services, what: string): Promise<ScopeModel | undefined> {
  const scopes = s.fleet.allScopes();
  if (scopes.length <= 1) return scopes[0];
  const pick = await vscode.window.showQuickPick(
    scopes.map((m) => ({ label: m.scope.profile, description: m.scope.region, model: m })),
    { title: `${what}: which profile and region?`, matchOnDescription: true },
  );
  return pick?.model;
}

/** "Show Error Details" on an image row (clicking an image in ERROR runs it too), or from the
 *  palette: pick a profile/region, then one of its images (those in ERROR first). */
export const showImageErrors: CommandSpec = {
  id: 'workspacesFleet.showImageErrors',
  async run(s, node?: unknown) {
    let scope: ScopeModel | undefined;
    let image = node instanceof ImageNode ? node.image : undefined;
    if (node instanceof ImageNode) scope = node.scopeModel;
    if (!image) {
      scope = await pickScope(s, 'Image error details');
      if (!scope) return;
      await scope.load('images');
      const images = [...scope.images.items.values()].sort((a, b) => Number(b.State === 'ERROR') - Number(a.State === 'ERROR'));
      if (images.length === 0) {
        void vscode.window.showInformationMessage(`No custom image in ${scope.scope.region} (${scope.scope.profile}).`);
        return;
      }
      const pick = await vscode.window.showQuickPick(
        images.map((i) => ({ label: i.Name ?? i.ImageId ?? '', description: `${i.State ?? ''} · ${i.ImageId ?? ''}`, image: i })),
        { title: 'Image error details: which image?', matchOnDescription: true },
      );
      if (!pick) return;
      image = pick.image;
    }
    if (!scope) return;
    ErrorDetailsPanel.show(s.context.extensionUri, { kind: 'image', scope: scope.scope, image }, s.errorTargets, s.log);
  },
};

export const showPoolErrors: CommandSpec = {
  id: 'workspacesFleet.showPoolErrors',
  async run(s, node?: unknown) {
    let scope: ScopeModel | undefined;
    let pool = node instanceof PoolNode ? node.pool : undefined;
    if (node instanceof PoolNode) scope = node.scopeModel;
    if (!pool) {
      scope = await pickScope(s, 'Pool error details');
      if (!scope) return;
      await scope.load('pools');
      const pools = [...scope.pools.items.values()];
      if (pools.length === 0) {
        void vscode.window.showInformationMessage(`No WorkSpaces Pool in ${scope.scope.region} (${scope.scope.profile}).`);
        return;
      }
      const pick = await vscode.window.showQuickPick(
        pools.map((p) => ({ label: p.PoolName ?? p.PoolId ?? '', description: `${p.State ?? ''} · ${p.Errors?.length ?? 0} errors`, pool: p })),
        { title: 'Pool error details: which pool?' },
      );
      if (!pick) return;
      pool = pick.pool;
    }
    if (!scope) return;
    ErrorDetailsPanel.show(s.context.extensionUri, { kind: 'pool', scope: scope.scope, pool }, s.errorTargets, s.log);
  },
};
