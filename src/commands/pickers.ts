// The palette's way to name what a command acts on when no tree row was clicked:
// profile → region → WorkSpaces (or pools), each a QuickPick; one-choice steps are skipped.
import * as vscode from 'vscode';
import type { WorkspacesPool } from '@aws-sdk/client-workspaces';
import { directoryLabel, poolDescription } from '../core/present';
import { whyNotPool, type PoolAction, type WorkspaceAction } from '../core/rules';
import type { ScopeModel, Section } from '../fleet/scopeModel';
import type { Services } from '../services';
import { shortLabel, workspacePickItems } from './format';
import { notify } from './notify';

/** A WorkSpace a command acts on, with the scope it lives in. */
export interface Target {
  model: ScopeModel;
  id: string;
  /** "alice.nguyen (ws-…)" */
  label: string;
}

/** The scope (profile + region) to work in: asks for the profile, then the region. */
export async function pickScope(s: Services, title: string): Promise<ScopeModel | undefined> {
  if (s.fleet.profiles.length === 0) await s.fleet.loadProfiles();
  const entries = s.fleet.profiles.filter((p) => p.scopes.length > 0);
  if (entries.length === 0) {
    void notify.info(
      s.fleet.profiles.length === 0
        ? 'No AWS profile is configured: add one to your AWS config file first.'
        : 'No profile has a region: choose regions for a profile first.',
    );
    return undefined;
  }
  let entry = entries[0];
  if (entries.length > 1) {
    const pick = await vscode.window.showQuickPick(
      entries.map((e) => ({ label: e.info.name, description: e.regions.join(', '), entry: e })),
      { title: `${title}: profile`, placeHolder: 'Which AWS profile?', ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    entry = pick.entry;
  }
  if (entry.scopes.length === 1) return entry.scopes[0];
  const pick = await vscode.window.showQuickPick(
    entry.scopes.map((m) => ({
      label: m.scope.region,
      description: `${m.workspaces.items.size} WorkSpaces`,
      model: m,
    })),
    { title: `${title}: region of ${entry.info.name}`, placeHolder: 'Which region?', ignoreFocusOut: true },
  );
  return pick?.model;
}

/** Loads a section of a scope when it has not been loaded yet; a failed load throws its error. */
export async function ensureSection(model: ScopeModel, section: Section): Promise<void> {
  if (model[section].state !== 'loaded') await model.load(section);
  const st = model[section];
  if (st.state === 'error' && st.error) {
    throw new Error(`${model.scope.profile} ${model.scope.region}: ${st.error.code}: ${st.error.message}`);
  }
}

/** WorkSpaces of a scope the action can run on (all for an undefined action), many at once. */
export async function pickWorkspaces(
  model: ScopeModel,
  action: WorkspaceAction | undefined,
  title: string,
  verb: string,
): Promise<Target[] | undefined> {
  await ensureSection(model, 'workspaces');
  const dirs = model.directories.items;
  const { items, hidden } = workspacePickItems(model.workspaces.items.values(), action, (id) => {
    const d = id ? dirs.get(id) : undefined;
    return d ? directoryLabel(d) : undefined;
  });
  const where = `${model.scope.profile} ${model.scope.region}`;
  if (items.length === 0) {
    const total = model.workspaces.items.size;
    void notify.info(
      total === 0
        ? `There are no WorkSpaces in ${where}.`
        : `None of the ${total} WorkSpaces in ${where} can be ${verb} now.`,
    );
    return undefined;
  }
  const picks = await vscode.window.showQuickPick(items, {
    title: `${title} (${where})`,
    placeHolder:
      hidden > 0
        ? `Pick WorkSpaces; ${hidden} that cannot be ${verb} now are not listed`
        : 'Pick WorkSpaces (type to filter by user, state, id, IP…)',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picks || picks.length === 0) return undefined;
  return picks.map((p) => {
    const ws = model.workspaces.items.get(p.workspaceId);
    return { model, id: p.workspaceId, label: shortLabel(ws ?? { WorkspaceId: p.workspaceId }) };
  });
}

export interface PoolTarget {
  model: ScopeModel;
  id: string;
  label: string;
}

export function poolLabel(p: WorkspacesPool): string {
  return p.PoolName ? `${p.PoolName} (${p.PoolId ?? '?'})` : (p.PoolId ?? '?');
}

/** Pools of a scope the action can run on. */
export async function pickPools(
  model: ScopeModel,
  action: PoolAction,
  title: string,
  verb: string,
): Promise<PoolTarget[] | undefined> {
  await ensureSection(model, 'pools');
  const all = [...model.pools.items.values()];
  const ok = all.filter((p) => p.PoolId && whyNotPool(action, p) === undefined);
  const where = `${model.scope.profile} ${model.scope.region}`;
  if (ok.length === 0) {
    void notify.info(
      all.length === 0
        ? `There are no pools in ${where}.`
        : `None of the ${all.length} pools in ${where} can be ${verb} now.`,
    );
    return undefined;
  }
  const picks = await vscode.window.showQuickPick(
    ok.map((p) => ({
      label: p.PoolName ?? p.PoolId ?? '?',
      description: poolDescription(p),
      detail: p.PoolId,
      poolId: p.PoolId as string,
    })),
    {
      title: `${title} (${where})`,
      canPickMany: true,
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    },
  );
  if (!picks || picks.length === 0) return undefined;
  return picks.map((p) => {
    const pool = model.pools.items.get(p.poolId);
    return { model, id: p.poolId, label: pool ? poolLabel(pool) : p.poolId };
  });
}
