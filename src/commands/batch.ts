// What every WorkSpace action shares: which rows it acts on (the tree's multi-selection or the
// palette's pickers), the split into eligible and skipped WorkSpaces (told before anything runs),
// the confirmations, the run with a cancellable progress notification (the token becomes the
// AbortSignal of the AWS calls), the moving state shown at once, and the summary.
import * as vscode from 'vscode';
import type { WorkspacesApi } from '../aws/api';
import { isAwsError } from '../core/errors';
import type { WorkspaceView } from '../core/present';
import { isMoving } from '../core/states';
import { ACTION_RULES, type WorkspaceAction } from '../core/rules';
import type { ActionOutcome } from '../core/types';
import { validateTypedConfirmation } from '../core/validation';
import type { ScopeModel } from '../fleet/scopeModel';
import { Node, WorkspaceNode } from '../tree/nodes';
import type { Services } from '../services';
import {
  bulletList,
  noneEligibleMessage,
  plural,
  reasonFor,
  shortLabel,
  skippedList,
  STATE_AFTER,
  summarize,
  type Summary,
} from './format';
import { pickScope, pickWorkspaces, type Target } from './pickers';
import type { CommandSpec } from './registry';
import { notify } from './notify';

export type { Target } from './pickers';

export const CONFIRM_SETTING = 'confirmStopReboot';

/**
 * The rows a tree command acts on. VS Code passes the clicked row and the multi-selection; the
 * selection counts only when it contains the clicked row (a right-click outside the selection acts
 * on that row alone).
 */
export function selectedNodes<T extends Node>(node: unknown, selected: unknown, is: (n: unknown) => n is T): T[] {
  if (!is(node)) return [];
  if (Array.isArray(selected) && selected.some((n) => n === node || (n instanceof Node && n.id === node.id))) {
    const byId = new Map<string, T>();
    for (const n of selected.filter(is)) if (!byId.has(n.id)) byId.set(n.id, n);
    return [...byId.values()];
  }
  return [node];
}

export const isWorkspaceNode = (n: unknown): n is WorkspaceNode =>
  n instanceof WorkspaceNode && n.scopeModel !== undefined;

/** The current model value of a WorkSpace (fresher than the row's copy). */
export function current(t: Target): WorkspaceView | undefined {
  return t.model.workspaces.items.get(t.id);
}

