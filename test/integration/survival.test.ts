// The extension where AWS makes it hard, in the real extension host (its bundle, AWS layer and SDK)
// against the emulator: a WorkSpace it created that AWS does not list yet, AWS's real API quota on
// a fleet of a few hundred, other endpoints' quirks (an operation answered with an HTML page,
// numeric or missing FailedRequests codes, an Alias that is the directory id), images and pools
// listed only when expanded, and a scope shown from the persistent cache before its first call.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import type { ScopeModel } from '../../src/fleet/scopeModel';
import type { Node, WorkspaceNode } from '../../src/tree/nodes';
import { AWS_QUOTA } from '../emulator';
import { allNodes, labelOf, LeakWatch, scopeNode, scopeRows, treeItem } from '../support/hostWatch';
import { recordFigure } from '../support/reliability';
import { children, fleetLoaded, setSetting, setupFleet, waitFor, type Fixture } from './fixture';
import { pick, pickWhere, press, type, Ui } from './ui';
import { randomUUID } from 'node:crypto';

const PROD = { profile: 'sandbox-prod', region: 'us-east-1' };
const CORP = 'd-9067a1b2c3';

const run = (command: string, ...args: unknown[]): Thenable<unknown> =>
  vscode.commands.executeCommand(`workspacesFleet.${command}`, ...args);

function model(api: TestingApi, profile = PROD.profile, region = PROD.region): ScopeModel {
  const m = api.services.fleet.scopeModel({ profile, region });
  assert.ok(m, `${profile} ${region} is in the fleet`);
  return m;
}

function rowOf(api: TestingApi, id: string): WorkspaceNode | undefined {
  return allNodes(api).find(
    (n): n is WorkspaceNode => n.kind === 'workspace' && (n as WorkspaceNode).workspaceId === id,
  );
}

const description = (api: TestingApi, n: Node): string => {
  const d = treeItem(api, n).description;
  return typeof d === 'string' ? d : '';
};

async function tooltip(api: TestingApi, n: Node): Promise<string> {
  const p = api.services.provider;
  const item = await p.resolveTreeItem(p.getTreeItem(n), n, new vscode.CancellationTokenSource().token);
  return (item.tooltip as vscode.MarkdownString | undefined)?.value ?? '';
}

