import * as vscode from 'vscode';
import type { ScopeModel } from '../fleet/scopeModel';
import { ACTION_RULES } from '../core/rules';
import {
  AUTO_STOP_MAX_HOURS,
  AUTO_STOP_MIN_HOURS,
  parseAutoStopHours,
  validateAutoStopHours,
} from '../core/validation';
import {
  confirmModal,
  current,
  plan,
  report,
  resolveTargets,
  scopesOf,
  skippedSection,
  runBatch,
  type ActionResult,
} from './batch';
import { bulletList, noneEligibleMessage, plural, summarize } from './format';
import type { CommandSpec } from './registry';
import { notify } from './notify';

/** AutoStop (with its time in whole hours, 1–48) or AlwaysOn, for one or many WorkSpaces. */
export const changeRunningMode: CommandSpec = {
  id: 'workspacesFleet.changeRunningMode',
  async run(s, node?: unknown, selected?: unknown): Promise<ActionResult | undefined> {
    const title = 'Change Running Mode';
    const targets = await resolveTargets(s, node, selected, 'modifyRunningMode', title, 'changed');
    if (!targets || targets.length === 0) return undefined;
    const p = plan('modifyRunningMode', targets);
    if (p.eligible.length === 0) {
      void notify.info(noneEligibleMessage('changed', p.skipped));
      return { outcomes: [], skipped: p.skipped };
    }
    const props = p.eligible.map((t) => current(t)?.WorkspaceProperties);
    const same = <T>(values: T[]): T | undefined => (new Set(values).size === 1 ? values[0] : undefined);
    const mode = same(props.map((x) => x?.RunningMode));
    const minutes = same(props.map((x) => x?.RunningModeAutoStopTimeoutInMinutes));
    const what = p.eligible.length === 1 ? p.eligible[0].label : plural(p.eligible.length, 'WorkSpace', 'WorkSpaces');
    const pick = await vscode.window.showQuickPick(
      [
        {
          label: 'AutoStop',
          description: mode === 'AUTO_STOP' ? `current${minutes ? `, ${minutes / 60} h` : ''}` : '',
          detail:
            'Billed by the hour. Stops after a set time without a connection; starts again when the user connects.',
          mode: 'AUTO_STOP' as const,
        },
        {
          label: 'AlwaysOn',
          description: mode === 'ALWAYS_ON' ? 'current' : '',
          detail: 'Billed monthly. Keeps running; a stopped WorkSpace is started.',
          mode: 'ALWAYS_ON' as const,
        },
      ],
      { title: `${title}: ${what}`, placeHolder: 'Running mode', ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    let hours: number | undefined;
    if (pick.mode === 'AUTO_STOP') {
      const text = await vscode.window.showInputBox({
        title: `${title}: AutoStop time`,
        prompt: `Hours without a connection before the WorkSpace stops: a whole number from ${AUTO_STOP_MIN_HOURS} to ${AUTO_STOP_MAX_HOURS}.`,
        value: String(mode === 'AUTO_STOP' && minutes ? minutes / 60 : 1),
        ignoreFocusOut: true,
        validateInput: validateAutoStopHours,
      });
      if (text === undefined) return undefined;
      hours = parseAutoStopHours(text);
      if (hours === undefined) return undefined;
    }
    if (p.skipped.length > 0) {
      const n = p.eligible.length;
      const go = await confirmModal(
        `Change the running mode of ${n} of the ${n + p.skipped.length} selected WorkSpaces?`,
        `${bulletList(p.eligible.map((t) => t.label))}${skippedSection(p.skipped, 'changed')}`,
        'Change',
      );
      if (!go) return undefined;
    }
    const chosen = pick.mode;
    const outcomes = await runBatch(s, {
      title: `Setting ${pick.label}${hours ? ` (${hours} h)` : ''}`,
      targets: p.eligible,
      chunkSize: ACTION_RULES.modifyRunningMode.idsPerCall,
      call: (api, ids, signal) =>
        api.setRunningMode(ids, chosen, {
          abortSignal: signal,
          ...(hours !== undefined ? { autoStopHours: hours } : {}),
        }),
    });
    const ok = new Set(outcomes.filter((o) => o.ok).map((o) => o.id));
    const byScope = new Map<ScopeModel, string[]>();
    for (const t of p.eligible) if (ok.has(t.id)) byScope.set(t.model, [...(byScope.get(t.model) ?? []), t.id]);
    for (const [model, ids] of byScope) {
      model.patchWorkspaces(ids, (w) => {
        const wp = { ...w.WorkspaceProperties, RunningMode: chosen };
        if (hours !== undefined) wp.RunningModeAutoStopTimeoutInMinutes = hours * 60;
        else delete wp.RunningModeAutoStopTimeoutInMinutes;
        return { ...w, WorkspaceProperties: wp };
      });
      // AlwaysOn starts a stopped WorkSpace: re-read them so polling follows the start.
      void model.refreshWorkspaces(ids).then(
        () => s.poller.kick(),
        (e: unknown) =>
          s.log.warn(`Re-reading ${ids.length} WorkSpaces failed: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
    const labels = new Map(p.eligible.map((t) => [t.id, t.label]));
    const past = hours !== undefined ? `Set AutoStop (${hours} h) on` : 'Set AlwaysOn on';
    report(
      s,
      `Running mode ${pick.label} (${scopesOf(p.eligible)})`,
      summarize({ verbPast: past, outcomes, labels, skipped: p.skipped }),
    );
    return { outcomes, skipped: p.skipped };
  },
};
