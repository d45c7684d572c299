// The fleet report's data, pure (no vscode): from the scopes' WorkSpaces and their usage, the view
// the page draws (./protocol.ts) and its Markdown export. Every API string stays data: the page
// renders it as text, the Markdown escapes it (src/core/markdown.ts).
import { escapeInline } from '../../core/markdown';
import { runningModeLabel, stateLabel, type WorkspaceView } from '../../core/present';
import { WORKSPACE_STATES } from '../../core/states';
import {
  ADVICE_KINDS,
  ADVICE_TITLES,
  IDLE_BUCKETS,
  idleBucket,
  monthName,
  monthOf,
  previousMonth,
  type Advice,
  type AdviceKind,
  type CostSettings,
  type WorkspaceUsage,
} from '../../core/usage';
import { MAX_ROWS, PNG_PREFIX, type ComputeUsage, type ReportView } from './protocol';

/** One scope's data for the report. */
export interface ReportInput {
  readonly profile: string;
  readonly region: string;
  readonly workspaces: readonly WorkspaceView[];
  readonly usage: 'idle' | 'loading' | 'loaded' | 'error';
  readonly error?: string;
  /** Usage per WorkSpace id (read scopes only). */
  readonly records: ReadonlyMap<string, WorkspaceUsage>;
  /** The advice of a WorkSpace (undefined until its scope's usage was read). */
  readonly advice: (ws: WorkspaceView) => Advice | undefined;
}

export const REPORT_NOTE =
  'Hours are estimates: CloudWatch UserConnected hours (hourly), counted as the AWS Cost Optimizer for WorkSpaces counts them (sessions rounded up to the hour, plus the AutoStop time per session). They are not billed hours; the bill is the reference.';

const CHANGES: ReadonlySet<AdviceKind> = new Set<AdviceKind>(['toAlwaysOn', 'onPace', 'toAutoStop', 'unused']);

export function buildReport(
  title: string,
  inputs: readonly ReportInput[],
  settings: CostSettings,
  now: number,
): ReportView {
  const thisMonth = monthOf(now);
  const lastMonth = previousMonth(thisMonth);
  const scopeLabel = (i: ReportInput): string => `${i.profile} · ${i.region}`;
  const states = new Map<string, number[]>();
  const modes = new Map<string, number>();
  const idle = new Map<string, number>(IDLE_BUCKETS.map((b) => [b, 0]));
  const compute = new Map<string, { autoStop: number[]; alwaysOn: number[] }>();
  const advice = new Map<AdviceKind, { count: number; hours: number }>(
    ADVICE_KINDS.map((k) => [k, { count: 0, hours: 0 }]),
  );
  const recommendations: ReportView['recommendations'][number][] = [];
  let recommendationCount = 0;
  let read = 0;
  inputs.forEach((input, scopeIndex) => {
    for (const ws of input.workspaces) {
      const state = ws.State ?? 'UNKNOWN';
      let counts = states.get(state);
      if (!counts) states.set(state, (counts = new Array<number>(inputs.length).fill(0)));
      counts[scopeIndex]++;
      const mode = runningModeLabel(ws.WorkspaceProperties?.RunningMode);
      modes.set(mode, (modes.get(mode) ?? 0) + 1);
      const bucket = idleBucket(ws, now);
      idle.set(bucket, (idle.get(bucket) ?? 0) + 1);
      const record = input.records.get(ws.WorkspaceId ?? '');
      if (record) {
        read++;
        const type = ws.WorkspaceProperties?.ComputeTypeName ?? 'UNKNOWN';
        let c = compute.get(type);
        if (!c) compute.set(type, (c = { autoStop: [], alwaysOn: [] }));
        const hours = record.thisMonth?.billableHours ?? 0;
        if (ws.WorkspaceProperties?.RunningMode === 'ALWAYS_ON') c.alwaysOn.push(hours);
        else if (ws.WorkspaceProperties?.RunningMode === 'AUTO_STOP') c.autoStop.push(hours);
      }
      const a = input.advice(ws);
      if (!a) continue;
      const sum = advice.get(a.kind);
      if (sum) {
        sum.count++;
        sum.hours += a.hoursMoved ?? 0;
      }
      if (CHANGES.has(a.kind)) {
        recommendationCount++;
        if (recommendations.length < MAX_ROWS) {
          recommendations.push({
            scope: scopeLabel(input),
            workspaceId: ws.WorkspaceId ?? '',
            user: ws.UserName ?? ws.WorkspaceName ?? '',
            computeType: ws.WorkspaceProperties?.ComputeTypeName ?? '',
            kind: a.kind,
            text: a.text,
          });
        }
      }
    }
  });
  const stateOrder = [...(WORKSPACE_STATES as readonly string[]), 'UNKNOWN'];
  const kinds = ADVICE_KINDS.map((k) => ({ kind: k, title: ADVICE_TITLES[k], ...advice.get(k)! }));
  const round = (n: number): number => Math.round(n);
  return {
    title,
    generatedAt: new Date(now).toISOString(),
    lastMonth: monthName(lastMonth),
    thisMonth: `${monthName(thisMonth)} (to date)`,
    note: REPORT_NOTE,
    scopes: inputs.map((i) => ({
      label: scopeLabel(i),
      workspaces: i.workspaces.length,
      usage: i.usage,
      error: i.error || undefined,
    })),
    totals: {
      workspaces: inputs.reduce((a, i) => a + i.workspaces.length, 0),
      read,
      toSwitch: (advice.get('toAlwaysOn')?.count ?? 0) + (advice.get('toAutoStop')?.count ?? 0),
      unused: advice.get('unused')?.count ?? 0,
      hoursMoved: round((advice.get('toAlwaysOn')?.hours ?? 0) + (advice.get('toAutoStop')?.hours ?? 0)),
    },
    states: [...states]
      .sort(([a], [b]) => stateOrder.indexOf(a) - stateOrder.indexOf(b))
      .map(([state, counts]) => ({ state: stateLabel(state), counts })),
    modes: [...modes].sort(([a], [b]) => a.localeCompare(b)).map(([label, count]) => ({ label, count })),
    idle: [...idle].map(([label, count]) => ({ label, count })),
    compute: [...compute]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, c]): ComputeUsage => {
        const threshold = Object.hasOwn(settings.thresholds, type) ? settings.thresholds[type] : undefined;
        return {
          type,
          threshold,
          autoStop: c.autoStop.map(round),
          alwaysOn: c.alwaysOn.map(round),
        };
      }),
    advice: kinds.map((k) => ({ kind: k.kind, title: k.title, count: k.count, hours: round(k.hours) })),
    recommendations,
    recommendationCount,
  };
}

