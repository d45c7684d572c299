// The keys the VS Code layer keeps state under: what is remembered per VS Code workspace
// (workspaceState) and the context keys that package.json's `when` clauses read. One module that
// src/tree and src/commands both import (the tree never imports a command). No `vscode`.

/** workspaceState: the view's filter text (absent: none). */
export const FILTER_KEY = 'workspacesFleet.filter';
/** workspaceState: the idle view is on (absent: off). */
export const IDLE_KEY = 'workspacesFleet.idleOnly';

/** Context keys (setContext) that menus and the welcome view read. */
export const CONTEXT_KEYS = {
  /** A filter is set: the title bar shows Clear Filter. */
  filtered: 'workspacesFleet.filtered',
  /** The idle view is on: the title bar shows Show All instead of Show Idle. */
  idleOnly: 'workspacesFleet.idleOnly',
  /** The fleet's state (loading, ready, noProfiles, allFailing, error): the welcome view, the palette. */
  state: 'workspacesFleet.state',
} as const;
