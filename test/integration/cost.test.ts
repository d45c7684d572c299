// Cost and usage in the real extension host, against the emulator's CloudWatch and WorkSpaces APIs
// over real HTTP (the real AWS layer and SDK): the "Cost & usage" rows read usage only when
// expanded, show the advice with its numbers (and in the WorkSpace tooltip), "Apply Recommendation"
// changes the running mode exactly once and never a WorkSpace carrying the skip tag, a profile
// without cloudwatch:GetMetricData gets one error row, and the fleet report draws its charts and
// exports PNG and Markdown.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import type { ScopeModel } from '../../src/fleet/scopeModel';
import type { Node, WorkspaceNode } from '../../src/tree/nodes';
import type { ReportPanel } from '../../src/webview/report/panel';
import { scopeNode } from '../support/hostWatch';
import { nextRender } from '../support/webview';
import { child, children, description, fleetLoaded, label, setupFleet, waitFor, type Fixture } from './fixture';
import { press, Ui } from './ui';

const PROD = { profile: 'sandbox-prod', region: 'us-east-1' };
const OLIVIA = 'ws-m3o5q7s9u'; // AlwaysOn, AVAILABLE, a light user: switch to AutoStop
const PEGGY = 'ws-n4p6r8t0v'; // never connected, STOPPED: unused
const BOB = 'ws-b2d4f6h8j'; // AutoStop, STOPPED

