import * as vscode from 'vscode';
import { resolveTargets } from './batch';
import { consoleUrl } from './format';
import type { CommandSpec } from './registry';
import { notify } from './notify';

/** At most this many browser tabs for one multi-selection. */
const MAX_TABS = 5;

/** Opens the WorkSpace's page of the WorkSpaces console, in its region. */
export const openInConsole: CommandSpec = {
  id: 'workspacesFleet.openInConsole',
  async run(s, node?: unknown, selected?: unknown): Promise<string[] | undefined> {
    const targets = await resolveTargets(s, node, selected, undefined, 'Open in AWS Console', 'opened');
    if (!targets || targets.length === 0) return undefined;
    if (targets.length > MAX_TABS) {
      void notify.info(`Select at most ${MAX_TABS} WorkSpaces to open in the console (${targets.length} selected).`);
      return undefined;
    }
    const urls = targets.map((t) => consoleUrl(t.model.scope.region, t.id));
    for (const url of urls) await vscode.env.openExternal(vscode.Uri.parse(url, true));
    return urls;
  },
};
