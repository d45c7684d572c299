// The text the commands show: the labels of WorkSpaces and pools, the confirmation lists, the
// batch summary ("Stopping 23 of 25; 2 failed: …"), connection details and the palette's pick
// items. No `vscode` import (lint-enforced): the unit tests run this in plain Node. Every API
// string ends up in plain-text messages only.
import type { WorkspaceDirectory } from '@aws-sdk/client-workspaces';
import {
  autoStopHours,
  connectionLabel,
  directoryLabel,
  runningModeLabel,
  stateLabel,
  type WorkspaceView,
} from '../../core/present';
import { formatUtc, inertPickItem, oneLine } from '../../core/text';
import type { ActionOutcome } from '../../core/types';

/** [singular, plural] of what a command acts on. */
export type Noun = readonly [string, string];
export const WORKSPACE_NOUN: Noun = ['WorkSpace', 'WorkSpaces'];
export const POOL_NOUN: Noun = ['pool', 'pools'];

/** "alice.nguyen (ws-a1c3e5g7i)". */
export function shortLabel(ws: {
  WorkspaceId?: string | undefined;
  UserName?: string | undefined;
  WorkspaceName?: string | undefined;
}): string {
  const id = ws.WorkspaceId ?? '?';
  const who = ws.UserName ?? ws.WorkspaceName;
  return who ? `${who} (${id})` : id;
}

/** "call-center (wspool-…)". */
export function poolLabel(p: { PoolId?: string | undefined; PoolName?: string | undefined }): string {
  return p.PoolName ? `${p.PoolName} (${p.PoolId ?? '?'})` : (p.PoolId ?? '?');
}

/** Up to `max` names, one per line with a bullet, then "… and N more". */
export function bulletList(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((n) => `• ${n}`);
  if (names.length > max) shown.push(`… and ${names.length - max} more`);
  return shown.join('\n');
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** One line per skipped item: "• carol.diaz (ws-…) is STOPPED (Stop needs …)". */
function skippedList(skipped: ReadonlyArray<{ label: string; reason: string }>, max = 10): string {
  return bulletList(
    skipped.map((s) => `${s.label} ${s.reason}`),
    max,
  );
}

// ---- Batch summary ------------------------------------------------------------------------

export interface SummaryInput {
  /** What the accepted items do now or had done: "Stopping", "Set AlwaysOn on". */
  verb: string;
  /** What was acted on; default WorkSpace(s). */
  noun?: Noun;
  outcomes: readonly ActionOutcome[];
  /** Label of each id for the log ("alice.nguyen (ws-…)"); the id alone when absent. */
  labels?: ReadonlyMap<string, string>;
  /** Items left out before anything ran (not eligible), with reasons. */
  skipped?: ReadonlyArray<{ label: string; reason: string }>;
  /** Of the ok outcomes, how many a re-read confirmed after their answer was lost. */
  confirmedAfterLoss?: number;
}

export interface Summary {
  /** The notification: one line, plain text. */
  message: string;
  level: 'info' | 'warning' | 'error';
  /** The per-item list for the output channel. */
  lines: string[];
  ok: number;
  failed: number;
  cancelled: number;
  /** Answers lost that a re-read could not settle (may have been applied). */
  unknown: number;
}

const SHOWN_FAILURES = 3;
const MESSAGE_CLIP = 140;

/**
 * "Stopping 25 WorkSpaces." / "Stopping 23 of 25; 2 failed: ws-… InvalidResourceState.Stopped — The
 * WorkSpace … ; ws-… …" / "… 3 cancelled" / "… 2 skipped". Cancelled items are the calls a user's
 * cancel stopped: not sent, or sent and aborted before the answer (so possibly applied).
 */
export function summarize(input: SummaryInput): Summary {
  const [one, many] = input.noun ?? WORKSPACE_NOUN;
  const outcomes = input.outcomes;
  const ok = outcomes.filter((o) => o.ok);
  const cancelled = outcomes.filter((o) => !o.ok && o.kind === 'cancelled' && o.unknown !== true);
  // An answer that was lost is never a failure: the action may have been applied.
  const unknown = outcomes.filter((o) => !o.ok && o.unknown === true);
  const failed = outcomes.filter(
    (o): o is Extract<ActionOutcome, { ok: false }> => !o.ok && o.kind !== 'cancelled' && o.unknown !== true,
  );
  const skipped = input.skipped ?? [];
  const label = (id: string): string => input.labels?.get(id) ?? id;
  const total = outcomes.length;

  let message: string;
  if (total === 0) {
    message = 'Nothing to do.';
  } else if (failed.length === 0 && cancelled.length === 0 && unknown.length === 0) {
    message = total === 1 ? `${input.verb} ${label(outcomes[0].id)}.` : `${input.verb} ${plural(total, one, many)}.`;
  } else {
    const parts = [`${input.verb} ${ok.length} of ${plural(total, one, many)}`];
    if (failed.length > 0) {
      const shown = failed
        .slice(0, SHOWN_FAILURES)
        .map((f) => `${f.id} ${f.code} — ${clip(oneLine(f.message), MESSAGE_CLIP)}`)
        .join('; ');
      const more = failed.length > SHOWN_FAILURES ? ` (+${failed.length - SHOWN_FAILURES} more)` : '';
      parts.push(`${failed.length} failed: ${shown}${more}`);
    }
    if (unknown.length > 0) {
      parts.push(
        `${unknown.length} unknown — the answer was lost and a re-read cannot tell; check before acting again`,
      );
    }
    if (cancelled.length > 0) parts.push(`${cancelled.length} cancelled`);
    message = parts.join('; ');
  }
  const confirmed = input.confirmedAfterLoss ?? 0;
  if (confirmed > 0) {
    message = `${message.replace(/\.$/, '')} (${confirmed} confirmed by a re-read: the answer was lost).`;
  }
  if (skipped.length > 0) message += `${/[.]$/.test(message) ? '' : '.'} ${skipped.length} skipped (not eligible).`;
  else if (!/[.)]$/.test(message)) message += '.';

  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.ok) lines.push(`  ✔ ${label(o.id)}`);
    else if (o.unknown === true) lines.push(`  ? ${label(o.id)}: unknown — ${oneLine(o.message)}`);
    else if (o.kind === 'cancelled') {
      lines.push(`  ⊘ ${label(o.id)}: cancelled (not sent, or sent without an answer: refresh to see its state)`);
    } else lines.push(`  ✘ ${label(o.id)}: ${o.code} — ${oneLine(o.message)}`);
  }
  for (const s of skipped) lines.push(`  – ${s.label}: skipped, ${s.reason}`);

  const level =
    failed.length === 0 && cancelled.length === 0 && unknown.length === 0
      ? 'info'
      : ok.length === 0 && unknown.length === 0
        ? 'error'
        : 'warning';
  return {
    message,
    level,
    lines,
    ok: ok.length,
    failed: failed.length,
    cancelled: cancelled.length,
    unknown: unknown.length,
  };
}

