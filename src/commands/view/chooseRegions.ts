import * as vscode from 'vscode';
import { loadAws } from '../../awsLoader';
import { inertPickItem } from '../../core/text';
import { ProfileNode } from '../../tree/nodes';
import type { CommandSpec } from '../pipeline/registry';

/** Chooses the regions shown for a profile (written to the `workspacesFleet.regions` setting). */
export const chooseRegions: CommandSpec = {
  id: 'workspacesFleet.chooseRegions',
  title: 'Choose Regions',
  async run(s, node?: unknown) {
    let profile = node instanceof ProfileNode ? node.entry : undefined;
    if (!profile) {
      const pick = await vscode.window.showQuickPick(
        s.fleet.profiles.map((p) => ({
          ...inertPickItem({ label: p.info.name, description: p.regions.join(', ') }),
          entry: p,
        })),
        { title: 'Choose regions: which profile?' },
      );
      if (!pick) return;
      profile = pick.entry;
    }
    const { WORKSPACES_REGIONS } = await loadAws();
    const current = new Set(profile.regions);
    const picks = await vscode.window.showQuickPick(
      WORKSPACES_REGIONS.map((r) => ({
        label: r,
        picked: current.has(r),
        description: r === profile.info.region ? "profile's region" : undefined,
      })),
      {
        title: `Regions for ${profile.info.name}`,
        canPickMany: true,
        placeHolder: 'Regions where this profile has WorkSpaces',
      },
    );
    if (!picks) return;
    const config = vscode.workspace.getConfiguration('workspacesFleet');
    const all = { ...(config.get<Record<string, string[]>>('regions') ?? {}) };
    const chosen = picks.map((p) => p.label);
    if (chosen.length === 0 || (chosen.length === 1 && chosen[0] === profile.info.region)) {
      delete all[profile.info.name];
    } else all[profile.info.name] = chosen;
    await config.update('regions', all, vscode.ConfigurationTarget.Global);
  },
};
