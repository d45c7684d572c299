// The fleet report's pure parts: the view built from scopes and usage, the Markdown export (API
// strings inert), the page's messages validated, the PNG check.
import * as assert from 'node:assert/strict';
import type { WorkspaceView } from '../../../../src/core/present';
import { advise, DEFAULT_COST_SETTINGS, type WorkspaceUsage } from '../../../../src/core/usage';
import { buildReport, pngBytes, reportToMarkdown, type ReportInput } from '../../../../src/webview/report/model';
import { parseReportPageMessage } from '../../../../src/webview/report/protocol';

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;

function ws(id: string, over: Partial<WorkspaceView> & { mode?: 'AUTO_STOP' | 'ALWAYS_ON' } = {}): WorkspaceView {
  const { mode = 'AUTO_STOP', ...rest } = over;
  return {
    WorkspaceId: id,
    UserName: `user-${id}`,
    State: 'AVAILABLE',
    WorkspaceProperties: { RunningMode: mode, ComputeTypeName: 'STANDARD' },
    connection: { ConnectionState: 'DISCONNECTED', LastKnownUserConnectionTimestamp: new Date(NOW - 2 * DAY) },
    tags: [],
    ...rest,
  };
}

const month = (billableHours: number, key = '2026-11') => ({
  month: key,
  hours: 744,
  dataHours: 744,
  connectedHours: billableHours,
  sessions: 1,
  sessionHours: billableHours,
  timeoutHours: 1,
  billableHours,
});

function input(profile: string, list: WorkspaceView[], records: Map<string, WorkspaceUsage>): ReportInput {
  return {
    profile,
    region: 'us-east-1',
    workspaces: list,
    usage: 'loaded',
    records,
    advice: (w) => advise(w, records.get(w.WorkspaceId ?? ''), DEFAULT_COST_SETTINGS, NOW),
  };
}

describe('fleet report: view and Markdown', () => {
  const heavy = ws('ws-heavy');
  const light = ws('ws-light', { mode: 'ALWAYS_ON' });
  const stopped = ws('ws-stopped', {
    State: 'STOPPED',
    connection: { ConnectionState: 'DISCONNECTED', LastKnownUserConnectionTimestamp: new Date(NOW - 100 * DAY) },
  });
  const hostile = ws('ws-hostile', { UserName: '<img src=x onerror=alert(1)> | [x](command:evil) =SUM(1)' });
  const records = new Map<string, WorkspaceUsage>([
    ['ws-heavy', { mode: 'AUTO_STOP', thisMonth: month(120), lastMonth: month(150, '2026-10') }],
    ['ws-light', { mode: 'ALWAYS_ON', thisMonth: month(5), lastMonth: month(20, '2026-10') }],
    ['ws-stopped', { mode: 'AUTO_STOP', thisMonth: month(0), lastMonth: month(0, '2026-10') }],
    ['ws-hostile', { mode: 'AUTO_STOP', thisMonth: month(300), lastMonth: month(0, '2026-10') }],
  ]);
  const other: ReportInput = {
    profile: 'dev',
    region: 'eu-west-1',
    workspaces: [ws('ws-other')],
    usage: 'error',
    error: 'Access denied: no cloudwatch:GetMetricData',
    records: new Map(),
    advice: () => undefined,
  };
  const view = buildReport(
    'All',
    [input('prod', [heavy, light, stopped, hostile], records), other],
    DEFAULT_COST_SETTINGS,
    NOW,
  );

  it('counts states per scope, modes, last connections, hours per compute type and the advice', () => {
    assert.equal(view.lastMonth, 'October 2026');
    assert.equal(view.thisMonth, 'November 2026 (to date)');
    assert.deepEqual(view.totals, { workspaces: 5, read: 4, toSwitch: 3, unused: 1, hoursMoved: 120 + 20 + 300 });
    assert.deepEqual(
      view.states.map((s) => [s.state, s.counts]),
      [
        ['Available', [3, 1]],
        ['Stopped', [1, 0]],
      ],
    );
    assert.deepEqual(view.modes, [
      { label: 'AlwaysOn', count: 1 },
      { label: 'AutoStop', count: 4 },
    ]);
    assert.equal(view.idle.find((b) => b.label === '1–7 d')?.count, 4);
    assert.equal(view.idle.find((b) => b.label === '> 90 d')?.count, 1);
    assert.deepEqual(view.compute, [{ type: 'STANDARD', threshold: 85, autoStop: [120, 0, 300], alwaysOn: [5] }]);
    const byKind = Object.fromEntries(view.advice.map((a) => [a.kind, [a.count, a.hours]]));
    assert.deepEqual(byKind.toAlwaysOn, [2, 420]);
    assert.deepEqual(byKind.toAutoStop, [1, 20]);
    assert.deepEqual(byKind.unused, [1, 0]);
    assert.equal(view.recommendationCount, 4);
    assert.equal(view.scopes[1].error, 'Access denied: no cloudwatch:GetMetricData');
  });

  it('exports Markdown tables in which API strings are inert', () => {
    const md = reportToMarkdown(view);
    assert.match(md, /^# WorkSpaces fleet report: All/);
    assert.match(md, /\| Available \| 3 \| 1 \|/);
    assert.match(md, /\| STANDARD \| 85 \| 3 \| 120 \| 1 \| 5 \|/);
    assert.match(md, /Hours are estimates/);
    assert.ok(!/(^|[^\\])<img/.test(md), 'no raw HTML');
    assert.ok(!md.includes('](command:'), 'no link');
    assert.ok(md.includes('\\<img src=x onerror=alert\\(1\\)\\> \\| \\[x\\]\\(command:evil\\) =SUM\\(1\\)'));
  });

  it('validates the page’s messages and the PNG it sends', () => {
    assert.deepEqual(parseReportPageMessage({ type: 'ready' }), { type: 'ready' });
    assert.equal(parseReportPageMessage({ type: 'openLink', url: 'https://x' }), undefined);
    assert.equal(parseReportPageMessage({ type: 'png', dataUrl: 'data:text/html;base64,PGI+' }), undefined);
    assert.equal(parseReportPageMessage({ type: 'png', dataUrl: 'data:image/png;base64,<script>' }), undefined);
    assert.equal(
      parseReportPageMessage({ type: 'rendered', title: 't', charts: -1, rows: 0, theme: 'x', foreignElements: 0 }),
      undefined,
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
    const msg = parseReportPageMessage({ type: 'png', requestId: 4, dataUrl: `data:image/png;base64,${png}` });
    assert.deepEqual(msg, { type: 'png', requestId: 4, dataUrl: `data:image/png;base64,${png}` });
    assert.equal(
      parseReportPageMessage({ type: 'png', dataUrl: `data:image/png;base64,${png}` }),
      undefined,
      'a PNG answers a request: it carries its id',
    );
    assert.ok(pngBytes(`data:image/png;base64,${png}`));
    assert.equal(pngBytes(`data:image/png;base64,${Buffer.from('GIF89a....').toString('base64')}`), undefined);
  });
});
