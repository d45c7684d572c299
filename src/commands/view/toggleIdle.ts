import * as vscode from 'vscode';
import { CONTEXT_KEYS, IDLE_KEY } from '../../settings';
import type { CommandSpec } from '../pipeline/registry';

async function setIdle(s: Parameters<CommandSpec['run']>[0], on: boolean): Promise<void> {
  await s.context.workspaceState.update(IDLE_KEY, on || undefined);
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.idleOnly, on);
  s.provider.setOptions({ idleOnly: on });
}

/** Idle view: only WorkSpaces not connected for `workspacesFleet.idleDays` days, or never. */
export const showIdle: CommandSpec = {
  id: 'workspacesFleet.showIdle',
  title: 'Show Idle WorkSpaces Only',
  run: (s) => setIdle(s, true),
};

export const showAll: CommandSpec = {
  id: 'workspacesFleet.showAll',
  title: 'Show All WorkSpaces',
  run: (s) => setIdle(s, false),
};
