// "Apply Recommendation": sets the running mode the cost advice recommends (AutoStop → AlwaysOn,
// AlwaysOn → AutoStop) on one WorkSpace, a multi-selection, a whole advice group, or WorkSpaces
// picked from the palette. Through the action pipeline's steps: the selection, the partition
// with a reason for each WorkSpace left out (no recommendation, the skip tag, a state in which the
// mode cannot change), a modal listing every change, then `perform` (progress, cancel, one outcome
// per WorkSpace, the rows updated and followed, the summary). The call is the running-mode
// command's (ModifyWorkspaceProperties RunningMode), one WorkSpace per call.
import type { RunningMode } from '@aws-sdk/client-workspaces';
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import type { WorkspaceView } from '../../core/present';
import { ACTION_RULES, partition, whyNot, type WorkspaceAction } from '../../core/rules';
import { runningModeLabel } from '../../core/present';
import { hasSkipTag, type Advice } from '../../core/usage';
import type { ScopeModel } from '../../fleet/scopeModel';
import type { Services } from '../../services';
import { CostGroupNode } from '../../tree/cost';
import { confirmModal, type Skipped } from '../pipeline/confirmation';
import { bulletList, noneEligibleMessage, plural, skippedSection, WORKSPACE_NOUN } from '../pipeline/messages';
import { notify } from '../pipeline/notify';
import { pickScope, pickTargets } from '../pipeline/pickers';
import type { CommandSpec } from '../pipeline/registry';
import { WORKSPACES, type Target } from '../pipeline/resources';
import { perform, type RunSpec } from '../pipeline/run';
import { byScope, selectTargets } from '../pipeline/selection';

const TITLE = 'Apply Recommendation';
const VERB = 'changed';
/** Changes listed in the modal; the rest go to the log (a modal does not scroll). */
const LISTED = 30;

/** What each WorkSpace gets: its target mode and the advice that says why. */
type Plan = Map<string, Advice & { targetMode: RunningMode }>;

const planKey = (scope: { profile: string; region: string }, id: string): string =>
  `${scope.profile}\u0000${scope.region}\u0000${id}`;

/** Why the recommendation cannot be applied to `ws` (or undefined), and its advice. */
function check(
  s: Services,
  model: ScopeModel,
  id: string,
  unreadTags: ReadonlySet<string> = new Set(),
): { reason?: string; advice?: Advice } {
  const ws = model.workspaces.items.get(id);
  if (!ws) return { reason: 'no longer exists' };
  const settings = s.usage.settings();
  if (hasSkipTag(ws, settings.skipTag)) return { reason: `is tagged ${settings.skipTag.trim()}` };
  if (unreadTags.has(planKey(model.scope, id))) {
    return { reason: `its tags (${settings.skipTag.trim()}?) could not be read` };
  }
  const advice = s.usage.advice(model, id);
  if (!advice) return { reason: 'has no usage read yet' };
  if (!advice.targetMode) return { reason: `has no running-mode recommendation (${advice.text})` };
  const rule = whyNot('modifyRunningMode', ws);
  return rule ? { reason: rule } : { advice };
}

/**
 * Reads, now, the tags of every WorkSpace whose recommendation would change it (one DescribeTags
 * each, at action priority): the skip tag is a safety check, and tags loaded earlier (on hover, by
 * an export) may be hours old — someone may have tagged the WorkSpace in the console since.
 * Returns the WorkSpaces whose tags could not be read: they are left out, never changed on a guess.
 */
