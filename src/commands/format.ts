// Pure text of the lifecycle commands: the batch summary ("Stopped 23 of 25; 2 failed: …"), the
// confirmation lists, the ARN and console address of a WorkSpace, its connection details, the
// palette's pick items and the menu `when` regex of each action. No `vscode` import: the unit
// tests run this in plain Node. Every API string ends up in plain-text messages only.
import type { WorkspaceDirectory, WorkspaceState } from '@aws-sdk/client-workspaces';
import { connectionLabel, directoryLabel, runningModeLabel, stateLabel, type WorkspaceView } from '../core/present';
import { ACTION_RULES, canRun, whyNot, type WorkspaceAction } from '../core/rules';
import { WORKSPACE_STATES } from '../core/states';
import type { ActionOutcome } from '../core/types';

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
export function skippedList(skipped: ReadonlyArray<{ label: string; reason: string }>, max = 10): string {
  return bulletList(
    skipped.map((s) => `${s.label} ${s.reason}`),
    max,
  );
}

// ---- Batch summary ------------------------------------------------------------------------

export interface SummaryInput {
  /** "Stopped" */
  verbPast: string;
  /** [singular, plural] of what was acted on; default WorkSpace(s). */
  noun?: [string, string];
  outcomes: readonly ActionOutcome[];
  /** Label of each id for the log ("alice.nguyen (ws-…)"); the id alone when absent. */
  labels?: ReadonlyMap<string, string>;
  /** Items left out before anything ran (not eligible), with reasons. */
  skipped?: ReadonlyArray<{ label: string; reason: string }>;
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
}

const SHOWN_FAILURES = 3;
const MESSAGE_CLIP = 140;

/**
 * "Stopped 25 WorkSpaces." / "Stopped 23 of 25; 2 failed: ws-… InvalidResourceState.Stopped — The
 * WorkSpace … ; ws-… …" / "… 3 cancelled" / "… 2 skipped". Cancelled items are the calls a user's
 * cancel stopped: not sent, or sent and aborted before the answer (so possibly applied).
 */
export function summarize(input: SummaryInput): Summary {
  const [one, many] = input.noun ?? ['WorkSpace', 'WorkSpaces'];
  const outcomes = input.outcomes;
  const ok = outcomes.filter((o) => o.ok);
  const cancelled = outcomes.filter((o) => !o.ok && o.kind === 'cancelled');
  const failed = outcomes.filter((o): o is Extract<ActionOutcome, { ok: false }> => !o.ok && o.kind !== 'cancelled');
  const skipped = input.skipped ?? [];
  const label = (id: string): string => input.labels?.get(id) ?? id;
  const total = outcomes.length;

  let message: string;
  if (total === 0) {
    message = `Nothing was ${input.verbPast.toLowerCase()}.`;
  } else if (failed.length === 0 && cancelled.length === 0) {
    message =
      total === 1 ? `${input.verbPast} ${label(outcomes[0].id)}.` : `${input.verbPast} ${plural(total, one, many)}.`;
  } else {
    const parts = [`${input.verbPast} ${ok.length} of ${plural(total, one, many)}`];
    if (failed.length > 0) {
      const shown = failed
        .slice(0, SHOWN_FAILURES)
        .map((f) => `${f.id} ${f.code} — ${clip(oneLine(f.message), MESSAGE_CLIP)}`)
        .join('; ');
      const more = failed.length > SHOWN_FAILURES ? ` (+${failed.length - SHOWN_FAILURES} more)` : '';
      parts.push(`${failed.length} failed: ${shown}${more}`);
    }
    if (cancelled.length > 0) parts.push(`${cancelled.length} cancelled`);
    message = parts.join('; ');
  }
  if (skipped.length > 0) message += `${/[.]$/.test(message) ? '' : '.'} ${skipped.length} skipped (not eligible).`;
  else if (!/[.)]$/.test(message)) message += '.';

  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.ok) lines.push(`  ✔ ${label(o.id)}`);
    else if (o.kind === 'cancelled') {
      lines.push(`  ⊘ ${label(o.id)}: cancelled (not sent, or sent without an answer: refresh to see its state)`);
    } else lines.push(`  ✘ ${label(o.id)}: ${o.code} — ${oneLine(o.message)}`);
  }
  for (const s of skipped) lines.push(`  – ${s.label}: skipped, ${s.reason}`);

  const level = failed.length === 0 && cancelled.length === 0 ? 'info' : ok.length === 0 ? 'error' : 'warning';
  return { message, level, lines, ok: ok.length, failed: failed.length, cancelled: cancelled.length };
}

