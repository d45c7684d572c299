// The fleet model (vscode-free) over the real AWS layer and SDK, against the emulator.
import * as assert from 'node:assert/strict';
import { Fleet, Poller } from '../../../src/fleet/fleet';
import { minimumListingCalls, type ScopeChange } from '../../../src/fleet/scopeModel';
import { waitFor } from '../../support/waitFor';
import { harness, type Harness } from '../aws/helpers';
import { testClock } from '../../support/clock';

const settings = { profiles: [], regions: {}, includeEnvironment: false };

describe('fleet model (AWS layer + emulator)', function () {
  this.timeout(30_000);
  let h: Harness;
  let fleet: Fleet;

  beforeEach(async () => {
    h = await harness({
      seed: {
        kind: 'fleet',
        workspaces: 120,
        accounts: 2,
        regions: ['us-east-1', 'eu-west-1'],
        directories: 4,
        movingRate: 0,
      },
    });
    fleet = new Fleet(
      () => Promise.resolve(h.layer),
      { ...settings, regions: Object.fromEntries(h.emu.accounts.map((a) => [a.profile, a.regions])) },
      { clock: testClock() },
    );
    await fleet.loadProfiles();
  });

  afterEach(async () => {
    fleet.dispose();
    await h.close();
  });

  it('has one scope per profile and chosen region, each listing its own account', async () => {
    const names = fleet.profiles.map((p) => `${p.info.name}: ${p.regions.join(',')}`).sort();
    assert.deepEqual(names, ['sandbox-dev: us-east-1,eu-west-1', 'sandbox-prod: us-east-1,eu-west-1']);
    const scopes = fleet.allScopes();
    assert.equal(scopes.length, 4);
    await Promise.all(scopes.map((s) => s.refresh()));
    for (const s of scopes) {
      const world = h.emu.world(h.emu.account(s.scope.profile).accountId, s.scope.region);
      assert.deepEqual(
        [...s.workspaces.items.keys()].sort(),
        world.workspaceIds().sort(),
        `${s.key}: every WorkSpace exactly once`,
      );
      assert.ok(
        [...s.workspaces.items.values()].every((w) => w.connection !== undefined),
        'status merged onto every row',
      );
      assert.equal(s.directories.items.size, 4);
      assert.equal(s.workspaces.state, 'loaded');
    }
  });

  it('shows rows before their connection status arrives, then merges it', async () => {
    h.emu.setLatency(15);
    const scope = fleet.allScopes()[0];
    const seen: { rows: number; withStatus: number }[] = [];
    scope.on('change', (c: ScopeChange) => {
      if (c.section === 'workspaces' && c.pageArrived) {
        const rows = [...scope.workspaces.items.values()];
        seen.push({ rows: rows.length, withStatus: rows.filter((w) => w.connection).length });
      }
    });
    await scope.load('workspaces');
    assert.ok(seen.length > 1);
    assert.ok(seen[0].rows > 0 && seen[0].withStatus === 0, 'the first rows come without waiting for their status');
    assert.equal(seen[seen.length - 1].withStatus, 120);
  });

  it('coalesces ten refreshes into one listing in flight, with no duplicate rows', async () => {
    const scope = fleet.allScopes()[0];
    await scope.refresh();
    h.emu.resetCounts();
    h.emu.setLatency(20);
    await Promise.all(Array.from({ length: 10 }, () => scope.refresh()));
    const byOp = h.emu.counts().byOp;
    assert.equal(byOp.DescribeWorkspaceDirectories, 1);
    // Region-wide: ⌈120/25⌉ = 5 DescribeWorkspaces (per directory it would be 4 × ⌈30/25⌉ = 8).
    assert.equal(byOp.DescribeWorkspaces, 5);
    assert.equal(scope.workspaces.items.size, 120);
  });

  it('lists a scope with exactly the minimum calls: 1 + ⌈N/25⌉ pages region-wide + ⌈N/25⌉ status calls', async () => {
    const scope = fleet.allScopes()[0];
    h.emu.resetCounts();
    scope.ensureLoaded();
    await waitFor('listed', () => scope.workspaces.state === 'loaded' && scope.directories.state === 'loaded');
    await waitFor('status of every row', () => [...scope.workspaces.items.values()].every((w) => w.connection));
    const min = minimumListingCalls({ directories: 4, workspaces: 120 });
    assert.deepEqual(min, { directories: 1, workspaces: 5, status: 5, total: 11 });
    assert.deepEqual(h.emu.counts().byOp, {
      DescribeWorkspaceDirectories: min.directories,
      DescribeWorkspaces: min.workspaces,
      DescribeWorkspacesConnectionStatus: min.status,
    });
    assert.ok(
      h.emu.requests().every((r) => r.op !== 'DescribeWorkspaces' || r.params.DirectoryId === undefined),
      'region-wide, not per directory',
    );
    assert.equal(scope.images.state, 'idle', 'images wait until asked');
    assert.equal(scope.pools.state, 'idle', 'pools wait until asked');
    scope.ensureLoaded(['images', 'pools']);
    await waitFor('images and pools', () => scope.images.state === 'loaded' && scope.pools.state === 'loaded');
    assert.ok(scope.images.items.size > 0 && scope.pools.items.size > 0);
    // A refresh reloads what was asked for before (images and pools now too), nothing twice.
    h.emu.resetCounts();
    await scope.refresh();
    const after = h.emu.counts().byOp;
    assert.equal(after.DescribeWorkspaceDirectories, 1);
    assert.equal(after.DescribeWorkspaces, 5);
    assert.ok((after.DescribeWorkspaceImages ?? 0) >= 2 && (after.DescribeWorkspacesPools ?? 0) >= 1);
  });

  it("lists WorkSpaces without waiting for the directories; the scope binds to its directories' account", async () => {
    const scope = fleet.allScopes()[0];
    h.emu.setLatency(30);
    const order: string[] = [];
    scope.on('change', (c: ScopeChange) => {
      if (c.pageArrived) order.push(c.section);
    });
    await scope.load('workspaces');
    h.emu.setLatency(0);
    const first = h.emu
      .requests()
      .slice(0, 2)
      .map((r) => r.op)
      .sort();
    assert.deepEqual(first, ['DescribeWorkspaceDirectories', 'DescribeWorkspaces'], 'both sent at once');
    assert.equal(scope.directories.state, 'loaded');
    const api = h.layer.api(scope.scope);
    const account = h.emu.account(scope.scope.profile).accountId;
    assert.match(api.stats().name, new RegExp(`^account ${account} `), "shares its account's request budget");
  });

  it("re-lists one directory's WorkSpaces: its rows replaced, its removed ones gone, the others untouched", async () => {
    const scope = fleet.allScopes()[0];
    await scope.refresh();
    const world = h.emu.world(h.emu.account(scope.scope.profile).accountId, scope.scope.region);
    const dir = [...world.directories.keys()][2];
    const mine = world.workspaceIds().filter((id) => world.getWorkspace(id)?.DirectoryId === dir);
    const other = world.workspaceIds().find((id) => world.getWorkspace(id)?.DirectoryId !== dir) as string;
    world.removeWorkspace(mine[0]);
    world.setState(mine[1], 'STOPPED');
    world.setState(other, 'STOPPED');
    const otherBefore = scope.workspaces.items.get(other)?.State;
    h.emu.resetCounts();
    await scope.loadDirectory(dir);
    assert.equal(scope.workspaces.items.has(mine[0]), false);
    assert.equal(scope.workspaces.items.get(mine[1])?.State, 'STOPPED');
    assert.equal(scope.workspaces.items.get(other)?.State, otherBefore, 'another directory is not re-read');
    assert.ok(scope.workspaces.items.get(mine[1])?.connection, 'with status');
    assert.deepEqual(h.emu.counts().byOp, { DescribeWorkspaces: 2, DescribeWorkspacesConnectionStatus: 2 });
  });

  it('cancel() drops the calls of a stale listing (settings changed); the next load starts afresh', async () => {
    const scope = fleet.allScopes()[0];
    h.emu.setLatency(40);
    const firstPage = new Promise<void>((resolve) =>
      scope.on('change', (c: ScopeChange) => {
        if (c.section === 'workspaces' && c.pageArrived) resolve();
      }),
    );
    const stale = scope.load('workspaces');
    await firstPage;
    scope.cancel();
    await stale; // ends quietly
    h.emu.setLatency(0);
    h.emu.resetCounts();
    await scope.refresh();
    assert.equal(scope.workspaces.state, 'loaded');
    assert.equal(scope.workspaces.items.size, 120);
    assert.deepEqual(h.emu.counts().byOp, {
      DescribeWorkspaceDirectories: 1,
      DescribeWorkspaces: 5,
      DescribeWorkspacesConnectionStatus: 5,
    });
  });

  it('keeps a failing region to itself (access denied) while the others load', async () => {
    h.emu.setFaults({ accessDeniedRegions: [{ region: 'eu-west-1', account: h.emu.accounts[0].accountId }] });
    await Promise.all(fleet.allScopes().map((s) => s.refresh()));
    const failed = fleet.allScopes().filter((s) => s.fatalError);
    assert.deepEqual(
      failed.map((s) => s.key),
      [`${h.emu.accounts[0].profile}|eu-west-1`],
    );
    assert.equal(failed[0].fatalError?.kind, 'accessDenied');
    assert.equal(fleet.allFailing, false);
  });

  it('polls only moving WorkSpaces, ⌈moving/25⌉ requests per tick, none when nothing moves', async () => {
    const scope = fleet.allScopes()[0];
    await scope.refresh();
    const poller = new Poller(fleet, 50);
    h.emu.resetCounts();
    await poller.tick();
    assert.equal(h.emu.counts().total, 0, 'nothing moves: no request');
    const world = h.emu.world(h.emu.account(scope.scope.profile).accountId, scope.scope.region);
    const ids = [...scope.workspaces.items.keys()].slice(0, 30);
    for (const id of ids) world.setState(id, 'STARTING', { then: 'AVAILABLE', afterMs: 300 });
    await scope.refreshWorkspaces(ids);
    assert.equal(scope.movingWorkspaceIds().length, 30);
    h.emu.resetCounts();
    await poller.tick();
    assert.deepEqual(
      h.emu.counts().byOp,
      { DescribeWorkspaces: 2 },
      '30 moving → 2 calls by id, no status call while they move',
    );
    poller.kick();
    await waitFor('all settled', () => scope.movingWorkspaceIds().length === 0, 10_000);
    poller.stop();
    assert.ok(ids.every((id) => scope.workspaces.items.get(id)?.State === 'AVAILABLE'));
    assert.equal(h.emu.counts().byOp.DescribeWorkspaceDirectories ?? 0, 0, 'no re-listing');
    assert.ok(
      ids.every((id) => scope.workspaces.items.get(id)?.connection?.ConnectionState !== undefined),
      'status re-read once settled',
    );
  });
});
