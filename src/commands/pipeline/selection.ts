// The first step of every command that acts on WorkSpaces or pools: which items. From the tree,
// the clicked row or the multi-selection; from the palette (no row), the rows selected in the tree
// when there are some of the kind, else profile → region → items pickers listing only the items
// the action can run on.
import { accountOfDirectories } from '../../core/arn';
import { Node } from '../../tree/nodes';
import type { ScopeModel } from '../../fleet/scopeModel';
import type { Services } from '../../services';
import { pickScope, pickTargets } from './pickers';
import { WORKSPACES, type Resource, type Target } from './resources';

/**
 * The rows a tree command acts on. VS Code passes the clicked row and the multi-selection; the
 * selection counts only when it contains the clicked row (a right-click outside the selection acts
 * on that row alone).
 */
function selectedNodes<T extends Node>(node: unknown, selected: unknown, is: (n: unknown) => n is T): T[] {
  if (!is(node)) return [];
  if (Array.isArray(selected) && selected.some((n) => n === node || (n instanceof Node && n.id === node.id))) {
    const byId = new Map<string, T>();
    for (const n of selected.filter(is)) if (!byId.has(n.id)) byId.set(n.id, n);
    return [...byId.values()];
  }
  return [node];
}

export interface Selecting<T> {
  /** Title of the pickers ("Stop WorkSpaces"). */
  title: string;
  /** "stopped", for "cannot be stopped now". */
  verb: string;
  /** The palette lists only the items this accepts (all when undefined). */
  eligible?: (item: T) => boolean;
}

/**
 * The account of a scope: what its directories say (their IamRoleId, also kept by the cache),
 * else the profile's settings (role_arn, sso_account_id); undefined until either is known.
 */
export function accountOf(s: Services, model: ScopeModel): string | undefined {
  return (
    model.accountId ??
    accountOfDirectories(model.directories.items.values()) ??
    s.fleet.profiles.find((p) => p.info.name === model.scope.profile)?.info.accountId
  );
}

/**
 * Who an item is, whichever row shows it: its account, region and id. Two profiles of one account
 * (two roles, SSO and keys) list the same WorkSpaces in the same region; a scope whose account is
 * not known yet is told apart by its profile.
 */
function identity(s: Services, model: ScopeModel, id: string): string {
  const account = accountOf(s, model);
  return `${account ? `account ${account}` : `profile ${model.scope.profile}`}\u0000${model.scope.region}\u0000${id}`;
}

/**
 * The items a command acts on, once each: a WorkSpace may show in two rows (two groups, or two
 * profiles of one account), and is acted on once, under the first; undefined = cancelled.
 */
export async function selectTargets<T, A extends string>(
  s: Services,
  resource: Resource<T, A>,
  node: unknown,
  selected: unknown,
  how: Selecting<T>,
): Promise<Target[] | undefined> {
  let rows: Node[];
  if (node === undefined) {
    // The palette (or a key binding): what the tree selection holds of this kind, as a right-click
    // on it would; the confirmation and the skip summary name them before anything is sent.
    rows = s.view.selection.filter(resource.isRow);
    if (rows.length === 0) {
      const model = await pickScope(s, how.title);
      return model && pickTargets(model, resource, how.eligible, how.title, how.verb);
    }
  } else {
    rows = selectedNodes(node, selected, resource.isRow);
  }
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const row of rows) {
    const model = row.scopeModel;
    const id = resource.idOf(row);
    if (!model) continue;
    const key = identity(s, model, id);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ model, id, label: resource.label(resource.current(model, id) ?? resource.itemOf(row), id) });
  }
  return out.length > 0 ? out : undefined;
}

/** WorkSpaces of the tree selection or the palette's pickers, for commands that are not actions. */
export function selectWorkspaces(
  s: Services,
  node: unknown,
  selected: unknown,
  title: string,
  verb: string,
): Promise<Target[] | undefined> {
  return selectTargets(s, WORKSPACES, node, selected, { title, verb });
}

/** Items grouped by the scope they live in (calls go per scope). */
export function byScope<T extends { model: ScopeModel }>(items: readonly T[]): Map<ScopeModel, T[]> {
  const out = new Map<ScopeModel, T[]>();
  for (const t of items) out.set(t.model, [...(out.get(t.model) ?? []), t]);
  return out;
}

/** "sandbox-prod us-east-1, sandbox-dev us-west-2" for log headers. */
export function scopesOf(targets: ReadonlyArray<{ model: ScopeModel }>): string {
  return [...new Set(targets.map((t) => `${t.model.scope.profile} ${t.model.scope.region}`))].join(', ');
}
