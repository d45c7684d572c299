import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { connectionDetails } from '../pipeline/messages';
import { WORKSPACES } from '../pipeline/resources';
import { byScope, selectWorkspaces } from '../pipeline/selection';
import type { CommandSpec } from '../pipeline/registry';
import { notify } from '../pipeline/notify';

/**
 * What a user (or the help desk) needs to reach a WorkSpace: connection state, last connection,
 * the directory's registration code, IP and computer name. Re-reads the WorkSpaces first (by id,
 * with their connection status); a modal shows the details as plain text.
 */
export const showConnectionDetails: CommandSpec = {
  id: 'workspacesFleet.showConnectionDetails',
  title: 'Show Connection Details',
  async run(s, node?: unknown, selected?: unknown): Promise<string | undefined> {
    const targets = await selectWorkspaces(s, node, selected, 'Connection Details', 'shown');
    if (!targets || targets.length === 0) return undefined;
    const shown = targets.slice(0, 10);
    const current = (t: (typeof shown)[number]) => WORKSPACES.current(t.model, t.id);
    for (const [model, items] of byScope(shown)) {
      try {
        await model.refreshWorkspaces(items.map((t) => t.id));
      } catch (e) {
        s.log.warn(
          `Connection details: re-reading ${items.length} WorkSpaces failed, showing what is known: ${errorMessage(e)}`,
        );
      }
    }
    const blocks = shown.map((t) => {
      const ws = current(t);
      if (!ws) return `${t.label}: no longer exists`;
      return connectionDetails(
        ws,
        ws.DirectoryId ? t.model.directories.items.get(ws.DirectoryId) : undefined,
        new Date(s.clock.now()),
      ).join('\n');
    });
    if (targets.length > shown.length) blocks.push(`… and ${targets.length - shown.length} more (select at most 10)`);
    const text = blocks.join('\n\n');
    const one = shown.length === 1 ? current(shown[0]) : undefined;
    const regCode = one?.DirectoryId
      ? shown[0].model.directories.items.get(one.DirectoryId)?.RegistrationCode
      : undefined;
    const buttons = [...(regCode ? ['Copy Registration Code'] : []), 'Copy All'];
    const choice = await notify.info(
      shown.length === 1
        ? `Connection details of ${shown[0].label}`
        : `Connection details of ${shown.length} WorkSpaces`,
      { modal: true, detail: text },
      ...buttons,
    );
    if (choice === 'Copy Registration Code' && regCode) await vscode.env.clipboard.writeText(regCode);
    else if (choice === 'Copy All') await vscode.env.clipboard.writeText(text);
    return text;
  },
};
