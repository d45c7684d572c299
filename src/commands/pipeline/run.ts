// The run step of every action: calls of at most `chunkSize` ids per scope under a cancellable
// progress notification (the token becomes the AbortSignal of the AWS calls), one outcome per item
// (never thrown away), the outcomes applied to the model in one place (`settle`), and the
// summary (one line to the user, one line per item to the log).
import * as vscode from 'vscode';
import type { WorkspacesApi } from '../../aws/api';
import { chunk } from '../../core/chunk';
import { isAwsError, toScopeError } from '../../core/errors';
import type { ActionOutcome, ActionUnknown } from '../../core/types';
import { checkUnknown, type Verdict } from '../../fleet/outcomes';
import type { ScopeModel } from '../../fleet/scopeModel';
import type { Services } from '../../services';
import { notify } from './notify';
import { summarize, type Summary } from './messages';
import type { Resource, Target } from './resources';
import { byScope, scopesOf } from './selection';

export type Call<I> = (api: WorkspacesApi, ids: string[], input: I, signal: AbortSignal) => Promise<ActionOutcome[]>;

/** What happens once the items are chosen and confirmed. */
export interface RunSpec<T, A extends string, I> {
  /** "Stop WorkSpaces": the log header, and the title of a failure. */
  readonly title: string;
  readonly resource: Resource<T, A>;
  /**
   * What the summary says of the accepted items: "Stopping" for what AWS finishes later (the rows
   * show Stopping until it has: "Stopping 3 WorkSpaces."), "Set AlwaysOn on" for what is done.
   */
  readonly done: string | ((input: I) => string);
  /** The progress notification ("Stopping WorkSpaces"). */
  readonly progress: string | ((input: I) => string);
  /** Ids the API takes per call. */
  readonly idsPerCall: number;
  readonly call: Call<I>;
  /** The local change an accepted item shows at once (STOPPED → STOPPING). */
  readonly patch?: (item: T, input: I) => T;
  /** Follow accepted items until they settle (default true). */
  readonly follow?: boolean;
  /** A complete success goes to the log only (no notification). */
  readonly quietSuccess?: boolean;
  /** After the outcomes are applied (e.g. add the WorkSpaces a migration creates). */
  readonly settled?: (s: Services, targets: readonly Target[], outcomes: readonly ActionOutcome[], input: I) => void;
  /**
   * Whether a re-read shows the action applied to an item (`before`: as it was when sent; `after`:
   * as re-read, undefined when gone). Items whose answer was lost are settled with it; without it
   * they stay "unknown" (re-read, never sent again).
   */
  readonly verify?: (before: T | undefined, after: T | undefined, input: I) => Verdict;
}

/** Wait before the second look at an item whose answer was lost and that shows no change yet. */
export const UNKNOWN_RECHECK = { ms: 2000 };

export interface ActionResult {
  outcomes: ActionOutcome[];
  skipped: Array<{ id: string; label: string; reason: string }>;
}

const text = <I>(v: string | ((input: I) => string), input: I): string => (typeof v === 'string' ? v : v(input));

function failureOf(id: string, e: unknown): ActionOutcome {
  const { code, message } = toScopeError(e);
  return { id, ok: false, code, message, ...(isAwsError(e) ? { kind: e.kind } : {}) };
}

export interface BatchOptions {
  /** Progress title, e.g. "Stopping WorkSpaces". */
  title: string;
  targets: ReadonlyArray<{ model: ScopeModel; id: string }>;
  /** Ids per call (the API's limit); each call reports progress as it completes. */
  chunkSize: number;
  call: (api: WorkspacesApi, ids: string[], signal: AbortSignal) => Promise<ActionOutcome[]>;
  /** A last step under the same progress notification (settling answers that were lost). */
  after?: (
    outcomes: ActionOutcome[],
    progress: vscode.Progress<{ message?: string; increment?: number }>,
  ) => Promise<ActionOutcome[]>;
}

