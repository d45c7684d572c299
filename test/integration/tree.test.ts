import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CategoryNode, GroupNode, Node, WorkspaceNode } from '../../src/tree/nodes';
import {
  child,
  children,
  description,
  fleetLoaded,
  label,
  setSetting,
  setupExplorer,
  waitFor,
  type Fixture,
} from './fixture';

const PROD = '111111111111';
// The extension runs from its bundle (dist/), with its own copies of the node classes: tests tell
// nodes apart by `kind`, never with instanceof.
const isRow = (n: Node): n is WorkspaceNode => n.kind === 'workspace';

describe('explorer tree (real VS Code, emulator demo fleet)', function () {
  this.timeout(60_000);
  let fx: Fixture;

  before(async () => {
    fx = await setupExplorer();
  });

  after(async () => {
    await fx?.dispose();
  });

  it('shows every profile, its regions and the four sections', async () => {
    const { api } = fx;
    await fleetLoaded(api);
    const roots = children(api);
    assert.deepEqual(roots.map((n) => label(api, n)).sort(), ['sandbox-dev', 'sandbox-prod']);
    const prod = child(api, undefined, 'sandbox-prod');
    assert.deepEqual(
      children(api, prod).map((n) => label(api, n)),
      ['us-east-1', 'eu-west-1'],
    );
    const east = child(api, prod, 'us-east-1');
    assert.deepEqual(
      children(api, east).map((n) => label(api, n)),
      ['Directories', 'WorkSpaces', 'Images', 'Pools', 'Bundles', 'Cost & usage'],
    );
    // Counts in the section descriptions come from the emulator's world.
    const world = fx.emulator.world(PROD, 'us-east-1');
    const ws = child(api, east, 'WorkSpaces');
    assert.equal(description(api, ws), String(world.workspaceIds().length));
  });

  it('labels WorkSpace rows with the user, then state, running mode, connection and computer name, and gates menus by state', async () => {
    const { api } = fx;
    await fleetLoaded(api);
    const east = child(api, child(api, undefined, 'sandbox-prod'), 'us-east-1');
    const dirs = child(api, east, 'Directories');
    const corp = child(api, dirs, 'example-corp');
    assert.match(description(api, corp), /AD_CONNECTOR · Registered · \d+ WorkSpaces/);
    const rows = children(api, corp).filter(isRow);
    const alice = rows.find((r) => r.workspace.UserName === 'alice.nguyen');
    assert.ok(alice, 'alice is listed under her directory');
    assert.equal(label(api, alice), 'alice.nguyen', 'the user alone: the state shows right after it');
    assert.match(description(api, alice), /^Available · AlwaysOn · connected · WSAMZN-\w+$/);
    assert.equal(api.services.provider.getTreeItem(alice).contextValue, 'workspace:available:always_on');
    const bob = rows.find((r) => r.workspace.UserName === 'bob.martin');
    assert.ok(bob);
    assert.match(description(api, bob), /^Stopped · AutoStop · last seen \d+ (min|h|d) ago · WSAMZN-\w+$/);
    assert.equal(api.services.provider.getTreeItem(bob).contextValue, 'workspace:stopped:auto_stop');
    // The tooltip (built on hover) lists every field, tags included, as escaped Markdown.
    const item = await api.services.provider.resolveTreeItem(
      api.services.provider.getTreeItem(bob),
      bob,
      new vscode.CancellationTokenSource().token,
    );
    const tip = item.tooltip as vscode.MarkdownString;
    assert.equal(tip.isTrusted, false);
    assert.match(tip.value, /ws-b2d4f6h8j/);
    assert.match(tip.value, /Team=Finance/);
  });

  it('shows images with error counts and pools with capacity', async () => {
    const { api } = fx;
    await fleetLoaded(api);
    const east = child(api, child(api, undefined, 'sandbox-prod'), 'us-east-1');
    const images = children(api, child(api, east, 'Images'));
    const byol = images.find((n) => label(api, n) === 'byol-win10-22h2');
    assert.ok(byol);
    assert.match(description(api, byol), /Error · 5 errors/);
  });

  it('opens the error-details panel when an image in ERROR is clicked (its row command)', async () => {
    const { api } = fx;
    await fleetLoaded(api);
    const east = child(api, child(api, undefined, 'sandbox-prod'), 'us-east-1');
    const byol = child(api, child(api, east, 'Images'), 'byol-win10-22h2');
    const item = api.services.provider.getTreeItem(byol);
    assert.equal(item.command?.command, 'workspacesFleet.showImageErrors');
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
    const tab = await waitFor('the panel tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find(
          (t) =>
            t.input instanceof vscode.TabInputWebview &&
            t.input.viewType.endsWith('workspacesFleet.errorDetails') &&
            t.label === 'byol-win10-22h2',
        ),
    );
    // Re-opening focuses the same panel instead of opening a second one.
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
    const same = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'byol-win10-22h2');
    assert.equal(same.length, 1);
    await vscode.window.tabGroups.close(tab);
  });

  it('groups the WorkSpaces node by state, running mode or directory', async () => {
    const { api } = fx;
    await fleetLoaded(api);
    const east = (): Node => child(api, child(api, undefined, 'sandbox-prod'), 'us-east-1');
    await setSetting('groupBy', 'state');
    await waitFor('groupBy setting', () => api.services.provider.options.groupBy === 'state');
    const groups = children(api, child(api, east(), 'WorkSpaces'));
    assert.ok(groups.every((g) => g.kind === 'group'));
    const labels = groups.map((g) => label(api, g));
    assert.ok(labels.includes('Stopped') && labels.includes('Available'), labels.join(', '));
    const stopped = groups.find((g) => label(api, g) === 'Stopped') as GroupNode;
    assert.ok(children(api, stopped).every((r) => isRow(r) && r.workspace.State === 'STOPPED'));
    await setSetting('groupBy', 'runningMode');
    await waitFor('groupBy runningMode', () => api.services.provider.options.groupBy === 'runningMode');
    const modes = children(api, child(api, east(), 'WorkSpaces')).map((g) => label(api, g));
    assert.ok(modes.includes('AlwaysOn') && modes.includes('AutoStop'), modes.join(', '));
    await setSetting('groupBy', undefined);
    await waitFor('groupBy default', () => api.services.provider.options.groupBy === 'directory');
  });

  it('filters with counts in the view message, and clears', async () => {
    const { api } = fx;
    await fleetLoaded(api);
    api.services.provider.setOptions({ filter: 'state:stopped' });
    const east = child(api, child(api, undefined, 'sandbox-prod'), 'us-east-1');
    const ws = child(api, east, 'WorkSpaces') as CategoryNode;
    const rows = children(api, ws).flatMap((g) => children(api, g));
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => isRow(r) && r.workspace.State === 'STOPPED'));
    const { shown, total } = api.services.provider.workspaceCounts();
    assert.ok(shown < total);
    await waitFor('view message with counts', () =>
      api.services.view.message?.includes(`${shown} of ${total.toLocaleString('en-US')} WorkSpaces`),
    );
    await vscode.commands.executeCommand('workspacesFleet.clearFilter');
    assert.equal(api.services.provider.options.filter, '');
    await waitFor('message cleared', () => api.services.view.message === undefined);
  });

  it('shows an error row for a failing region while the other regions load', async () => {
    const { api, emulator } = fx;
    emulator.setFaults({ accessDeniedRegions: [{ region: 'eu-west-1', account: PROD }] });
    try {
      await api.services.fleet.refreshAll();
      await fleetLoaded(api);
      const prod = child(api, undefined, 'sandbox-prod');
      const eu = child(api, prod, 'eu-west-1');
      const rows = children(api, eu);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].kind, 'error');
      assert.match(label(api, rows[0]), /Access denied/i);
      // The sibling region and the other profile are complete.
      assert.deepEqual(
        children(api, child(api, prod, 'us-east-1')).map((n) => label(api, n)),
        ['Directories', 'WorkSpaces', 'Images', 'Pools', 'Bundles', 'Cost & usage'],
      );
      const dev = child(api, undefined, 'sandbox-dev');
      assert.ok(children(api, dev).every((r) => children(api, r).length === 6));
    } finally {
      emulator.setFaults({ accessDeniedRegions: [] });
    }
    // Retry from the error row brings the region back.
    const eu = child(api, child(api, undefined, 'sandbox-prod'), 'eu-west-1');
    await vscode.commands.executeCommand('workspacesFleet.retry', children(api, eu)[0]);
    await waitFor('eu-west-1 back', () => children(api, eu).length === 6);
  });

  it('when every profile fails, the tree empties into the "none could be loaded" welcome and the message says why', async () => {
    const { api, emulator } = fx;
    emulator.setFaults({ expiredKeys: emulator.accounts.map((a) => a.accessKeyId) });
    try {
      await api.services.fleet.refreshAll();
      await fleetLoaded(api);
      assert.equal(api.services.fleet.allFailing, true);
      assert.deepEqual(children(api), [], 'an empty tree shows the allFailing welcome');
      await waitFor('the reasons in the view message', () =>
        api.services.view.message?.includes('No profile could be loaded'),
      );
      assert.match(api.services.view.message ?? '', /sandbox-prod \(us-east-1\)/);
    } finally {
      emulator.setFaults({ expiredKeys: [] });
    }
    await vscode.commands.executeCommand('workspacesFleet.refresh');
    await fleetLoaded(api);
    assert.equal(children(api).length, 2, 'both profiles are back after Refresh');
  });

  it('polls a moving WorkSpace by id until it settles, without re-listing', async () => {
    const { api, emulator } = fx;
    await fleetLoaded(api);
    const model = api.services.fleet
      .allScopes()
      .find((s) => s.scope.profile === 'sandbox-prod' && s.scope.region === 'us-east-1');
    assert.ok(model);
    const bobId = 'ws-b2d4f6h8j';
    // Started outside VS Code (the console, a script): a refresh of the row shows it moving.
    emulator.world(PROD, 'us-east-1').setState(bobId, 'STARTING', { then: 'AVAILABLE', afterMs: 1500 });
    await vscode.commands.executeCommand('workspacesFleet.refreshNode', api.services.provider.rowsOf(bobId)[0]);
    assert.equal(model.workspaces.items.get(bobId)?.State, 'STARTING');
    emulator.resetCounts();
    await waitFor(
      'bob to become AVAILABLE through polling',
      () => model.workspaces.items.get(bobId)?.State === 'AVAILABLE',
      30_000,
    );
    const counts = emulator.counts().byOp;
    assert.equal(counts.DescribeWorkspaceDirectories ?? 0, 0, 'no re-listing of directories');
    const describes = emulator
      .requests()
      .filter((r) => r.op === 'DescribeWorkspaces' && r.time > 0)
      .slice(-5);
    assert.ok(describes.length > 0);
    assert.ok(
      describes.every((r) => Array.isArray(r.params.WorkspaceIds) && (r.params.WorkspaceIds as string[]).length <= 25),
      'polling is by id',
    );
    const row = api.services.provider.rowsOf(bobId)[0];
    assert.match(description(api, row), /^Available/);
  });
});
