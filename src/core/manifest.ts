// package.json's entries of the WorkSpace action commands, generated from the action table
// (core/actionTable.ts): each command's `contributes.commands` entry, and its context-menu and
// row-button entries in `menus["view/item/context"]` with the `when` clauses of core/rules.ts.
// `npm run manifest` writes them into package.json (test/harness/manifest.ts); the static stage
// runs it with --check and fails when package.json differs. Every other entry stays as written.
// Pure.
import { ACTION_TABLE, type ActionCommand, type WorkspaceAction } from './actionTable';
import { menuWhen, WORKSPACE_ACTIONS } from './rules';

export const COMMAND_CATEGORY = 'WorkSpaces Fleet';
const ITEM_MENU = 'view/item/context';

export interface CommandEntry {
  command: string;
  title: string;
  category: string;
  icon?: string;
}

export interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

/** The parts of package.json this module reads and writes (the rest is kept as it is). */
export interface Manifest {
  contributes: {
    commands: CommandEntry[];
    menus: Record<string, MenuEntry[]>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

const withCommands = (): Array<[WorkspaceAction, ActionCommand]> =>
  WORKSPACE_ACTIONS.flatMap((a): Array<[WorkspaceAction, ActionCommand]> => {
    const c = ACTION_TABLE[a].command;
    return c ? [[a, c]] : [];
  });

/** The `contributes.commands` entries of the table's commands, in table order. */
export function actionCommandEntries(): CommandEntry[] {
  return withCommands().map(([, c]) => ({ command: c.id, title: c.title, category: COMMAND_CATEGORY, icon: c.icon }));
}

/** The `view/item/context` entries of the table's commands: the row's button (if any), then the context menu. */
export function actionMenuEntries(): MenuEntry[] {
  return withCommands().flatMap(([a, c]) => [
    ...(c.inline === undefined ? [] : [{ command: c.id, when: menuWhen(a, 'inline'), group: `inline@${c.inline}` }]),
    { command: c.id, when: menuWhen(a, 'context'), group: `${c.menu[0]}@${c.menu[1]}` },
  ]);
}

/**
 * `existing` with the generated entries in place of the table's: an entry keeps its position where
 * one of the same slot is there already, new ones follow the last of the table's, and entries of
 * the table's commands that it no longer generates are dropped.
 */
function merge<T>(
  existing: readonly T[],
  generated: readonly T[],
  ours: (e: T) => boolean,
  slot: (e: T) => string,
): T[] {
  const pending = new Map<string, T>(generated.map((g) => [slot(g), g]));
  const out: T[] = [];
  let after = -1;
  for (const e of existing) {
    if (!ours(e)) {
      out.push(e);
      continue;
    }
    const g = pending.get(slot(e));
    if (g === undefined) continue;
    pending.delete(slot(e));
    out.push(g);
    after = out.length;
  }
  out.splice(after < 0 ? out.length : after, 0, ...pending.values());
  return out;
}

/** package.json as the table generates it. */
export function generateManifest(pkg: Manifest): Manifest {
  const ids = new Set(withCommands().map(([, c]) => c.id));
  const ours = (e: { command: string }): boolean => ids.has(e.command);
  const menus = pkg.contributes.menus;
  return {
    ...pkg,
    contributes: {
      ...pkg.contributes,
      commands: merge(pkg.contributes.commands, actionCommandEntries(), ours, (e) => e.command),
      menus: {
        ...menus,
        [ITEM_MENU]: merge(menus[ITEM_MENU] ?? [], actionMenuEntries(), ours, (e) =>
          // One row button and one context-menu entry per command.
          [e.command, e.group?.startsWith('inline') ? 'inline' : 'context'].join(' '),
        ),
      },
    },
  };
}

/** package.json's text as written (two spaces, a final newline). */
export function manifestText(pkg: Manifest): string {
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/**
 * What differs between package.json's text and what the table generates: the entries it lacks or
 * has in another form, or else its layout. Empty: up to date.
 */
export function manifestDiff(text: string): string[] {
  const pkg = JSON.parse(text) as Manifest;
  const gen = generateManifest(pkg);
  const out: string[] = [];
  const compare = (where: string, have: readonly unknown[], want: readonly unknown[]): void => {
    const h = have.map((e) => JSON.stringify(e));
    const w = want.map((e) => JSON.stringify(e));
    for (const e of w) if (!h.includes(e)) out.push(`${where}: missing ${e}`);
    for (const e of h) if (!w.includes(e)) out.push(`${where}: not what the table generates ${e}`);
  };
  compare('contributes.commands', pkg.contributes.commands, gen.contributes.commands);
  compare(`menus["${ITEM_MENU}"]`, pkg.contributes.menus[ITEM_MENU] ?? [], gen.contributes.menus[ITEM_MENU] ?? []);
  if (out.length === 0 && manifestText(gen) !== text) out.push('the entries are right; the layout is not');
  return out;
}