describe('survival: a WorkSpace AWS does not list yet, quirks of other endpoints, sections on demand', function () {
  this.timeout(90_000);
  let fx: Fixture;
  let api: TestingApi;
  let ui: Ui;
  let leaks: LeakWatch;

  before(async () => {
    leaks = new LeakWatch().install();
    // New WorkSpaces stay invisible to every Describe until the test moves the emulated clock.
    fx = await setupFleet({ seed: 'demo', transitionMs: 400, visibilityDelayMs: 60 * 60_000 });
    api = fx.api;
    await setSetting('pollingIntervalSeconds', 2);
    await vscode.commands.executeCommand('workspacesFleet.explorer.focus');
    api.services.provider.setOptions({ filter: '', idleOnly: false, groupBy: 'directory' });
    await fleetLoaded(api);
  });

  after(async () => {
    leaks?.dispose();
    fx?.emulator.setQuirks({ unsupportedOperations: [], numericFailureCodes: false, omitFailureCodes: false });
    await setSetting('pollingIntervalSeconds', undefined);
    await setSetting('confirmStopReboot', undefined);
    await fx?.dispose();
  });

  beforeEach(() => {
    ui = new Ui();
    ui.install();
  });

  afterEach(() => ui.restore());

  it('a created WorkSpace stays "Creating…" through refreshes and polls while AWS does not list it, then turns Available', async () => {
    ui.answer(
      pick(PROD.profile),
      pick(PROD.region),
      pickWhere((i) => (i.dir as { DirectoryId?: string } | undefined)?.DirectoryId === CORP),
      pick('Finance Windows 11'),
      type('late.lucy'),
      pick('AutoStop'),
      type('1'),
      pick('No volume encryption'),
      type('Team=Late'),
      press('Create'),
    );
    const outcomes = (await run('createWorkspaces')) as Array<{ ok: boolean; id: string }>;
    assert.equal(outcomes.length, 1);
    assert.ok(outcomes[0].ok, JSON.stringify(outcomes[0]));
    const id = outcomes[0].id;
    const creating = await waitFor('the Creating… row', () => rowOf(api, id));
    assert.equal(description(api, creating), 'Creating… · AutoStop');
    assert.match(await tooltip(api, creating), /AWS makes new WorkSpaces visible after a delay/);

    // A whole refresh, then polls by id: AWS does not return it, the row stays.
    fx.emulator.resetCounts();
    await run('refresh');
    await fleetLoaded(api);
    await waitFor('a poll by id that does not find it', () =>
      fx.emulator
        .requests()
        .some(
          (r) =>
            r.op === 'DescribeWorkspaces' &&
            Array.isArray(r.params.WorkspaceIds) &&
            (r.params.WorkspaceIds as string[]).includes(id),
        ),
    );
    const still = rowOf(api, id);
    assert.ok(still, 'the row survived the refresh and the poll');
    assert.equal(description(api, still), 'Creating… · AutoStop');

    // AWS lists it now (the emulated clock passes the visibility delay): the real row, then Available.
    fx.emulator.advanceTime(60 * 60_000 + 1000);
    await waitFor('the real row, Available', () => model(api).workspaces.items.get(id)?.State === 'AVAILABLE');
    const real = await waitFor('its row updated', () => {
      const r = rowOf(api, id);
      return r && /^Available · AutoStop/.test(description(api, r)) ? r : undefined;
    });
    assert.equal(model(api).workspaces.items.get(id)?.creating, undefined);
    assert.doesNotMatch(await tooltip(api, real), /visible after a delay/);
  });

  it('an endpoint that answers DescribeWorkspacesConnectionStatus with an HTML page: rows stay, marked, named in the tooltip and the view message; per-row Refresh and Connection Details keep them', async () => {
    fx.emulator.setQuirks({ unsupportedOperations: ['DescribeWorkspacesConnectionStatus'] });
    try {
      await run('refresh');
      await fleetLoaded(api);
      const m = model(api);
      const world = fx.emulator.world(PROD.profile, PROD.region);
      assert.equal(m.workspaces.items.size, world.workspaceIds().length, 'every WorkSpace listed');
      const alice = allNodes(api).find(
        (n): n is WorkspaceNode => n.kind === 'workspace' && (n as WorkspaceNode).workspace.UserName === 'alice.nguyen',
      );
      assert.ok(alice);
      assert.match(description(api, alice), /^Available · AlwaysOn · status unavailable · WSAMZN-\w+$/);
      assert.match(
        await tooltip(api, alice),
        /connection status unavailable: This endpoint did not answer DescribeWorkspacesConnectionStatus like the WorkSpaces API \(HTTP 500 HTML page\)/,
      );
      await waitFor('the view message', () =>
        /Connection status unavailable for \d+ WorkSpaces: This endpoint did not answer DescribeWorkspacesConnectionStatus/.test(
          api.services.view.message ?? '',
        ),
      );
      const errors = scopeRows(api, scopeNode(api, PROD.profile, PROD.region) as Node).errors;
      assert.deepEqual(
        errors.map((e) => labelOf(api, e)),
        [],
        'no error row: only the status part is missing',
      );
      // Per-row Refresh and Show Connection Details re-read the WorkSpace and keep it.
      await run('refreshNode', alice);
      assert.ok(m.workspaces.items.get(alice.workspaceId), 'still there after a per-row refresh');
      const text = (await run('showConnectionDetails', alice)) as string;
      assert.match(text, /Connection: unavailable: This endpoint did not answer DescribeWorkspacesConnectionStatus/);
      assert.match(text, /Registration code: /, 'the rest of the details');
    } finally {
      fx.emulator.setQuirks({ unsupportedOperations: [] });
    }
    await run('refresh');
    await fleetLoaded(api);
    await waitFor('the mark gone once the status arrives', () => model(api).statusMissing().count === 0);
  });

  it('numeric or missing FailedRequests codes still show the message; a directory whose Alias is its id shows its name', async () => {
    const world = fx.emulator.world(PROD.profile, PROD.region);
    const m = model(api);
    const seedTwo = async (): Promise<WorkspaceNode[]> => {
      const ids = [0, 1].map(
        (i) =>
          world.addWorkspace({
            DirectoryId: 'd-9067d4e5f6',
            UserName: `quirk-${randomUUID().slice(0, 8)}-${i}`,
            BundleId: 'wsb-eng0linux',
          }).data.WorkspaceId,
      );
      await m.load('workspaces');
      const rows = ids.map((id) => rowOf(api, id));
      assert.ok(rows.every((r) => r !== undefined));
      // Stopped behind the extension's back: the Reboot is refused per item (FailedRequests).
      world.setState(ids[1], 'STOPPED');
      return rows;
    };
    for (const quirk of [{ numericFailureCodes: true }, { omitFailureCodes: true }] as const) {
      fx.emulator.setQuirks({ numericFailureCodes: false, omitFailureCodes: false, ...quirk });
      const rows = await seedTwo();
      ui.answer(press('Reboot'));
      await run('rebootWorkspaces', rows[0], rows);
      const toast = ui.toasts[ui.toasts.length - 1];
      assert.match(
        toast.message,
        new RegExp(
          `^Rebooting 1 of 2 WorkSpaces; 1 failed: ${rows[1].workspaceId} ${'numericFailureCodes' in quirk ? '409' : 'Unknown'} — The WorkSpace ${rows[1].workspaceId} is in the state STOPPED`,
        ),
      );
    }
    fx.emulator.setQuirks({ numericFailureCodes: false, omitFailureCodes: false, aliasEqualsId: true });
    try {
      await m.load('directories');
      const container = scopeNode(api, PROD.profile, PROD.region);
      assert.ok(container);
      const category = children(api, container).find((n) => labelOf(api, n) === 'Directories');
      assert.ok(category);
      const dirs = children(api, category);
      assert.ok(
        dirs.some((d) => labelOf(api, d) === 'corp.example.com'),
        dirs.map((d) => labelOf(api, d)).join(', '),
      );
      assert.ok(!dirs.some((d) => labelOf(api, d) === CORP));
    } finally {
      fx.emulator.setQuirks({ aliasEqualsId: false });
      await m.load('directories');
    }
  });

  const EU = { profile: PROD.profile, region: 'eu-west-1' };
  /** Takes eu-west-1 out of the view (its model goes), then the emulator's counters start afresh. */
  async function removeEu(): Promise<void> {
    await setSetting('regions', { [PROD.profile]: [PROD.region] });
    await waitFor('removed', () => api.services.fleet.scopeModel(EU) === undefined);
    fx.emulator.resetCounts();
  }
  /** Puts eu-west-1 back into the view. */
  const addEu = (): Promise<void> => setSetting('regions', { [PROD.profile]: [PROD.region, 'eu-west-1'] });

  it('a region added to the view lists images and pools only when their category is expanded', async () => {
    // Data of any age is listed again at open (else the cached images, fresh, are shown as they are).
    await setSetting('freshnessMinutes', 0);
    await removeEu();
    await addEu();
    const eu = await waitFor('the new region', () => api.services.fleet.scopeModel(EU));
    // As the view would: the region's rows are asked for (directories and WorkSpaces load).
    const region = await waitFor('its row', () => scopeNode(api, PROD.profile, 'eu-west-1'));
    const sections = children(api, region);
    await waitFor('listed', () => eu.workspaces.state === 'loaded' && eu.directories.state === 'loaded');
    const sent = (op: string): number =>
      fx.emulator.requests().filter((r) => r.op === op && r.region === 'eu-west-1').length;
    assert.equal(sent('DescribeWorkspaceImages'), 0, 'no image call before the category is expanded');
    assert.equal(sent('DescribeWorkspacesPools'), 0, 'no pool call before the category is expanded');
    const images = sections.find((n) => labelOf(api, n) === 'Images') as Node;
    children(api, images); // expanded
    await waitFor('images listed', () => eu.images.state === 'loaded');
    assert.ok(sent('DescribeWorkspaceImages') > 0);
    assert.equal(sent('DescribeWorkspacesPools'), 0, 'pools still wait');
    await setSetting('freshnessMinutes', undefined);
  });

  it('a region added back shows its cached rows before any call, then revalidates them', async () => {
    const eu = model(api, PROD.profile, 'eu-west-1');
    await eu.refresh();
    const before = eu.workspaces.items.size;
    assert.ok(before > 0);
    await api.services.flushCache();
    await removeEu();
    let atProfiles: { rows: number; requests: number; asOf?: number } | undefined;
    const listener = (): void => {
      const m = api.services.fleet.scopeModel({ profile: PROD.profile, region: 'eu-west-1' });
      if (m && !atProfiles) {
        atProfiles = {
          rows: m.workspaces.items.size,
          requests: fx.emulator.requests().filter((r) => r.region === 'eu-west-1').length,
          ...(m.asOf ? { asOf: m.asOf } : {}),
        };
      }
    };
    api.services.fleet.on('profiles', listener);
    try {
      await addEu();
      await waitFor('the region back', () => atProfiles);
    } finally {
      api.services.fleet.off('profiles', listener);
    }
    assert.equal(atProfiles?.rows, before, 'every cached row in the model');
    assert.equal(atProfiles?.requests, 0, 'before any call of that region');
    assert.ok(atProfiles?.asOf, 'marked as of the cached listing');
    const h = api.services.fleet.hydration;
    assert.ok(h);
    recordFigure(
      'Cached rows in the model after a region is added back (integration): ms after the profiles were asked for',
      `${h.ms.toFixed(0)} ms (${h.workspaces} WorkSpaces; profiles ${h.profilesMs.toFixed(0)} ms, cache read ${h.cacheMs.toFixed(0)} ms)`,
    );
    await waitFor('"As of" in the view message', () => /As of \d\d:\d\d/.test(api.services.view.message ?? ''));
    const eu2 = model(api, PROD.profile, 'eu-west-1');
    // Younger than the freshness window (workspacesFleet.freshnessMinutes, 5): shown as it is, not
    // listed again; the view says how old it is.
    await waitFor('shown as loaded', () => eu2.workspaces.state === 'loaded' && eu2.asOf !== undefined);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(
      fx.emulator.requests().filter((r) => r.region === 'eu-west-1' && r.op === 'DescribeWorkspaces').length,
      0,
      'fresh data is not listed again',
    );
    // Refresh always lists.
    await vscode.commands.executeCommand('workspacesFleet.refresh');
    await waitFor('revalidated', () => eu2.workspaces.state === 'loaded' && eu2.asOf === undefined);
    assert.equal(eu2.workspaces.items.size, fx.emulator.world(PROD.profile, 'eu-west-1').workspaceIds().length);
  });

  it('data older than the freshness window is revalidated when its region is added back', async () => {
    await setSetting('freshnessMinutes', 0);
    try {
      await api.services.flushCache();
      await removeEu();
      await addEu();
      const eu = await waitFor('the region back', () => api.services.fleet.scopeModel(EU));
      await waitFor('revalidated', () => eu.workspaces.state === 'loaded' && eu.asOf === undefined);
      assert.ok(fx.emulator.requests().some((r) => r.region === 'eu-west-1' && r.op === 'DescribeWorkspaces'));
    } finally {
      await setSetting('freshnessMinutes', undefined);
    }
  });

  it('Clear Cached Fleet Data empties the cache; with workspacesFleet.cacheFleetData off nothing is stored', async () => {
    const dir = join(api.services.context.globalStorageUri.fsPath, 'fleet-cache');
    const stored = (): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json.gz')) : []);
    await api.services.flushCache();
    assert.ok(stored().length > 0, 'listings were stored');
    const cleared = (await run('clearCache')) as { entries: number; bytes: number };
    assert.equal(cleared.entries > 0 && cleared.bytes > 0, true);
    assert.deepEqual(stored(), []);
    assert.match(
      ui.toasts[ui.toasts.length - 1]?.message ?? '',
      /^Cleared the cached fleet data \(\d+ profile-region entr/,
    );
    await setSetting('cacheFleetData', false);
    try {
      await run('refresh');
      await fleetLoaded(api);
      await api.services.flushCache();
      assert.deepEqual(stored(), [], 'nothing stored while off');
    } finally {
      await setSetting('cacheFleetData', undefined);
    }
    await run('refresh');
    await fleetLoaded(api);
    await waitFor('stored again once on', async () => {
      await api.services.flushCache();
      return stored().length > 0;
    });
  });

  it('let no promise rejection or exception leak out of the extension host', () => {
    assert.deepEqual(leaks.leaks, []);
  });
});

describe("survival: AWS's real API quota (2 calls/s, burst 5) on a fleet of 300", function () {
  this.timeout(180_000);
  let fx: Fixture;
  let api: TestingApi;
  let ui: Ui;

  before(async () => {
    fx = await setupFleet({
      seed: { kind: 'fleet', workspaces: 300, accounts: 1, regions: ['us-east-1'], movingRate: 0 },
      quota: AWS_QUOTA,
      transitionMs: 1500,
      requestLogSize: 10_000,
    });
    api = fx.api;
    await setSetting('pollingIntervalSeconds', 2);
    await vscode.commands.executeCommand('workspacesFleet.explorer.focus');
    api.services.provider.setOptions({ filter: '', idleOnly: false, groupBy: 'directory' });
    await fleetLoaded(api);
    ui = new Ui();
    ui.install();
  });

  after(async () => {
    ui?.restore();
    await setSetting('pollingIntervalSeconds', undefined);
    await setSetting('confirmStopReboot', undefined);
    await fx?.dispose();
  });

  it('lists, acts on two WorkSpaces and follows them at the real quota: no throttling error anywhere, each acted on once', async () => {
    const m = model(api);
    // A refresh (the bucket refilled first): progress with the quota in the view message.
    await new Promise((r) => setTimeout(r, 3000));
    fx.emulator.resetCounts();
    const messages = new Set<string>();
    const started = performance.now();
    let refreshed = false;
    const refreshing = Promise.resolve(run('refresh')).then(() => (refreshed = true));
    // Every message the view shows while the listing runs (sampled every 50 ms).
    await waitFor(
      'the refresh',
      () => {
        const msg = api.services.view.message ?? '';
        if (msg) messages.add(msg);
        return refreshed;
      },
      120_000,
    );
    await refreshing;
    await fleetLoaded(api);
    const listingMs = performance.now() - started;
    const counts = fx.emulator.counts();
    assert.ok(
      [...messages].some((x) => /Listing [\d,]+ of ~300 WorkSpaces · API quota 2 calls\/s/.test(x)),
      `a progress message was shown: ${[...messages].join(' | ')}`,
    );
    assert.equal(m.workspaces.items.size, 300);
    assert.equal(m.workspaces.state, 'loaded');
    const rows = scopeRows(api, scopeNode(api, 'sandbox-prod', 'us-east-1') as Node);
    assert.equal(rows.rows.size, 300, 'every WorkSpace a row');
    assert.deepEqual(
      rows.errors.map((e) => labelOf(api, e)),
      [],
      'no error row',
    );
    recordFigure(
      "Listing 300 WorkSpaces (1 scope) at AWS's real quota, 2 calls/s burst 5 (integration refresh)",
      `${(listingMs / 1000).toFixed(1)} s, ${counts.total} calls, ${counts.throttled} throttled by the emulator (re-queued, none shown)`,
    );

    // Stop two AutoStop WorkSpaces from the tree.
    await setSetting('confirmStopReboot', false);
    const ids = [...m.workspaces.items.values()]
      .filter((w) => w.State === 'AVAILABLE' && w.WorkspaceProperties?.RunningMode === 'AUTO_STOP')
      .slice(0, 2)
      .map((w) => w.WorkspaceId as string);
    assert.equal(ids.length, 2);
    const nodes = ids.map((id) => rowOf(api, id) as WorkspaceNode);
    fx.emulator.resetCounts();
    const result = (await run('stopWorkspaces', nodes[0], nodes)) as { outcomes: Array<{ ok: boolean }> };
    assert.deepEqual(
      result.outcomes.map((o) => o.ok),
      [true, true],
    );
    assert.deepEqual(
      ids.map((id) => fx.emulator.actionCount(id, 'StopWorkspaces')),
      [1, 1],
      'each applied exactly once',
    );
    await waitFor(
      'both STOPPED (followed by polls under the quota)',
      () => ids.every((id) => m.workspaces.items.get(id)?.State === 'STOPPED'),
      60_000,
    );
    const shown = ui.asked.map((q) => q.message);
    assert.deepEqual(
      shown.filter((x) => /throttl|rate exceeded/i.test(x)),
      [],
      'no throttling error shown',
    );
    assert.deepEqual(
      ui.toasts.map((t) => t.message),
      ['Stopping 2 WorkSpaces.'],
    );
    assert.deepEqual(scopeRows(api, scopeNode(api, 'sandbox-prod', 'us-east-1') as Node).errors, []);
  });
});
