// Which action is allowed in which WorkSpace state and running mode (the rows of the action table,
// core/actionTable.ts), and the menu `when` regex derived from the same table. Used to gate menus and to split a multi-selection into the
// items an action can run on and the ones it skips, with a reason each. Pure.
import type { WorkspacesPoolState } from '@aws-sdk/client-workspaces';
import { ACTION_TABLE, type ActionRule, type WorkspaceAction } from './actionTable';
import { WORKSPACE_STATES } from './states';

export type { ActionRule, WorkspaceAction };

/** What each action is allowed on, and how many ids a call takes (the rows of core/actionTable.ts). */
export const ACTION_RULES: Readonly<Record<WorkspaceAction, ActionRule>> = ACTION_TABLE;

export const WORKSPACE_ACTIONS = Object.keys(ACTION_TABLE) as WorkspaceAction[];

/** The fields of a WorkSpace the rules look at (any richer WorkSpace type fits). */
export interface RuleSubject {
  State?: string | undefined;
  WorkspaceProperties?: { RunningMode?: string | undefined } | undefined;
}

const MODE_LABEL: Record<string, string> = { AUTO_STOP: 'AutoStop', ALWAYS_ON: 'AlwaysOn', MANUAL: 'Manual' };

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Why `action` cannot run on `ws`, or undefined when it can. */
export function whyNot(action: WorkspaceAction, ws: RuleSubject): string | undefined {
  const rule = ACTION_RULES[action];
  const state = ws.State;
  if (state === undefined) return `state unknown (${rule.label} needs ${orList(rule.states)})`;
  if (!(rule.states as readonly string[]).includes(state)) {
    if (action === 'terminate' && state === 'SUSPENDED') {
      return 'is SUSPENDED (a suspended WorkSpace cannot be terminated)';
    }
    if (action === 'terminate') return `is already ${state}`;
    return `is ${state} (${rule.label} needs ${orList(rule.states)})`;
  }
  const mode = ws.WorkspaceProperties?.RunningMode;
  if (rule.runningModes && mode !== undefined && !(rule.runningModes as readonly string[]).includes(mode)) {
    const allowed = orList(rule.runningModes.map((m) => MODE_LABEL[m] ?? m));
    return `runs ${Object.hasOwn(MODE_LABEL, mode) ? MODE_LABEL[mode] : mode} (${rule.label} applies to ${allowed} WorkSpaces only)`;
  }
  return undefined;
}

export function canRun(action: WorkspaceAction, ws: RuleSubject): boolean {
  return whyNot(action, ws) === undefined;
}

/** Every action allowed for this WorkSpace, in WORKSPACE_ACTIONS order (for menus). */
export function allowedActions(ws: RuleSubject): WorkspaceAction[] {
  return WORKSPACE_ACTIONS.filter((a) => canRun(a, ws));
}

export interface Partition<T> {
  eligible: T[];
  skipped: Array<{ item: T; reason: string }>;
}

/** Splits a multi-selection into the items an action can run on and the others, with reasons. */
export function partition<T>(items: readonly T[], whyNotFor: (item: T) => string | undefined): Partition<T> {
  const out: Partition<T> = { eligible: [], skipped: [] };
  for (const item of items) {
    const reason = whyNotFor(item);
    if (reason === undefined) out.eligible.push(item);
    else out.skipped.push({ item, reason });
  }
  return out;
}

// ---- Menus -------------------------------------------------------------------------------------

const RUNNING_MODES = ['auto_stop', 'always_on', 'manual', 'unknown'] as const;

/**
 * The `viewItem` regex that shows `action` in a WorkSpace's context menu, derived from the rules
 * table: `^workspace:(<states>):(<modes>)$` over the segmented contextValue
 * `workspace:<state>:<runningmode>` (lower case; `unknown` mode is never refused on that ground).
 */
export function menuRegex(action: WorkspaceAction): string {
  const rule = ACTION_RULES[action];
  const states = rule.states.map((s) => s.toLowerCase()).join('|');
  const all = rule.states.length === WORKSPACE_STATES.length;
  const stateGroup = all ? '[a-z_]+' : rule.states.length === 1 ? states : `(${states})`;
  if (!rule.runningModes) return `^workspace:${stateGroup}:`;
  const modes = [...rule.runningModes.map((m) => m.toLowerCase()), 'unknown'].join('|');
  return `^workspace:${stateGroup}:(${modes})$`;
}

/**
 * The `when` clause of a WorkSpace action's menu entry. A row's own button (`inline`) shows where
 * the rules allow the action on that row. A context-menu entry (`context`) also shows on every
 * WorkSpace row of a multi-selection (`listMultiSelection`, a key of the tree itself), so a mixed
 * selection keeps every action that applies to one of its WorkSpaces; running it says which are
 * skipped and why before anything is sent.
 *
 * Why not the exact union of the selection's actions: VS Code (since 1.89) keeps an entry for a
 * multi-selection only when its clause holds for every selected row, and the extension could tell
 * the selection only through a global context key (setContext) — but any change of a global key
 * that an item-menu clause reads re-renders every row of the view (measured in VS Code 1.139: the
 * next Ctrl+click then lands on the wrong row and the selection falls apart; an open tooltip
 * closes). So a multi-selection's menu offers the lifecycle actions whatever the states.
 */
export function menuWhen(action: WorkspaceAction, where: 'inline' | 'context'): string {
  const own = `viewItem =~ /${menuRegex(action)}/`;
  const view = 'view == workspacesFleet.explorer';
  if (where === 'inline') return `${view} && ${own}`;
  return `${view} && (${own} || listMultiSelection && viewItem =~ /^workspace:/)`;
}

/** Every contextValue a WorkSpace row can have (for checking the menu regexes). */
export function allWorkspaceContextValues(): string[] {
  return WORKSPACE_STATES.flatMap((s) => RUNNING_MODES.map((m) => `workspace:${s.toLowerCase()}:${m}`));
}

// ---- Pools -------------------------------------------------------------------------------------

export type PoolAction = 'startPool' | 'stopPool';

const POOL_ACTION_RULES: Readonly<Record<PoolAction, { label: string; states: readonly WorkspacesPoolState[] }>> = {
  startPool: { label: 'Start pool', states: ['STOPPED'] },
  stopPool: { label: 'Stop pool', states: ['RUNNING'] },
};

export function whyNotPool(action: PoolAction, pool: { State?: string | undefined }): string | undefined {
  const rule = POOL_ACTION_RULES[action];
  if (pool.State !== undefined && (rule.states as readonly string[]).includes(pool.State)) return undefined;
  return `is ${pool.State ?? 'in an unknown state'} (${rule.label} needs ${orList(rule.states)})`;
}