/**
 * Runs an action over targets of any number of scopes, in calls of `chunkSize` ids (the AWS layer
 * bounds how many run at once), under a cancellable progress notification with counts. A cancel
 * aborts the calls in flight and the ones not yet sent; they come back as `cancelled` outcomes.
 * Never throws: a failed call marks its ids failed.
 */
export async function runBatch(s: Services, o: BatchOptions): Promise<ActionOutcome[]> {
  const layer = await s.aws();
  const total = o.targets.length;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: o.title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let done = 0;
      progress.report({ message: `0 of ${total}` });
      try {
        const parts = await Promise.all(
          [...byScope(o.targets)].flatMap(([model, targets]) => {
            const api = layer.api(model.scope);
            return chunk(
              targets.map((t) => t.id),
              o.chunkSize,
            ).map(async (part) => {
              let out: ActionOutcome[];
              try {
                out = await o.call(api, part, abort.signal);
              } catch (e) {
                out = part.map((id) => failureOf(id, e));
              }
              done += part.length;
              progress.report({ increment: (part.length / total) * 100, message: `${done} of ${total}` });
              return out;
            });
          }),
        );
        const outcomes = parts.flat();
        return o.after ? await o.after(outcomes, progress) : outcomes;
      } finally {
        sub.dispose();
      }
    },
  );
}

/** Writes the per-item list to the log and shows the one-line summary with "Show details". */
export function report(s: Services, header: string, summary: Summary): void {
  const log = summary.level === 'info' ? s.log.info.bind(s.log) : s.log.warn.bind(s.log);
  const unknown = summary.unknown > 0 ? `, ${summary.unknown} unknown` : '';
  log(`${header}: ${summary.ok} done, ${summary.failed} failed, ${summary.cancelled} cancelled${unknown}`);
  for (const line of summary.lines) s.log.info(line);
  const show = summary.level === 'error' ? notify.error : summary.level === 'warning' ? notify.warn : notify.info;
  // Not awaited: the toast stays until dismissed, the command is done.
  void Promise.resolve(show(summary.message, 'Show details')).then((choice) => {
    if (choice === 'Show details') s.log.show(true);
  });
}

const isUnknown = (o: ActionOutcome): o is ActionUnknown => !o.ok && o.unknown === true;

/**
 * Settles the items whose answer was lost ("unknown — checking"): re-read by id at an action's
 * priority, each becomes done (ok), not done (failed, code NotApplied) or stays unknown with what
 * the re-read showed. The action is never sent again. `confirmed` collects the ids found done.
 */
async function settleUnknown<T, A extends string, I>(
  s: Services,
  spec: RunSpec<T, A, I>,
  targets: readonly Target[],
  before: ReadonlyMap<string, T | undefined>,
  input: I,
  outcomes: ActionOutcome[],
  progress: vscode.Progress<{ message?: string }>,
  confirmed: Set<string>,
): Promise<ActionOutcome[]> {
  const lost = outcomes.filter(isUnknown);
  const { verify } = spec;
  const readNow = spec.resource.readNow;
  if (lost.length === 0 || !verify || !readNow) return outcomes;
  const what = `${lost.length} ${spec.resource.noun[lost.length === 1 ? 0 : 1]}`;
  progress.report({ message: `answer lost for ${what}: unknown — checking` });
  s.log.warn(
    `${spec.title}: the answer for ${what} was lost (${lost[0].code}: ${lost[0].message}); outcome unknown — checking by re-reading, not sending again`,
  );
  const lostIds = new Set(lost.map((o) => o.id));
  const settled = new Map<string, ActionOutcome>();
  await Promise.all(
    [...byScope(targets.filter((t) => lostIds.has(t.id)))].map(async ([model, items]) => {
      const ids = items.map((t) => t.id);
      const r = await checkUnknown(ids, before, {
        reread: (part) => readNow(model, part),
        current: (id) => spec.resource.current(model, id),
        verdict: (b, a) => verify(b, a, input),
        recheckMs: UNKNOWN_RECHECK.ms,
      });
      if (r.error) s.log.warn(`${spec.title}: re-reading ${ids.length} to settle lost answers failed: ${r.error}`);
      for (const id of ids) {
        const v = r.verdicts.get(id);
        const was = lost.find((o) => o.id === id) as ActionUnknown;
        const now = spec.resource.current(model, id) as { State?: string } | undefined;
        const state = now?.State ? ` (now ${now.State})` : now === undefined ? ' (no longer listed)' : '';
        if (v === 'done') {
          confirmed.add(id);
          settled.set(id, { id, ok: true });
        } else if (v === 'notDone') {
          settled.set(id, {
            id,
            ok: false,
            code: 'NotApplied',
            message: `The answer was lost and a re-read shows it unchanged${state}: the action was not applied; run it again if it is still needed.`,
          });
        } else {
          settled.set(id, {
            ...was,
            message: `The answer was lost (${was.code}) and ${r.error ? 'the re-read failed' : `a re-read cannot tell whether it was applied${state}`}: check it before acting again.`,
          });
        }
      }
    }),
  );
  return outcomes.map((o) => settled.get(o.id) ?? o);
}

