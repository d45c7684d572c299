import * as vscode from 'vscode';
import type { GroupBy } from '../../core/present';
import type { CommandSpec } from '../pipeline/registry';

const CHOICES: { value: GroupBy; label: string; description: string }[] = [
  { value: 'directory', label: 'Directory', description: 'one group per directory' },
  { value: 'state', label: 'State', description: 'Available, Stopped, Error, …' },
  { value: 'runningMode', label: 'Running mode', description: 'AutoStop, AlwaysOn, Manual' },
  { value: 'none', label: 'None', description: 'one flat list (long lists show "Show more")' },
];

/** Title-bar "Group By…": writes the groupBy setting (the view follows the setting). */
export const groupBy: CommandSpec = {
  id: 'workspacesFleet.groupBy',
  title: 'Group WorkSpaces By',
  async run(s) {
    const current = s.provider.options.groupBy;
    const pick = await vscode.window.showQuickPick(
      CHOICES.map((c) => ({ ...c, picked: c.value === current, detail: c.value === current ? 'current' : undefined })),
      { title: 'Group WorkSpaces by', placeHolder: 'How the WorkSpaces node groups its rows' },
    );
    if (!pick) return;
    await vscode.workspace
      .getConfiguration('workspacesFleet')
      .update('groupBy', pick.value, vscode.ConfigurationTarget.Global);
    s.provider.setOptions({ groupBy: pick.value });
  },
};