const n = (x: number): string => x.toLocaleString('en-US');
const cell = (s: string): string => escapeInline(s) || ' ';

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}

/** The report as Markdown (tables of every chart's numbers), for a ticket or a wiki. */
export function reportToMarkdown(v: ReportView): string {
  const parts: string[] = [
    `# WorkSpaces fleet report: ${cell(v.title)}`,
    `Generated ${v.generatedAt.slice(0, 16).replace('T', ' ')} UTC · usage of ${v.lastMonth} and ${v.thisMonth}.`,
    `> ${v.note}`,
    '## Scopes',
    table(
      ['Profile · region', 'WorkSpaces', 'Usage'],
      v.scopes.map((s) => [cell(s.label), n(s.workspaces), cell(s.error ? `${s.usage}: ${s.error}` : s.usage)]),
    ),
    '## WorkSpaces by state',
    table(
      ['State', ...v.scopes.map((s) => cell(s.label))],
      v.states.map((s) => [cell(s.state), ...s.counts.map(n)]),
    ),
    '## Running modes',
    table(
      ['Running mode', 'WorkSpaces'],
      v.modes.map((m) => [cell(m.label), n(m.count)]),
    ),
    '## Days since the last connection',
    table(
      ['Last connection', 'WorkSpaces'],
      v.idle.map((b) => [cell(b.label), n(b.count)]),
    ),
    `## Estimated hours this month per compute type`,
    table(
      ['Compute type', 'Threshold (h/month)', 'AutoStop WorkSpaces', 'median h', 'AlwaysOn WorkSpaces', 'median h'],
      v.compute.map((c) => [
        cell(c.type),
        c.threshold !== undefined ? n(c.threshold) : '—',
        n(c.autoStop.length),
        median(c.autoStop) !== undefined ? n(median(c.autoStop)!) : '—',
        n(c.alwaysOn.length),
        median(c.alwaysOn) !== undefined ? n(median(c.alwaysOn)!) : '—',
      ]),
    ),
    '## Recommendations',
    table(
      ['Advice', 'WorkSpaces', 'Hours moved (est.)'],
      v.advice.map((a) => [cell(a.title), n(a.count), a.hours ? n(a.hours) : '—']),
    ),
  ];
  if (v.recommendations.length > 0) {
    parts.push(
      table(
        ['Profile · region', 'WorkSpace', 'User', 'Compute', 'Advice'],
        v.recommendations.map((r) => [
          cell(r.scope),
          cell(r.workspaceId),
          cell(r.user),
          cell(r.computeType),
          cell(r.text),
        ]),
      ),
    );
    if (v.recommendationCount > v.recommendations.length) {
      parts.push(`… and ${n(v.recommendationCount - v.recommendations.length)} more.`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

/** The bytes of a PNG data: URL from the page (undefined when they are not a PNG). */
export function pngBytes(dataUrl: string): Uint8Array | undefined {
  if (!dataUrl.startsWith(PNG_PREFIX)) return undefined;
  const bytes = Uint8Array.from(Buffer.from(dataUrl.slice(PNG_PREFIX.length), 'base64'));
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length > signature.length && signature.every((b, i) => bytes[i] === b) ? bytes : undefined;
}