describe('cost and usage (real extension host, emulator CloudWatch)', function () {
  this.timeout(90_000);
  let fx: Fixture;
  let api: TestingApi;
  let ui: Ui;
  const panels: ReportPanel[] = [];

  const prod = (): ScopeModel => api.services.fleet.scopeModel(PROD)!;
  const run = (command: string, ...args: unknown[]): Thenable<unknown> =>
    vscode.commands.executeCommand(`workspacesFleet.${command}`, ...args);
  const metricCalls = (): Array<{ accountId?: string; region?: string }> =>
    fx.emulator.requests().filter((r) => r.op === 'GetMetricData');
  const costNode = (profile: string, region: string): Node =>
    child(api, scopeNode(api, profile, region), 'Cost & usage');
  const group = (cost: Node, title: string): Node => child(api, cost, new RegExp(`^${title}`));
  const loaded = async (model: ScopeModel): Promise<void> => {
    await waitFor(`usage of ${model.key}`, () => ['loaded', 'error'].includes(api.services.usage.of(model).state));
  };

  before(async () => {
    fx = await setupFleet({ seed: 'demo' });
    api = fx.api;
    // bob carries the skip tag (another case than the setting's): never changed, whatever his use.
    fx.emulator.world(PROD.profile, PROD.region).tags.set(BOB, [{ Key: 'SKIP_CONVERT', Value: 'finance' }]);
    await fleetLoaded(api);
  });

  after(async () => {
    for (const p of panels) p.dispose();
    await fx?.dispose();
  });

  beforeEach(() => {
    ui = new Ui();
    ui.install();
    fx.emulator.resetCounts();
  });
  afterEach(function () {
    ui.restore();
    const passed = this.currentTest?.state === 'passed';
    if (passed) {
      assert.equal(ui.unexpected.length, 0, `unexpected dialogs: ${ui.unexpected.map((q) => q.message).join(' | ')}`);
    }
  });

  it('reads usage only when "Cost & usage" is expanded, for that scope, in the fewest calls', async () => {
    const cost = costNode(PROD.profile, PROD.region);
    assert.match(description(api, cost), /expand to read/);
    assert.equal(metricCalls().length, 0, 'the listing read no usage');
    children(api, cost); // what VS Code does when a person expands it
    await loaded(prod());
    const u = api.services.usage.of(prod());
    assert.equal(u.state, 'loaded', u.error?.message);
    // 14 WorkSpaces, two months: one call each.
    assert.equal(u.stats.calls, 2);
    const calls = metricCalls();
    assert.equal(calls.length, 2);
    assert.ok(
      calls.every((c) => c.accountId === '111111111111' && c.region === 'us-east-1'),
      'that scope only',
    );
    assert.match(description(api, cost), /to switch.*estimates/);
  });

  it('groups the WorkSpaces by advice, each row saying it with its numbers; the tooltip has it too', async () => {
    const cost = costNode(PROD.profile, PROD.region);
    await waitFor('the skip tag checked', () => api.services.usage.of(prod()).tagsPending === 0);
    const groups = children(api, cost).map((n) => label(api, n));
    for (const g of ['Switch to AutoStop', 'Unused — consider terminating', 'Keep', 'Skipped (tag)']) {
      assert.ok(groups.includes(g), `${g} in ${groups.join(', ')}`);
    }
    const toAutoStop = children(api, group(cost, 'Switch to AutoStop'));
    const olivia = toAutoStop.find((n) => (n as WorkspaceNode).workspaceId === OLIVIA);
    assert.ok(olivia, 'olivia is advised to switch to AutoStop');
    assert.match(description(api, olivia), /^switch to AutoStop \(\d+ h last month ≤ 85 h\)$/);
    const unused = children(api, group(cost, 'Unused')).map((n) => (n as WorkspaceNode).workspaceId);
    assert.ok(unused.includes(PEGGY));
    const skipped = children(api, group(cost, 'Skipped')).map((n) => (n as WorkspaceNode).workspaceId);
    assert.deepEqual(skipped, [BOB], 'the skip tag, matched in any case');
    // The WorkSpace row of the WorkSpaces section: one advice line in its tooltip.
    const row = allRows().find((n) => n.workspaceId === OLIVIA && !/advice:/.test(n.id))!;
    const item = await api.services.provider.resolveTreeItem(
      api.services.provider.getTreeItem(row),
      row,
      new vscode.CancellationTokenSource().token,
    );
    const tip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /Cost&nbsp;advice: `switch to AutoStop \(\d+ h last month ≤ 85 h\) \(estimate\)`/);
  });

  it('Apply Recommendation on the group: a modal lists the change, the mode changes exactly once, never again', async () => {
    const cost = costNode(PROD.profile, PROD.region);
    const g = group(cost, 'Switch to AutoStop');
    ui.answer(press('Apply'));
    await run('applyRecommendation', g);
    const [modal] = ui.modals;
    assert.match(modal.message, /^Apply the recommendation to olivia\.brown \(ws-m3o5q7s9u\)\?$/);
    assert.match(modal.detail ?? '', /olivia\.brown \(ws-m3o5q7s9u\): AlwaysOn → AutoStop — switch to AutoStop/);
    assert.match(modal.detail ?? '', /estimates from CloudWatch, not billed hours/);
    assert.equal(fx.emulator.actionCount(OLIVIA, 'ModifyWorkspaceProperties'), 1);
    const props = fx.emulator.world(PROD.profile, PROD.region).requireWorkspace(OLIVIA).data.WorkspaceProperties;
    assert.equal(props?.RunningMode, 'AUTO_STOP');
    assert.equal(props?.RunningModeAutoStopTimeoutInMinutes, 60);
    await waitFor(
      'the row to show AutoStop',
      () => prod().workspaces.items.get(OLIVIA)?.WorkspaceProperties?.RunningMode === 'AUTO_STOP',
    );
    // Again, from her row: nothing left to apply, nothing sent.
    const row = allRows().find((n) => n.workspaceId === OLIVIA)!;
    await run('applyRecommendation', row, [row]);
    assert.equal(fx.emulator.actionCount(OLIVIA, 'ModifyWorkspaceProperties'), 1, 'acted on exactly once');
    assert.match(ui.toasts.at(-1)?.message ?? '', /cannot be changed: it has no running-mode recommendation/);
  });

  it('never changes a WorkSpace with the skip tag, nor one whose state does not allow it', async () => {
    const rows = allRows();
    const bob = rows.find((n) => n.workspaceId === BOB)!;
    const peggy = rows.find((n) => n.workspaceId === PEGGY)!;
    await run('applyRecommendation', bob, [bob, peggy]);
    const [toast] = ui.toasts;
    assert.match(toast.message, /None of the 2 selected WorkSpaces can be changed/);
    assert.match(toast.message, /is tagged Skip_Convert/);
    assert.match(toast.message, /has no running-mode recommendation \(never connected/);
    assert.equal(fx.emulator.actionCount(BOB), 0);
    assert.equal(fx.emulator.actionCount(PEGGY), 0);
  });

  it('a profile without cloudwatch:GetMetricData: one error row under its Cost & usage; the rest keeps working', async () => {
    fx.emulator.setFaults({ cloudwatchDenied: ['sandbox-dev'] });
    try {
      const cost = costNode('sandbox-dev', 'us-west-2');
      children(api, cost);
      const dev = api.services.fleet.scopeModel({ profile: 'sandbox-dev', region: 'us-west-2' })!;
      await loaded(dev);
      const rows = children(api, cost);
      assert.equal(rows.length, 1);
      assert.equal(label(api, rows[0]), 'Usage: Access denied (click to retry)');
      assert.match(description(api, rows[0]), /cloudwatch:GetMetricData/);
      assert.ok(child(api, scopeNode(api, 'sandbox-dev', 'us-west-2'), 'WorkSpaces'), 'its WorkSpaces still listed');
      assert.ok(dev.workspaces.items.size > 0);
      fx.emulator.setFaults({ cloudwatchDenied: [] });
      await run('refreshUsage', rows[0]);
      assert.equal(api.services.usage.of(dev).state, 'loaded');
      assert.ok(children(api, cost).some((n) => /^Switch to|^Keep/.test(label(api, n))));
    } finally {
      fx.emulator.setFaults({ cloudwatchDenied: [] });
    }
  });

  it('the fleet report of every scope: five charts in the theme, PNG and Markdown exports', async () => {
    const panel = (await run('showCostReport', 'all')) as ReportPanel;
    panels.push(panel);
    await Promise.all(api.services.fleet.allScopes().map(loaded));
    // The skip-tag checks run in the background after each read; each one can change the advice.
    await waitFor('the skip tags checked', () =>
      api.services.fleet.allScopes().every((m) => api.services.usage.of(m).tagsPending === 0),
    );
    const drawn = await nextRender(panel, (r) => r.charts === 5 && r.rows > 0, { timeoutMs: 30_000 });
    assert.equal(drawn.foreignElements, 0);
    assert.match(drawn.theme, /^vscode-/);
    await waitFor(
      'every scope in the report',
      () => panel.currentView.totals.read === panel.currentView.totals.workspaces,
    );
    const view = panel.currentView;
    assert.equal(view.scopes.length, 4);
    assert.equal(view.totals.read, view.totals.workspaces, 'every scope read');
    assert.ok(view.recommendationCount >= 3);
    const dir = mkdtempSync(join(tmpdir(), 'wsf-report-'));
    try {
      const uri = await panel.exportPng(vscode.Uri.file(join(dir, 'report.png')));
      assert.ok(uri);
      const png = readFileSync(uri.fsPath);
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.ok(png.readUInt32BE(16) >= 1200 && png.readUInt32BE(20) >= 800, 'the charts in one image');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const md = await panel.copyMarkdown();
    assert.equal(await vscode.env.clipboard.readText(), md);
    assert.match(md, /^# WorkSpaces fleet report: All profiles and regions/m);
    assert.match(md, /## WorkSpaces by state/);
    assert.match(md, /Hours are estimates/);
    // The same command from a scope's row opens that scope's report.
    const one = (await run('showCostReport', costNode(PROD.profile, PROD.region))) as ReportPanel;
    panels.push(one);
    await nextRender(one, (r) => r.charts === 5, { timeoutMs: 30_000 });
    assert.equal(one.currentView.scopes.length, 1);
    assert.equal(one.currentView.title, 'sandbox-prod · us-east-1');

    // A re-read that changes nothing the report shows leaves the page alone (a render replaces its
    // DOM: a person's selection would go); one that changes it renders it again.
    const errors = (): number => one.currentView.states.find((x) => x.state === 'Error')?.counts[0] ?? 0;
    const before = errors();
    await waitFor('the skip tags checked', () => api.services.usage.of(prod()).tagsPending === 0);
    await new Promise((r) => setTimeout(r, 500));
    let renders = 0;
    const sub = one.onDidRender(() => renders++);
    try {
      await prod().refreshWorkspaces([BOB]);
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(renders, 0, 'nothing the report shows changed: not rendered again');
      fx.emulator.world(PROD.profile, PROD.region).setState(BOB, 'ERROR');
      await prod().refreshWorkspaces([BOB]);
      await nextRender(one, () => renders > 0, { timeoutMs: 30_000 });
      assert.equal(errors(), before + 1, 'the report counts one more WorkSpace in ERROR');
    } finally {
      sub.dispose();
      fx.emulator.world(PROD.profile, PROD.region).setState(BOB, 'STOPPED');
      await prod().refreshWorkspaces([BOB]);
    }
  });

  function allRows(): WorkspaceNode[] {
    const out: WorkspaceNode[] = [];
    const walk = (n: Node | undefined): void => {
      for (const c of children(api, n)) {
        if (c.kind === 'workspace') out.push(c as WorkspaceNode);
        else if (['profile', 'region', 'category', 'directory', 'group'].includes(c.kind)) walk(c);
      }
    };
    walk(scopeNode(api, PROD.profile, PROD.region));
    return out;
  }
});
