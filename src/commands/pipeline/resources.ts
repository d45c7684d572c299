// What a command can act on: WorkSpaces and pools, each described once — its rows in the tree, its
// label, its rules, its palette items, how an accepted change is shown and then followed until it
// settles. The action pipeline (resourceAction.ts) is written once over this shape.
import * as vscode from 'vscode';
import type { WorkspacesPool } from '@aws-sdk/client-workspaces';
import { errorMessage } from '../../core/errors';
import { directoryLabel, poolDescription, type WorkspaceView } from '../../core/present';
import { whyNot, whyNotPool, type PoolAction, type WorkspaceAction } from '../../core/rules';
import { isPoolMoving, isWorkspaceMoving } from '../../core/states';
import { inertPickItem } from '../../core/text';
import { boundedSetting } from '../../fleet/autoRefresh';
import type { ScopeModel } from '../../fleet/scopeModel';
import { PoolNode, WorkspaceNode, type Node } from '../../tree/nodes';
import type { Services } from '../../services';
import { POOL_NOUN, poolLabel, shortLabel, WORKSPACE_NOUN, workspacePickItems, type Noun } from './messages';

/** One item a command acts on, with the scope it lives in. */
export interface Target {
  model: ScopeModel;
  id: string;
  /** "alice.nguyen (ws-…)" */
  label: string;
}

export interface PickItem extends vscode.QuickPickItem {
  id: string;
}

export interface Resource<T, A extends string> {
  readonly noun: Noun;
  readonly section: 'workspaces' | 'pools';
  /** The palette picker's placeholder when every item is listed. */
  readonly pickHint?: string;
  /** A tree row of this resource that belongs to a live scope. */
  readonly isRow: (n: unknown) => n is Node;
  readonly idOf: (row: Node) => string;
  /** The row's copy of the item (the label of an item that has vanished from the model). */
  readonly itemOf: (row: Node) => T;
  /** The model's current value (fresher than a row's copy); undefined once it is gone. */
  readonly current: (model: ScopeModel, id: string) => T | undefined;
  readonly label: (item: T | undefined, id: string) => string;
  /** Why `action` cannot run on `item` (the rules that also gate the menus), or undefined. */
  readonly whyNot: (action: A, item: T) => string | undefined;
  /** Palette items of a scope (those `eligible` accepts), and how many were left out. */
  readonly pickItems: (
    model: ScopeModel,
    eligible: ((item: T) => boolean) | undefined,
  ) => { items: PickItem[]; hidden: number };
  /** Shows a local change at once (an accepted action). */
  readonly patch: (model: ScopeModel, ids: readonly string[], change: (item: T) => T) => void;
  /** Follows accepted items until they settle (poll, or re-read once). */
  readonly follow: (s: Services, model: ScopeModel, ids: readonly string[]) => void;
  /** Re-reads items whose fate is unknown (a call aborted in flight). */
  readonly reread: (s: Services, model: ScopeModel, ids: readonly string[]) => void;
  /** Re-reads items now, at an action's priority (settling actions whose answer was lost). */
  readonly readNow?: (model: ScopeModel, ids: readonly string[]) => Promise<void>;
}

/** Re-reads WorkSpaces by id, then lets polling follow those that move. */
function rereadWorkspaces(s: Services, model: ScopeModel, ids: readonly string[]): void {
  if (ids.length === 0) return;
  void model.refreshWorkspaces(ids).then(
    () => s.poller.kick(),
    (e: unknown) => s.log.warn(`Re-reading ${ids.length} WorkSpaces failed: ${errorMessage(e)}`),
  );
}

export const WORKSPACES: Resource<WorkspaceView, WorkspaceAction> = {
  noun: WORKSPACE_NOUN,
  section: 'workspaces',
  pickHint: 'Pick WorkSpaces (type to filter by user, state, id, IP…)',
  isRow: (n): n is WorkspaceNode => n instanceof WorkspaceNode && n.scopeModel !== undefined,
  idOf: (row) => (row as WorkspaceNode).workspaceId,
  itemOf: (row) => (row as WorkspaceNode).workspace,
  current: (model, id) => model.workspaces.items.get(id),
  label: (ws, id) => shortLabel(ws ?? { WorkspaceId: id }),
  whyNot,
  pickItems(model, eligible) {
    const dirs = model.directories.items;
    const { items, hidden } = workspacePickItems(
      model.workspaces.items.values(),
      eligible,
      (id) => {
        const d = id ? dirs.get(id) : undefined;
        return d ? directoryLabel(d) : undefined;
      },
      new Date(model.clock.now()),
    );
    return { items: items.map((i) => ({ ...i, id: i.workspaceId })), hidden };
  },
  patch: (model, ids, change) => model.patchWorkspaces(ids, change),
  // A moving state is followed by polling; a settled one (maintenance, a property) is confirmed
  // by one re-read.
  follow(s, model, ids) {
    rereadWorkspaces(
      s,
      model,
      ids.filter((id) => {
        const w = model.workspaces.items.get(id);
        return !w || !isWorkspaceMoving(w);
      }),
    );
    s.poller.kick();
  },
  reread: rereadWorkspaces,
  readNow: (model, ids) => model.refreshWorkspaces(ids, { priority: 'action' }),
};

/** Re-reads the pools of a scope until the acted-on pools settle (pools are not polled otherwise). */
function followPools(s: Services, model: ScopeModel, ids: readonly string[]): void {
  const setting = vscode.workspace.getConfiguration('workspacesFleet').get<unknown>('pollingIntervalSeconds');
  const seconds = boundedSetting(setting, 2, 300, 5);
  let rounds = 0;
  const tick = async (): Promise<void> => {
    rounds++;
    try {
      await model.load('pools');
    } catch (e) {
      s.log.warn(`Re-reading the pools of ${model.scope.profile} ${model.scope.region} failed: ${errorMessage(e)}`);
    }
    const moving = ids.some((id) => isPoolMoving(model.pools.items.get(id)?.State));
    if (moving && rounds < 120) setTimeout(() => void tick(), seconds * 1000);
  };
  void tick();
}

export const POOLS: Resource<WorkspacesPool, PoolAction> = {
  noun: POOL_NOUN,
  section: 'pools',
  isRow: (n): n is PoolNode => n instanceof PoolNode && n.scopeModel !== undefined,
  idOf: (row) => (row as PoolNode).pool.PoolId ?? '',
  itemOf: (row) => (row as PoolNode).pool,
  current: (model, id) => model.pools.items.get(id),
  label: (pool, id) => (pool ? poolLabel(pool) : id),
  whyNot: whyNotPool,
  pickItems(model, eligible) {
    const all = [...model.pools.items.values()].filter((p) => p.PoolId);
    const ok = eligible ? all.filter(eligible) : all;
    const items = ok.map((p) =>
      inertPickItem({
        label: p.PoolName ?? p.PoolId ?? '?',
        description: poolDescription(p),
        detail: p.PoolId ?? '',
        id: p.PoolId as string,
      }),
    );
    return { items, hidden: all.length - ok.length };
  },
  patch: () => undefined,
  follow: followPools,
  reread: followPools,
};
