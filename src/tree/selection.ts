// The context keys of the explorer's multi-selection. VS Code shows a context-menu entry for a
// multi-selection only when its `when` clause holds for every selected row; the WorkSpace actions'
// clauses also hold for a row that is part of the selection (`viewItem in
// workspacesFleet.selectedRows`) when the action applies to at least one selected WorkSpace
// (`workspacesFleet.selectionActions`). Running it then says which WorkSpaces are skipped and why.
import { allowedActions, SELECTION_ACTIONS_KEY, SELECTED_ROWS_KEY } from '../core/rules';
import { type Node, WorkspaceNode } from './nodes';

export function selectionContext(selection: readonly Node[]): Record<string, string | string[]> {
  const rows = selection.filter((n): n is WorkspaceNode => n instanceof WorkspaceNode);
  if (rows.length < 2) return { [SELECTED_ROWS_KEY]: [], [SELECTION_ACTIONS_KEY]: '' };
  const actions = new Set<string>();
  for (const row of rows) {
    const ws = row.scopeModel?.workspaces.items.get(row.workspaceId) ?? row.workspace;
    for (const a of allowedActions(ws)) actions.add(a);
  }
  return {
    [SELECTED_ROWS_KEY]: rows.map((r) => r.contextValue).filter((v): v is string => v !== undefined),
    [SELECTION_ACTIONS_KEY]: actions.size ? `,${[...actions].join(',')},` : '',
  };
}