// ---- States an accepted action moves a WorkSpace to ------------------------------------------

/** The state a WorkSpace shows at once when the action was accepted (before the next poll). */
export const STATE_AFTER: Readonly<Partial<Record<WorkspaceAction, WorkspaceState>>> = {
  start: 'STARTING',
  stop: 'STOPPING',
  reboot: 'REBOOTING',
  rebuild: 'REBUILDING',
  restore: 'RESTORING',
  terminate: 'TERMINATING',
  enterMaintenance: 'ADMIN_MAINTENANCE',
  exitMaintenance: 'AVAILABLE',
};

// ---- ARN and console ------------------------------------------------------------------------

/** Partition and account of any ARN ("arn:aws:iam::123456789012:role/x"). */
export function arnParts(arn: string | undefined): { partition: string; account: string } | undefined {
  const m = /^arn:(aws[a-z-]*):[^:]*:[^:]*:(\d{12}):/.exec(arn ?? '');
  return m ? { partition: m[1], account: m[2] } : undefined;
}

/** The partition a region belongs to (for a console address or an ARN without a source). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * `arn:<partition>:workspaces:<region>:<account>:workspace/<id>`. DescribeWorkspaces carries no ARN
 * and no account id; the WorkSpace's directory does: its `IamRoleId` is the ARN of the
 * workspaces_DefaultRole in the same account. Undefined when the directory does not say.
 */
export function workspaceArn(
  ws: { WorkspaceId?: string | undefined },
  region: string,
  directory: Pick<WorkspaceDirectory, 'IamRoleId'> | undefined,
): string | undefined {
  const parts = arnParts(directory?.IamRoleId);
  if (!parts || !ws.WorkspaceId) return undefined;
  return `arn:${parts.partition}:workspaces:${region}:${parts.account}:workspace/${ws.WorkspaceId}`;
}

const CONSOLE_HOST: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/** The WorkSpace's page in the WorkSpaces console (v2), in its region. */
export function consoleUrl(region: string, workspaceId: string): string {
  const host = CONSOLE_HOST[partitionOf(region)] ?? CONSOLE_HOST.aws;
  const r = encodeURIComponent(region);
  return `https://${r}.${host}/workspaces/v2/workspaces/${encodeURIComponent(workspaceId)}?region=${r}`;
}

// ---- Connection details -------------------------------------------------------------------

