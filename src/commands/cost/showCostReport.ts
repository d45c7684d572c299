import * as vscode from 'vscode';
import { inertIcons } from '../../core/text';
import type { ScopeModel } from '../../fleet/scopeModel';
import type { Node } from '../../tree/nodes';
import { ReportPanel } from '../../webview/report/panel';
import type { CommandSpec } from '../pipeline/registry';

/**
 * The fleet report (charts of states, running modes, last connections, usage against the
 * thresholds, recommendations): for the row's scope, or from the view title or the palette for
 * every scope or one picked.
 */
export const showCostReport: CommandSpec = {
  id: 'workspacesFleet.showCostReport',
  title: 'Show Fleet Report',
  async run(s, node?: unknown, second?: unknown) {
    const fromRow = (node as Node | undefined)?.scopeModel;
    if (fromRow) return ReportPanel.show(s, fromRow);
    if (node === 'all' || second === 'all') return ReportPanel.show(s, 'all');
    if (s.fleet.profiles.length === 0) await s.fleet.loadProfiles();
    const scopes = s.fleet.allScopes();
    if (scopes.length <= 1) return ReportPanel.show(s, scopes[0] ?? 'all');
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'All profiles and regions', description: `${scopes.length} scopes`, which: 'all' as const },
        ...scopes.map((m: ScopeModel) => ({
          label: inertIcons(`${m.scope.profile} · ${m.scope.region}`),
          description: m.workspaces.state === 'loaded' ? `${m.workspaces.items.size} WorkSpaces` : '',
          which: m,
        })),
      ],
      { title: 'Show Fleet Report', placeHolder: 'For which profiles and regions?', ignoreFocusOut: true },
    );
    return pick ? ReportPanel.show(s, pick.which) : undefined;
  },
};
