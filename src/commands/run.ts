// The run step of every action: calls of at most `chunkSize` ids per scope under a cancellable
// progress notification (the token becomes the AbortSignal of the AWS calls), one outcome per item
// (never thrown away), the outcomes applied to the model in one place (`settle`), and the
// summary (one line to the user, one line per item to the log).
import * as vscode from 'vscode';
import type { WorkspacesApi } from '../aws/api';
import { chunk } from '../core/chunk';
import { isAwsError, toScopeError } from '../core/errors';
import type { ActionOutcome } from '../core/types';
import type { ScopeModel } from '../fleet/scopeModel';
import type { Services } from '../services';
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
}

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
        return parts.flat();
      } finally {
        sub.dispose();
      }
    },
  );
}

/** Writes the per-item list to the log and shows the one-line summary with "Show details". */
export function report(s: Services, header: string, summary: Summary): void {
  const log = summary.level === 'info' ? s.log.info.bind(s.log) : s.log.warn.bind(s.log);
  log(`${header}: ${summary.ok} done, ${summary.failed} failed, ${summary.cancelled} cancelled`);
  for (const line of summary.lines) s.log.info(line);
  const show = summary.level === 'error' ? notify.error : summary.level === 'warning' ? notify.warn : notify.info;
  // Not awaited: the toast stays until dismissed, the command is done.
  void Promise.resolve(show(summary.message, 'Show details')).then((choice) => {
    if (choice === 'Show details') s.log.show(true);
  });
}

/**
 * The one place outcomes change the model: accepted items show the spec's local change at once
 * and are followed until they settle; items whose fate is unknown (a call aborted in flight by a
 * cancel) are re-read; refused ones stay as they were.
 */
function settle<T, A extends string, I>(
  s: Services,
  spec: RunSpec<T, A, I>,
  targets: readonly Target[],
  outcomes: readonly ActionOutcome[],
  input: I,
): void {
  const accepted = new Set(outcomes.filter((o) => o.ok).map((o) => o.id));
  const unknown = new Set(outcomes.filter((o) => !o.ok && o.kind === 'cancelled').map((o) => o.id));
  const { patch } = spec;
  for (const [model, items] of byScope(targets)) {
    const ids = items.map((t) => t.id);
    const ok = ids.filter((id) => accepted.has(id));
    if (ok.length > 0 && patch) spec.resource.patch(model, ok, (item) => patch(item, input));
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
  const outcomes = await runBatch(s, {
    title: text(spec.progress, input),
    targets,
    chunkSize: spec.idsPerCall,
    call: (api, ids, signal) => spec.call(api, ids, input, signal),
  });
  settle(s, spec, targets, outcomes, input);
  spec.settled?.(s, targets, outcomes, input);
  const header = `${spec.title} (${scopesOf(targets)})`;
  const summary = summarize({
    verb: text(spec.done, input),
    noun: spec.resource.noun,
    outcomes,
    labels: new Map(targets.map((t) => [t.id, t.label])),
    skipped,
  });
  if (spec.quietSuccess && summary.level === 'info') s.log.info(`${header}: ${summary.message}`);
  else report(s, header, summary);
  return { outcomes, skipped: [...skipped] };
}