export function targetsOfNodes(nodes: readonly WorkspaceNode[]): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const n of nodes) {
    const model = n.scopeModel;
    if (!model) continue;
    const key = `${model.key}\u0000${n.workspaceId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ model, id: n.workspaceId, label: shortLabel(model.workspaces.items.get(n.workspaceId) ?? n.workspace) });
  }
  return out;
}

/**
 * From the tree: the clicked row or the selection. From the palette (no row): profile → region →
 * WorkSpaces pickers, listing only the WorkSpaces `action` can run on. Undefined = cancelled.
 */
export async function resolveTargets(
  s: Services,
  node: unknown,
  selected: unknown,
  action: WorkspaceAction | undefined,
  title: string,
  verb: string,
): Promise<Target[] | undefined> {
  if (node !== undefined) {
    const nodes = selectedNodes(node, selected, isWorkspaceNode);
    return nodes.length > 0 ? targetsOfNodes(nodes) : undefined;
  }
  const model = await pickScope(s, title);
  if (!model) return undefined;
  return pickWorkspaces(model, action, title, verb);
}

export interface Plan {
  eligible: Target[];
  skipped: Array<{ label: string; reason: string; id: string }>;
}

/** Splits targets with the rules table (the same rules that gate the menus). */
export function plan(action: WorkspaceAction | undefined, targets: readonly Target[]): Plan {
  const out: Plan = { eligible: [], skipped: [] };
  for (const t of targets) {
    const reason = action ? reasonFor(action, current(t)) : current(t) ? undefined : 'no longer exists';
    if (reason === undefined) out.eligible.push(t);
    else out.skipped.push({ label: t.label, reason, id: t.id });
  }
  return out;
}

export function confirmEnabled(): boolean {
  return vscode.workspace.getConfiguration('workspacesFleet').get<boolean>(CONFIRM_SETTING, true);
}

/** A modal warning; true when the user pressed `button`. */
export async function confirmModal(message: string, detail: string, button: string): Promise<boolean> {
  const choice = await notify.warn(message, { modal: true, detail }, button);
  return choice === button;
}

/** The second step of a destructive action: the user types `expected` (an id or a count). */
export async function typedConfirmation(title: string, prompt: string, expected: string): Promise<boolean> {
  const typed = await vscode.window.showInputBox({
    title,
    prompt,
    placeHolder: expected,
    ignoreFocusOut: true,
    validateInput: (text) => validateTypedConfirmation(text, expected),
  });
  return typed !== undefined && validateTypedConfirmation(typed, expected) === undefined;
}

/** "\n\nSkipped (…):\n• …" or "" — appended to confirmation details. */
export function skippedSection(skipped: Plan['skipped'], verb: string): string {
  if (skipped.length === 0) return '';
  return `\n\nSkipped — ${plural(skipped.length, 'WorkSpace', 'WorkSpaces')} cannot be ${verb} now:\n${skippedList(skipped)}`;
}

/** Splits ids into calls of `size`. */
function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function failureOf(id: string, e: unknown): ActionOutcome {
  if (isAwsError(e)) return { id, ok: false, code: e.code, message: e.message, kind: e.kind };
  return { id, ok: false, code: 'Error', message: e instanceof Error ? e.message : String(e) };
}

export interface BatchOptions<T extends { model: ScopeModel; id: string }> {
  /** Progress title, e.g. "Stopping WorkSpaces". */
  title: string;
  targets: readonly T[];
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
export async function runBatch<T extends { model: ScopeModel; id: string }>(
  s: Services,
  o: BatchOptions<T>,
): Promise<ActionOutcome[]> {
  const layer = await s.aws();
  const byScope = new Map<ScopeModel, string[]>();
  for (const t of o.targets) byScope.set(t.model, [...(byScope.get(t.model) ?? []), t.id]);
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
          [...byScope].flatMap(([model, ids]) => {
            const api = layer.api(model.scope);
            return chunk(ids, o.chunkSize).map(async (part) => {
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

/** Shows accepted actions at once (e.g. STOPPED → STOPPING) and lets polling follow them. */
export function applyAccepted(
  s: Services,
  action: WorkspaceAction,
  targets: readonly Target[],
  outcomes: readonly ActionOutcome[],
): void {
  const ok = new Set(outcomes.filter((o) => o.ok).map((o) => o.id));
  const next = STATE_AFTER[action];
  const byScope = new Map<ScopeModel, string[]>();
  for (const t of targets) if (ok.has(t.id)) byScope.set(t.model, [...(byScope.get(t.model) ?? []), t.id]);
  for (const [model, ids] of byScope) {
    if (next) model.patchWorkspaces(ids, (w) => ({ ...w, State: next }));
    // A settled target state (maintenance) is confirmed by one re-read; moving ones are polled.
    if (!next || !isMoving(next)) {
      void model.refreshWorkspaces(ids).then(
        () => s.poller.kick(),
        (e: unknown) =>
          s.log.warn(
            `Re-reading ${ids.length} WorkSpaces after ${action} failed: ${e instanceof Error ? e.message : String(e)}`,
          ),
      );
    }
  }
  // A cancel leaves calls whose fate is unknown (aborted in flight): re-read those WorkSpaces.
  const unknown = new Set(outcomes.filter((o) => !o.ok && o.kind === 'cancelled').map((o) => o.id));
  for (const model of new Set(targets.map((t) => t.model))) {
    const ids = targets.filter((t) => t.model === model && unknown.has(t.id)).map((t) => t.id);
    if (ids.length > 0) {
      void model.refreshWorkspaces(ids).then(
        () => s.poller.kick(),
        (e: unknown) =>
          s.log.warn(
            `Re-reading ${ids.length} WorkSpaces after a cancel failed: ${e instanceof Error ? e.message : String(e)}`,
          ),
      );
    }
  }
  s.poller.kick();
}

export interface ActionResult {
  outcomes: ActionOutcome[];
  skipped: Plan['skipped'];
}

export interface WorkspaceActionSpec {
  id: string;
  action: WorkspaceAction;
  /** "Stopping WorkSpaces" */
  progress: string;
  /** "Stopped" */
  past: string;
  /** "stopped" (for "cannot be stopped") */
  participle: string;
  /** Button of the confirmation ("Stop"). */
  button: string;
  /** none: asks only when some are skipped; stopReboot: modal (setting); destructive: modal + typed id. */
  confirm: 'none' | 'stopReboot' | 'destructive';
  /** Why it matters, first paragraph of the confirmation. */
  consequence?: string;
  call: (api: WorkspacesApi, ids: string[], signal: AbortSignal) => Promise<ActionOutcome[]>;
}

/** Asks what the spec says; true = go. */
async function confirmFor(spec: WorkspaceActionSpec, p: Plan): Promise<boolean> {
  const n = p.eligible.length;
  const what = n === 1 ? p.eligible[0].label : plural(n, 'WorkSpace', 'WorkSpaces');
  const list = bulletList(p.eligible.map((t) => t.label));
  const skipped = skippedSection(p.skipped, spec.participle);
  const consequence = spec.consequence ? `${spec.consequence}\n\n` : '';
  if (spec.confirm === 'destructive') {
    const go = await confirmModal(`${spec.button} ${what}?`, `${consequence}${list}${skipped}`, `${spec.button}…`);
    if (!go) return false;
    const expected = n === 1 ? p.eligible[0].id : String(n);
    return typedConfirmation(
      `${spec.button} ${what}`,
      n === 1
        ? `Type the WorkSpace ID ${expected} to ${spec.button.toLowerCase()} it. This cannot be undone.`
        : `Type ${expected}, the number of WorkSpaces, to ${spec.button.toLowerCase()} them. This cannot be undone.`,
      expected,
    );
  }
  if (spec.confirm === 'stopReboot' && confirmEnabled()) {
    return confirmModal(`${spec.button} ${what}?`, `${consequence}${list}${skipped}`, spec.button);
  }
  if (p.skipped.length > 0) {
    return confirmModal(
      `${spec.button} ${n} of the ${n + p.skipped.length} selected WorkSpaces?`,
      `${list}${skipped}`,
      spec.button,
    );
  }
  return true;
}

/** A lifecycle command over one or many WorkSpaces, from the tree or the palette. */
export function workspaceAction(spec: WorkspaceActionSpec): CommandSpec {
  const rule = ACTION_RULES[spec.action];
  return {
    id: spec.id,
    async run(s, node?: unknown, selected?: unknown): Promise<ActionResult | undefined> {
      const targets = await resolveTargets(s, node, selected, spec.action, `${rule.label} WorkSpaces`, spec.participle);
      if (!targets || targets.length === 0) return undefined;
      const p = plan(spec.action, targets);
      if (p.eligible.length === 0) {
        void notify.info(noneEligibleMessage(spec.participle, p.skipped));
        return { outcomes: [], skipped: p.skipped };
      }
      if (!(await confirmFor(spec, p))) return undefined;
      const outcomes = await runBatch(s, {
        title: spec.progress,
        targets: p.eligible,
        chunkSize: rule.idsPerCall,
        call: spec.call,
      });
      applyAccepted(s, spec.action, p.eligible, outcomes);
      const labels = new Map(p.eligible.map((t) => [t.id, t.label]));
      report(
        s,
        `${rule.label} (${scopesOf(p.eligible)})`,
        summarize({ verbPast: spec.past, outcomes, labels, skipped: p.skipped }),
      );
      return { outcomes, skipped: p.skipped };
    },
  };
}

/** "sandbox-prod us-east-1, sandbox-dev us-west-2" for log headers. */
export function scopesOf(targets: ReadonlyArray<{ model: ScopeModel }>): string {
  return [...new Set(targets.map((t) => `${t.model.scope.profile} ${t.model.scope.region}`))].join(', ');
}