function when(d: Date | string | undefined): string | undefined {
  if (!d) return undefined;
  const v = new Date(d);
  return Number.isNaN(v.getTime())
    ? undefined
    : v
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

/** What a user (or the help desk) needs to reach a WorkSpace, as plain-text lines. */
export function connectionDetails(
  ws: WorkspaceView,
  directory: WorkspaceDirectory | undefined,
  now: Date = new Date(),
): string[] {
  const p = ws.WorkspaceProperties ?? {};
  const c = ws.connection;
  const conn = connectionLabel(ws, now) || 'unknown (status not loaded)';
  const rows: [string, string | undefined][] = [
    ['User', ws.UserName],
    ['WorkSpace ID', ws.WorkspaceId],
    ['State', `${stateLabel(ws.State)} · ${runningModeLabel(p.RunningMode)}`],
    ['Connection', c?.ConnectionState ? `${conn} (${c.ConnectionState})` : conn],
    ['Last connected', when(c?.LastKnownUserConnectionTimestamp) ?? (c ? 'never' : undefined)],
    ['Registration code', directory?.RegistrationCode],
    ['Directory', directory ? `${directoryLabel(directory)} (${ws.DirectoryId ?? ''})` : ws.DirectoryId],
    ['IP address', ws.IpAddress],
    ['Computer name', ws.ComputerName],
    ['Protocols', p.Protocols?.join(', ')],
    [
      'AutoStop',
      p.RunningMode === 'AUTO_STOP' && p.RunningModeAutoStopTimeoutInMinutes
        ? `${p.RunningModeAutoStopTimeoutInMinutes / 60} h after the user disconnects`
        : undefined,
    ],
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
 * The WorkSpaces the palette offers for `action` (all when undefined), sorted by user name, and
 * how many were left out because the action cannot run on them.
 */
export function workspacePickItems(
  list: Iterable<WorkspaceView>,
  action: WorkspaceAction | undefined,
  directoryName: (id: string | undefined) => string | undefined = () => undefined,
  now: Date = new Date(),
): { items: WorkspacePickItem[]; hidden: number } {
  const items: WorkspacePickItem[] = [];
  let hidden = 0;
  for (const ws of list) {
    if (!ws.WorkspaceId) continue;
    if (action && !canRun(action, ws)) {
      hidden++;
      continue;
    }
    const conn = connectionLabel(ws, now);
    items.push({
      label: ws.UserName ?? ws.WorkspaceName ?? ws.WorkspaceId,
      description: [stateLabel(ws.State), runningModeLabel(ws.WorkspaceProperties?.RunningMode), conn]
        .filter(Boolean)
        .join(' · '),
      detail: [ws.WorkspaceId, directoryName(ws.DirectoryId) ?? ws.DirectoryId, ws.ComputerName, ws.IpAddress]
        .filter(Boolean)
        .join(' · '),
      workspaceId: ws.WorkspaceId,
    });
  }
  items.sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.workspaceId, b.workspaceId));
  return { items, hidden };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Reasons the first few skipped WorkSpaces give, for "none of them can be started" messages. */
export function noneEligibleMessage(verb: string, skipped: ReadonlyArray<{ label: string; reason: string }>): string {
  const n = skipped.length;
  const head =
    n === 1
      ? `${skipped[0].label} cannot be ${verb}: it ${skipped[0].reason}.`
      : `None of the ${n} selected WorkSpaces can be ${verb}.`;
  if (n === 1) return head;
  const shown = skipped.slice(0, 3).map((s) => `${s.label} ${s.reason}`);
  return `${head} ${shown.join('; ')}${n > 3 ? `; and ${n - 3} more` : ''}.`;
}

/** `whyNot` with a WorkSpace that has vanished from the model. */
export function reasonFor(action: WorkspaceAction, ws: WorkspaceView | undefined): string | undefined {
  if (!ws) return 'no longer exists';
  return whyNot(action, ws);
}

// ---- Menus ----------------------------------------------------------------------------------

const RUNNING_MODES = ['auto_stop', 'always_on', 'manual', 'unknown'] as const;

/**
 * The `viewItem` regex that shows `action` in a WorkSpace's context menu, derived from the rules
 * table: `^workspace:(<states>):(<modes>)$` over the segmented contextValue
 * `workspace:<state>:<runningmode>` (lower case; `unknown` mode is never refused on that ground).
 */
export function menuRegex(action: WorkspaceAction): string {
  const rule = ACTION_RULES[action];
  const states = rule.states.map((s) => s.toLowerCase()).join('|');
  const all = rule.states.length === WORKSPACE_STATES.length;
  const stateGroup = all ? '[a-z_]+' : rule.states.length === 1 ? states : `(${states})`;
  if (!rule.runningModes) return `^workspace:${stateGroup}:`;
  const modes = [...rule.runningModes.map((m) => m.toLowerCase()), 'unknown'].join('|');
  return `^workspace:${stateGroup}:(${modes})$`;
}

/** Every contextValue a WorkSpace row can have (for checking the menu regexes). */
export function allWorkspaceContextValues(): string[] {
  return WORKSPACE_STATES.flatMap((s) => RUNNING_MODES.map((m) => `workspace:${s.toLowerCase()}:${m}`));
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
