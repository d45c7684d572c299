import * as vscode from 'vscode';
import { CONTEXT_KEYS, FILTER_KEY } from '../../settings';
import type { CommandSpec } from '../pipeline/registry';

/** Title-bar filter: id, user, computer name, IP, directory, state, tag (or key:value terms); images
 *  and pools by their name, id, state (and a pool's directory, mode, bundle). */
export const filter: CommandSpec = {
  id: 'workspacesFleet.filter',
  title: 'Filter WorkSpaces',
  async run(s) {
    const value = await vscode.window.showInputBox({
      title: 'Filter WorkSpaces',
      prompt:
        'Words to match in id, user, computer name, IP, directory, state or tags (images and pools: name, id, state). Narrow with state:stopped, user:ann, dir:corp, tag:team=blue, ip:10.0, mode:always_on, protocol:pcoip.',
      placeHolder: 'e.g. state:stopped tag:team=finance',
      value: s.provider.options.filter,
      ignoreFocusOut: true,
    });
    if (value === undefined) return;
    await setFilter(s.context, value.trim());
    s.provider.setOptions({ filter: value.trim() });
  },
};

/** The filter is kept per VS Code workspace. */
export async function setFilter(context: vscode.ExtensionContext, value: string): Promise<void> {
  await context.workspaceState.update(FILTER_KEY, value || undefined);
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, value !== '');
}