// ---- Connection details -------------------------------------------------------------------

/** What a user (or the help desk) needs to reach a WorkSpace, as plain-text lines. */
export function connectionDetails(ws: WorkspaceView, directory: WorkspaceDirectory | undefined, now: Date): string[] {
  const p = ws.WorkspaceProperties ?? {};
  const c = ws.connection;
  const conn = connectionLabel(ws, now) || 'unknown (status not loaded)';
  const rows: [string, string | undefined][] = [
    ['User', ws.UserName],
    ['WorkSpace ID', ws.WorkspaceId],
    ['State', `${stateLabel(ws.State)} · ${runningModeLabel(p.RunningMode)}`],
    [
      'Connection',
      ws.statusError !== undefined
        ? `unavailable: ${ws.statusError}${c?.ConnectionState ? ` (last known: ${c.ConnectionState})` : ''}`
        : c?.ConnectionState
          ? `${conn} (${c.ConnectionState})`
          : conn,
    ],
    ['Last connected', formatUtc(c?.LastKnownUserConnectionTimestamp) || (c ? 'never' : undefined)],
    ['Registration code', directory?.RegistrationCode],
    ['Directory', directory ? `${directoryLabel(directory)} (${ws.DirectoryId ?? ''})` : ws.DirectoryId],
    ['IP address', ws.IpAddress],
    ['Computer name', ws.ComputerName],
    ['Protocols', p.Protocols?.join(', ')],
    ['AutoStop', autoStopHours(ws) !== undefined ? `${autoStopHours(ws)} h after the user disconnects` : undefined],
  ];
  return rows
    .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
    .map(([k, v]) => `${k}: ${oneLine(v)}`);
}

// ---- Palette pick items ---------------------------------------------------------------------

export interface WorkspacePickItem {
  label: string;
  description: string;
  detail: string;
  workspaceId: string;
}

/**
 * The WorkSpaces the palette offers (those `eligible` accepts; all when undefined), sorted by user
 * name, and how many were left out because the action cannot run on them.
 */
export function workspacePickItems(
  list: Iterable<WorkspaceView>,
  eligible: ((ws: WorkspaceView) => boolean) | undefined,
  directoryName: (id: string | undefined) => string | undefined = () => undefined,
  now: Date,
): { items: WorkspacePickItem[]; hidden: number } {
  const items: WorkspacePickItem[] = [];
  let hidden = 0;
  for (const ws of list) {
    if (!ws.WorkspaceId) continue;
    if (eligible && !eligible(ws)) {
      hidden++;
      continue;
    }
    const conn = connectionLabel(ws, now);
    items.push(
      inertPickItem({
        label: ws.UserName ?? ws.WorkspaceName ?? ws.WorkspaceId,
        description: [stateLabel(ws.State), runningModeLabel(ws.WorkspaceProperties?.RunningMode), conn]
          .filter(Boolean)
          .join(' · '),
        detail: [ws.WorkspaceId, directoryName(ws.DirectoryId) ?? ws.DirectoryId, ws.ComputerName, ws.IpAddress]
          .filter(Boolean)
          .join(' · '),
        workspaceId: ws.WorkspaceId,
      }),
    );
  }
  items.sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.workspaceId, b.workspaceId));
  return { items, hidden };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Reasons the first few skipped items give, for "none of them can be started" messages. */
export function noneEligibleMessage(
  verb: string,
  skipped: ReadonlyArray<{ label: string; reason: string }>,
  noun: Noun = WORKSPACE_NOUN,
): string {
  const n = skipped.length;
  const head =
    n === 1
      ? `${skipped[0].label} cannot be ${verb}: it ${skipped[0].reason}.`
      : `None of the ${n} selected ${noun[1]} can be ${verb}.`;
  if (n === 1) return head;
  const shown = skipped.slice(0, 3).map((s) => `${s.label} ${s.reason}`);
  return `${head} ${shown.join('; ')}${n > 3 ? `; and ${n - 3} more` : ''}.`;
}

/** "\n\nSkipped — 2 WorkSpaces cannot be stopped now:\n• …" or "" — appended to confirmation details. */
export function skippedSection(
  skipped: ReadonlyArray<{ label: string; reason: string }>,
  verb: string,
  noun: Noun = WORKSPACE_NOUN,
): string {
  if (skipped.length === 0) return '';
  return `\n\nSkipped — ${plural(skipped.length, noun[0], noun[1])} cannot be ${verb} now:\n${skippedList(skipped)}`;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
