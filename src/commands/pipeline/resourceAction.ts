// The one action pipeline, over WorkSpaces and pools alike: select (tree selection or pickers),
// partition with reasons (told before anything runs), an optional input step, confirm, run with
// progress and cancel, settle and report per item, follow what moves. Every lifecycle, pool,
// running-mode and tag command is a short declarative spec over it.
import type { WorkspaceView } from '../../core/present';
import { ACTION_TABLE, actionCommand, type ConfirmKind } from '../../core/actionTable';
import { partition, type WorkspaceAction } from '../../core/rules';
import { workspaceVerdict } from '../../fleet/outcomes';
import type { Services } from '../../services';
import { confirmAction, type Skipped } from './confirmation';
import { noneEligibleMessage } from './messages';
import { notify } from './notify';
import type { CommandSpec } from './registry';
import { WORKSPACES, type Target } from './resources';
import { perform, type ActionResult, type RunSpec } from './run';
import { selectTargets } from './selection';

export interface ActionSpec<T, A extends string, I = undefined> extends RunSpec<T, A, I> {
  /** The command id. */
  readonly id: string;
  /** The rule of `resource` that decides, per item, whether the action can run on it. */
  readonly action: A;
  /** A spec's own per-item rule instead of the resource's rule for `action` (why not, or undefined). */
  readonly whyNot?: (item: T, s: Services) => string | undefined;
  /** "stopped", for "cannot be stopped now". */
  readonly participle: string;
  /** The confirmation's button ("Stop"). */
  readonly button: string;
  /** An extra step after the selection (pick a mode, type hours); undefined = cancelled. */
  readonly input?: (s: Services, eligible: readonly Target[]) => Promise<I | undefined>;
  /** Why the action cannot run on `item` with the chosen input (e.g. a compute type outside its
   *  family): such items are skipped with that reason, told in the confirmation. */
  readonly whyNotWith?: (item: T, input: I, s: Services) => string | undefined;
  readonly confirm: ConfirmKind;
  /** A boolean setting that turns a `modal` confirmation off. */
  readonly confirmSetting?: string;
  /** Why it matters: the first paragraph of the confirmation. */
  readonly consequence?: string;
  /** More confirmation lines, computed for the chosen items (e.g. "last snapshot: …"). */
  readonly details?: (s: Services, eligible: readonly Target[], input: I) => Promise<string[]>;
}

/** Why the action cannot run on `item`, or undefined (the spec's own rule, else the resource's). */
function reason<T, A extends string, I>(s: Services, spec: ActionSpec<T, A, I>, item: T): string | undefined {
  return spec.whyNot ? spec.whyNot(item, s) : spec.resource.whyNot(spec.action, item);
}

/** The items of `targets` the action can run on, and the others with a reason each. */
function split<T, A extends string, I>(
  s: Services,
  spec: ActionSpec<T, A, I>,
  targets: readonly Target[],
): { eligible: Target[]; skipped: Skipped[] } {
  const { resource } = spec;
  const p = partition(targets, (t) => {
    const item = resource.current(t.model, t.id);
    return item === undefined ? 'no longer exists' : reason(s, spec, item);
  });
  return {
    eligible: p.eligible,
    skipped: p.skipped.map((x) => ({ id: x.item.id, label: x.item.label, reason: x.reason })),
  };
}