async function readSkipTags(s: Services, targets: readonly Target[]): Promise<Set<string>> {
  const unread = new Set<string>();
  if (s.usage.settings().skipTag.trim() === '') return unread;
  const candidates = targets.filter((t) => s.usage.advice(t.model, t.id)?.targetMode);
  if (candidates.length === 0) return unread;
  const layer = await s.aws();
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Checking the skip tag of ${plural(candidates.length, 'WorkSpace', 'WorkSpaces')}`,
    },
    () =>
      Promise.all(
        candidates.map(async (t) => {
          try {
            const tags = await layer.api(t.model.scope).tags(t.id, { priority: 'action' });
            t.model.patchWorkspaces([t.id], (w) => ({ ...w, tags }));
          } catch (e) {
            unread.add(planKey(t.model.scope, t.id));
            s.log.warn(`${TITLE}: the tags of ${t.label} could not be read: ${errorMessage(e)}`);
          }
        }),
      ),
  );
  return unread;
}

/** The WorkSpaces of an advice group that have a switch recommendation. */
function groupTargets(node: CostGroupNode): Target[] {
  const model = node.scopeModel;
  if (!model) return [];
  return node.members().map((m) => ({
    model,
    id: m.id,
    label: WORKSPACES.label(model.workspaces.items.get(m.id), m.id),
  }));
}

async function chooseTargets(s: Services, node: unknown, selected: unknown): Promise<Target[] | undefined> {
  if (node instanceof CostGroupNode) return groupTargets(node);
  if (node !== undefined) return selectTargets(s, WORKSPACES, node, selected, { title: TITLE, verb: VERB });
  const model = await pickScope(s, TITLE);
  if (!model) return undefined;
  if (s.usage.of(model).state !== 'loaded') await s.usage.load(model);
  return pickTargets(
    model,
    WORKSPACES,
    (ws) => check(s, model, ws.WorkspaceId ?? '').reason === undefined,
    TITLE,
    VERB,
  );
}

const change = (t: Target, a: Advice & { targetMode: RunningMode }, ws: WorkspaceView | undefined): string =>
  `${t.label}: ${runningModeLabel(ws?.WorkspaceProperties?.RunningMode)} → ${runningModeLabel(a.targetMode)} — ${a.text}`;

const SPEC: RunSpec<WorkspaceView, WorkspaceAction, Plan & { autoStopHours: number }> = {
  title: TITLE,
  resource: WORKSPACES,
  done: 'Applied the recommendation to',
  progress: 'Applying recommendations',
  idsPerCall: ACTION_RULES.modifyRunningMode.idsPerCall,
  call: async (api, ids, plan, signal) => {
    const out = [];
    for (const id of ids) {
      const mode = plan.get(planKey(api.scope, id))?.targetMode ?? 'AUTO_STOP';
      // AutoStop with the time the estimate assumed (the API's own default is not documented).
      const o =
        mode === 'AUTO_STOP' ? { abortSignal: signal, autoStopHours: plan.autoStopHours } : { abortSignal: signal };
      out.push(...(await api.setRunningMode([id], mode, o)));
    }
    return out;
  },
};

export const applyRecommendation: CommandSpec = {
  id: 'workspacesFleet.applyRecommendation',
  title: TITLE,
  async run(s, node?: unknown, selected?: unknown) {
    const targets = await chooseTargets(s, node, selected);
    if (!targets || targets.length === 0) return undefined;
    for (const model of byScope(targets).keys()) {
      if (s.usage.of(model).state === 'idle') await s.usage.load(model);
    }
    const unreadTags = await readSkipTags(s, targets);
    const settings = s.usage.settings();
    const plan = Object.assign(new Map(), { autoStopHours: settings.alwaysOnTimeoutHours }) as Plan & {
      autoStopHours: number;
    };
    const p = partition(targets, (t) => {
      const c = check(s, t.model, t.id, unreadTags);
      if (c.advice?.targetMode) {
        plan.set(planKey(t.model.scope, t.id), { ...c.advice, targetMode: c.advice.targetMode });
      }
      return c.reason;
    });
    let skipped: Skipped[] = p.skipped.map((x) => ({ id: x.item.id, label: x.item.label, reason: x.reason }));
    let eligible = p.eligible;
    if (eligible.length === 0) {
      void notify.info(noneEligibleMessage(VERB, skipped, WORKSPACE_NOUN));
      return { outcomes: [], skipped };
    }
    const go = await confirmPlan(s, eligible, plan, skipped);
    if (!go) return undefined;
    if (go === 'passed') {
      // The Cost Optimizer's rule: only the WorkSpaces past the threshold; the projections wait.
      const estimated = eligible.filter((t) => plan.get(planKey(t.model.scope, t.id))?.estimate);
      eligible = eligible.filter((t) => !estimated.includes(t));
      skipped = [...skipped, ...estimated.map((t) => ({ id: t.id, label: t.label, reason: ESTIMATE_LEFT_OUT }))];
    }
    return perform(
      s,
      {
        ...SPEC,
        patch: (w) => {
          const a = plan.get(planKey(modelScopeOf(eligible, w), w.WorkspaceId ?? ''));
          if (!a) return w;
          const wp = { ...w.WorkspaceProperties, RunningMode: a.targetMode };
          if (a.targetMode === 'AUTO_STOP') wp.RunningModeAutoStopTimeoutInMinutes = plan.autoStopHours * 60;
          else delete wp.RunningModeAutoStopTimeoutInMinutes;
          return { ...w, WorkspaceProperties: wp };
        },
      },
      eligible,
      plan,
      skipped,
    );
  },
};

const ESTIMATE_LEFT_OUT = 'is only on pace for AlwaysOn (an estimate: the threshold is not passed yet)';

/**
 * The modal listing every change. The Cost Optimizer's rule (switch once the threshold is passed) is
 * the default button; WorkSpaces only on pace for AlwaysOn (a projection) are changed only when the
 * person asks for them too. Returns 'passed' (only those past the threshold), 'all', or undefined.
 */
async function confirmPlan(
  s: Services,
  eligible: readonly Target[],
  plan: Plan,
  skipped: readonly Skipped[],
): Promise<'passed' | 'all' | undefined> {
  const lines = eligible.map((t) => {
    const a = plan.get(planKey(t.model.scope, t.id));
    return a ? change(t, a, t.model.workspaces.items.get(t.id)) : t.label;
  });
  s.log.info(`${TITLE}: ${plural(eligible.length, 'change', 'changes')} proposed:`);
  for (const l of lines) s.log.info(`  ${l}`);
  const estimated = eligible.filter((t) => plan.get(planKey(t.model.scope, t.id))?.estimate).length;
  const n = eligible.length;
  const what = n === 1 ? eligible[0].label : plural(n, 'WorkSpace', 'WorkSpaces');
  const detail = [
    'Changes the running mode. AlwaysOn is billed monthly (a stopped WorkSpace is started); AutoStop by the hour. The hours are estimates from CloudWatch, not billed hours.',
    bulletList(lines, LISTED) + (n > LISTED ? ' (every change is listed in the WorkSpaces log)' : ''),
    estimated === 0
      ? ''
      : estimated === n
        ? `${n === 1 ? 'This WorkSpace is' : 'These WorkSpaces are'} only on pace for AlwaysOn: a projection of this month's hours so far, not the threshold passed (the Cost Optimizer switches once it is).`
        : `${plural(estimated, 'WorkSpace is', 'WorkSpaces are')} only on pace for AlwaysOn (a projection): "Apply" changes the other ${plural(n - estimated, 'one', 'ones')}, past the threshold; "Apply All" changes them too.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const message = `Apply the recommendation to ${what}?`;
  const full = detail + skippedSection(skipped, VERB, WORKSPACE_NOUN);
  if (estimated === 0) return (await confirmModal(message, full, 'Apply')) ? 'passed' : undefined;
  if (estimated === n) return (await confirmModal(message, full, 'Apply Anyway')) ? 'all' : undefined;
  const choice = await notify.warn(message, { modal: true, detail: full }, 'Apply', 'Apply All');
  return choice === 'Apply' ? 'passed' : choice === 'Apply All' ? 'all' : undefined;
}

/** The scope a patched WorkSpace belongs to (ids are unique per scope; the eligible list knows it). */
function modelScopeOf(eligible: readonly Target[], w: WorkspaceView): { profile: string; region: string } {
  return eligible.find((t) => t.id === w.WorkspaceId)?.model.scope ?? { profile: '', region: '' };
}
