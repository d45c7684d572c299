// Connecting a user: the WorkSpaces client link (`workspaces://USER@REGCODE`) of one or many
// WorkSpaces to the clipboard, or opened in the WorkSpaces client installed on this machine. The
// registration code comes from the WorkSpace's directory (loaded with the fleet).
import * as vscode from 'vscode';
import { clientUri } from '../../core/connect';
import type { WorkspaceView } from '../../core/present';
import { hasLoneSurrogate } from '../../core/text';
import { copyCommand } from './copy';
import { notify } from '../pipeline/notify';
import type { CommandSpec } from '../pipeline/registry';
import { WORKSPACES, type Target } from '../pipeline/resources';
import { selectWorkspaces } from '../pipeline/selection';

const WHY = "its directory's registration code is not known (directories not loaded, or none)";

/** The link of a WorkSpace, from its user and its directory's registration code. */
function linkOf(t: Target, ws: WorkspaceView): string | undefined {
  const dir = ws.DirectoryId ? t.model.directories.items.get(ws.DirectoryId) : undefined;
  return clientUri(ws.UserName, dir?.RegistrationCode);
}

/** Why a WorkSpace has no link: its user name cannot be written in one, or no registration code. */
const whyNot = (_t: Target, ws: WorkspaceView | undefined): string =>
  ws?.UserName !== undefined && hasLoneSurrogate(ws.UserName)
    ? 'its user name is not valid Unicode (a lone surrogate): no link can hold it'
    : WHY;

export const copyConnectionLink = copyCommand(
  'workspacesFleet.copyConnectionLink',
  ['connection link', 'connection links'],
  linkOf,
  whyNot,
);

const TITLE = 'Open in WorkSpaces Client';

/** Opens one WorkSpace's link: the operating system hands it to the WorkSpaces client. */
export const openInClient: CommandSpec = {
  id: 'workspacesFleet.openInClient',
  title: TITLE,
  async run(s, node?: unknown, selected?: unknown): Promise<string | undefined> {
    const targets = await selectWorkspaces(s, node, selected, TITLE, 'opened');
    if (!targets || targets.length === 0) return undefined;
    if (targets.length > 1) {
      void notify.info(`Open one WorkSpace at a time in the WorkSpaces client (${targets.length} selected).`);
      return undefined;
    }
    const t = targets[0];
    const ws = WORKSPACES.current(t.model, t.id);
    const link = ws ? linkOf(t, ws) : undefined;
    if (!link) {
      void notify.info(`${t.label} cannot be opened: ${ws ? whyNot(t, ws) : 'it no longer exists'}.`);
      return undefined;
    }
    // The link goes as a string: a vscode.Uri would be re-serialised on its way (its host part
    // lower-cased and the "+" of the registration code percent-encoded), the string is passed on as
    // it is (the extension host API accepts one). Whether every WorkSpaces client accepts the
    // re-encoded form is not documented, so it is not risked.
    const opened = await vscode.env.openExternal(link as unknown as vscode.Uri);
    s.log.info(`${TITLE}: ${t.label}${opened ? '' : ' (not opened: no application took the link)'}`);
    return link;
  },
};