/** Runs an action on chosen items: partition → input → confirm → run. */
async function act<T, A extends string, I>(
  s: Services,
  spec: ActionSpec<T, A, I>,
  targets: readonly Target[],
): Promise<ActionResult | undefined> {
  let { eligible, skipped } = split(s, spec, targets);
  if (eligible.length === 0) {
    void notify.info(noneEligibleMessage(spec.participle, skipped, spec.resource.noun));
    return { outcomes: [], skipped };
  }
  let input = undefined as I;
  if (spec.input) {
    const answer = await spec.input(s, eligible);
    if (answer === undefined) return undefined;
    input = answer;
  }
  const { whyNotWith } = spec;
  if (whyNotWith) {
    const item = (t: Target): T | undefined => spec.resource.current(t.model, t.id);
    const p = partition(eligible, (t) => {
      const it = item(t);
      return it === undefined ? 'no longer exists' : whyNotWith(it, input, s);
    });
    eligible = p.eligible;
    skipped = [...skipped, ...p.skipped.map((x) => ({ id: x.item.id, label: x.item.label, reason: x.reason }))];
    if (eligible.length === 0) {
      void notify.info(noneEligibleMessage(spec.participle, skipped, spec.resource.noun));
      return { outcomes: [], skipped };
    }
  }
  const go = await confirmAction({
    kind: spec.confirm,
    ...(spec.confirmSetting ? { setting: spec.confirmSetting } : {}),
    noun: spec.resource.noun,
    button: spec.button,
    participle: spec.participle,
    ...(spec.consequence ? { consequence: spec.consequence } : {}),
    ...(spec.details ? { details: await spec.details(s, eligible, input) } : {}),
    eligible,
    skipped,
  });
  if (!go) return undefined;
  return perform(s, spec, eligible, input, skipped);
}

/** A command over one or many items, from the tree (row or selection) or the palette (pickers). */
export function resourceAction<T, A extends string, I = undefined>(spec: ActionSpec<T, A, I>): CommandSpec {
  return {
    id: spec.id,
    title: spec.title,
    async run(s, node?: unknown, selected?: unknown): Promise<ActionResult | undefined> {
      const targets = await selectTargets(s, spec.resource, node, selected, {
        title: spec.title,
        verb: spec.participle,
        eligible: (item) => reason(s, spec, item) === undefined,
      });
      if (!targets || targets.length === 0) return undefined;
      return act(s, spec, targets);
    },
  };
}

/**
 * What a verb file adds to its row of the action table (core/actionTable.ts): the API call, and
 * whatever depends on the input or the session (an input step, finer rules, details, its own local
 * change or verdict, texts that name the input).
 */
export type VerbSpec<I> = Omit<
  ActionSpec<WorkspaceView, WorkspaceAction, I>,
  | 'id'
  | 'title'
  | 'resource'
  | 'action'
  | 'idsPerCall'
  | 'participle'
  | 'button'
  | 'confirm'
  | 'confirmSetting'
  | 'progress'
  | 'done'
> &
  Partial<Pick<ActionSpec<WorkspaceView, WorkspaceAction, I>, 'progress' | 'done'>>;

/**
 * A WorkSpace action of the action table: its command id, title, ids per call, confirmation, texts,
 * the state an accepted WorkSpace shows at once and the states that settle a lost answer come from
 * its row; the verb adds the call (and may replace the row's local change and verdict).
 */
export function workspaceAction<I = undefined>(action: WorkspaceAction, spec: VerbSpec<I>): CommandSpec {
  const row = ACTION_TABLE[action];
  const command = actionCommand(action);
  const progress = spec.progress ?? command.progress;
  const done = spec.done ?? command.done;
  if (progress === undefined || done === undefined) {
    throw new Error(`${command.id}: no progress or done text, in core/actionTable.ts or the verb`);
  }
  const next = row.stateAfter;
  return resourceAction<WorkspaceView, WorkspaceAction, I>({
    ...spec,
    id: command.id,
    title: command.name,
    resource: WORKSPACES,
    action,
    idsPerCall: row.idsPerCall,
    participle: command.participle,
    button: command.button,
    confirm: command.confirm,
    confirmSetting: command.confirmSetting,
    consequence: spec.consequence ?? command.consequence,
    progress,
    done,
    patch: spec.patch ?? (next ? (w) => ({ ...w, State: next }) : undefined),
    verify: spec.verify ?? (row.applied ? (before, after) => workspaceVerdict(action, before, after) : undefined),
  });
}
