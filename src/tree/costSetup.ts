// Wires usage and cost advice into the explorer: the usage store (src/fleet/usage.ts) over the AWS
// layer, its settings, the "Cost & usage" rows refreshed when a scope's usage or its WorkSpaces
// change, and the advice line of WorkSpace tooltips.
import * as vscode from 'vscode';
import { DEFAULT_COST_SETTINGS, DEFAULT_THRESHOLDS, type CostSettings } from '../core/usage';
import { FleetUsage } from '../fleet/usage';
import type { Explorer } from './explorer';
import { bindUsage } from './advice';
import { costRowOf } from './cost';

const SECTION = 'workspacesFleet.cost';

/** The cost settings (thresholds merged over the Cost Optimizer's defaults). */
export function readCostSettings(): CostSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const thresholds: Record<string, number> = { ...DEFAULT_THRESHOLDS };
  for (const [k, v] of Object.entries(c.get<Record<string, unknown>>('thresholds') ?? {})) {
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) thresholds[k.toUpperCase()] = v;
  }
  return {
    thresholds,
    skipTag: c.get<string>('skipTag') ?? DEFAULT_COST_SETTINGS.skipTag,
    unusedMonths: Math.max(1, c.get<number>('unusedMonths') ?? DEFAULT_COST_SETTINGS.unusedMonths),
    alwaysOnTimeoutHours: Math.max(
      1,
      Math.round(c.get<number>('alwaysOnSessionEndHours') ?? DEFAULT_COST_SETTINGS.alwaysOnTimeoutHours),
    ),
  };
}

export function createCostView(
  context: vscode.ExtensionContext,
  explorer: Pick<Explorer, 'fleet' | 'provider' | 'aws'>,
  log: vscode.LogOutputChannel,
): FleetUsage {
  const { fleet, provider, aws } = explorer;
  let settings = readCostSettings();
  const usage = new FleetUsage({
    cloudwatch: async (model) => (await aws()).cloudwatch(model.scope),
    workspaces: async (model) => (await aws()).api(model.scope),
    settings: () => settings,
    clock: fleet.clock,
    log: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
  });
  const refreshRow = (model: Parameters<typeof costRowOf>[0]): void => {
    const row = costRowOf(model);
    if (row) provider.refreshNode(row);
  };
  usage.on('change', refreshRow);
  // A WorkSpace changed (an action, polling, tags read): its advice may have too.
  const onScope = (model: Parameters<typeof costRowOf>[0], change: { workspaceIds?: string[] }): void => {
    if (change.workspaceIds && usage.of(model).state !== 'idle') refreshRow(model);
  };
  fleet.on('scope', onScope);
  context.subscriptions.push(
    bindUsage(usage),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      settings = readCostSettings();
      for (const model of fleet.allScopes()) refreshRow(model);
    }),
    {
      dispose: () => {
        fleet.off('scope', onScope);
        usage.dispose();
      },
    },
  );
  return usage;
}
