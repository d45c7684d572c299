import * as vscode from 'vscode';
import { consoleHome, consoleUrl } from '../../core/arn';
import { selectWorkspaces } from '../pipeline/selection';
import type { CommandSpec } from '../pipeline/registry';
import { notify } from '../pipeline/notify';

/** At most this many browser tabs for one multi-selection. */
const MAX_TABS = 5;

const TITLE = 'Open in AWS Console';

/** Opens the WorkSpace's page of the WorkSpaces console, in its region (the list page when the
 *  deep link cannot be built from its id). */
export const openInConsole: CommandSpec = {
  id: 'workspacesFleet.openInConsole',
  title: TITLE,
  async run(s, node?: unknown, selected?: unknown): Promise<string[] | undefined> {
    const targets = await selectWorkspaces(s, node, selected, TITLE, 'opened');
    if (!targets || targets.length === 0) return undefined;
    if (targets.length > MAX_TABS) {
      void notify.info(`Select at most ${MAX_TABS} WorkSpaces to open in the console (${targets.length} selected).`);
      return undefined;
    }
    const urls = targets.map(
      (t) => consoleUrl('workspace', t.model.scope.region, t.id) ?? consoleHome(t.model.scope.region),
    );
    for (const url of urls) await vscode.env.openExternal(vscode.Uri.parse(url, true));
    return urls;
  },
};