/**
 * The one place outcomes change the model: accepted items show the spec's local change at once
 * (not the ones a re-read already confirmed: the model has their real state) and are followed
 * until they settle; items whose fate is unknown (a call aborted in flight by a cancel, or an
 * answer lost that could not be settled) are re-read; refused ones stay as they were.
 */
function settle<T, A extends string, I>(
  s: Services,
  spec: RunSpec<T, A, I>,
  targets: readonly Target[],
  outcomes: readonly ActionOutcome[],
  input: I,
  confirmed: ReadonlySet<string> = new Set(),
): void {
  const accepted = new Set(outcomes.filter((o) => o.ok).map((o) => o.id));
  const unknown = new Set(
    outcomes.filter((o) => !o.ok && (o.kind === 'cancelled' || o.unknown === true)).map((o) => o.id),
  );
  const { patch } = spec;
  for (const [model, items] of byScope(targets)) {
    const ids = items.map((t) => t.id);
    const ok = ids.filter((id) => accepted.has(id));
    const shown = ok.filter((id) => !confirmed.has(id));
    if (shown.length > 0 && patch) spec.resource.patch(model, shown, (item) => patch(item, input));
    if (ok.length > 0 && spec.follow !== false) spec.resource.follow(s, model, ok);
    const lost = ids.filter((id) => unknown.has(id));
    if (lost.length > 0) spec.resource.reread(s, model, lost);
  }
  s.poller.kick();
}

/** Runs the calls, settles the outcomes and reports them. */
export async function perform<T, A extends string, I>(
  s: Services,
  spec: RunSpec<T, A, I>,
  targets: readonly Target[],
  input: I,
  skipped: ActionResult['skipped'] = [],
): Promise<ActionResult> {
  // As each item was when sent: what a re-read is compared with when its answer is lost.
  const before = new Map(targets.map((t) => [t.id, spec.resource.current(t.model, t.id)]));
  const confirmed = new Set<string>();
  const outcomes = await runBatch(s, {
    title: text(spec.progress, input),
    targets,
    chunkSize: spec.idsPerCall,
    call: (api, ids, signal) => spec.call(api, ids, input, signal),
    after: (out, progress) => settleUnknown(s, spec, targets, before, input, out, progress, confirmed),
  });
  settle(s, spec, targets, outcomes, input, confirmed);
  spec.settled?.(s, targets, outcomes, input);
  const header = `${spec.title} (${scopesOf(targets)})`;
  const summary = summarize({
    verb: text(spec.done, input),
    noun: spec.resource.noun,
    outcomes,
    labels: new Map(targets.map((t) => [t.id, t.label])),
    skipped,
    confirmedAfterLoss: confirmed.size,
  });
  if (spec.quietSuccess && summary.level === 'info') s.log.info(`${header}: ${summary.message}`);
  else report(s, header, summary);
  return { outcomes, skipped: [...skipped] };
}
