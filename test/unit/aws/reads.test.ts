// Reads through the real SDK against the emulator: paging, the parallel directory merge,
// connection-status batching, refresh by id, images/pools/bundles/tags.
import assert from 'node:assert/strict';
import type { Workspace } from '../../../src/aws';
import { collect, harness, idsPerCall, type Harness } from './helpers';

function fleet(
  workspaces: number,
  directories = 1,
): { kind: 'fleet'; workspaces: number; directories: number; movingRate: number } {
  return { kind: 'fleet', workspaces, directories, movingRate: 0 };
}

function assertSameIds(got: Workspace[], want: string[]): void {
  const ids = got.map((w) => w.WorkspaceId as string);
  assert.equal(new Set(ids).size, ids.length, 'no WorkSpace repeated');
  assert.deepEqual([...ids].sort(), [...want].sort(), 'no WorkSpace lost');
}

describe('aws reads: paging', function () {
  this.timeout(20_000);
  let h: Harness;
  before(async () => {
    h = await harness({ seed: fleet(0) });
  });
  after(async () => h.close());

  for (const n of [0, 1, 25, 26, 1000]) {
    it(`lists ${n} WorkSpaces page by page (≤ 25 per page), none lost or repeated`, async () => {
      h.emu.reset(fleet(n, n === 1000 ? 4 : 1));
      h.emu.resetCounts();
      const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
      const want = world.workspaceIds();
      assert.equal(want.length, n);
      const pageSizes: number[] = [];
      const items: Workspace[] = [];
      for await (const page of h.api().workspaces()) {
        pageSizes.push(page.length);
        items.push(...page);
      }
      assertSameIds(items, want);
      assert.ok(pageSizes.every((s) => s <= 25));
      assert.equal(h.emu.counts().byOp.DescribeWorkspaces, Math.max(1, Math.ceil(n / 25)));
      assert.ok(idsPerCall(h.emu, 'DescribeWorkspaces', 'WorkspaceIds').every((x) => x === 0));
      assert.ok(h.emu.requests().every((r) => r.op !== 'DescribeWorkspaces' || r.params.Limit === 25));
    });
  }

  it('lists several directories in parallel and yields pages as they arrive', async () => {
    h.emu.reset(fleet(1000, 4));
    h.emu.resetCounts();
    const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    const dirs = await collect(h.api().directories());
    assert.equal(dirs.items.length, 4);
    const directoryIds = dirs.items.map((d) => d.DirectoryId as string);
    h.emu.setLatency(15);
    h.emu.resetCounts();
    const seenDirs: string[] = [];
    const items: Workspace[] = [];
    for await (const page of h.api().workspaces({ directoryIds })) {
      const d = new Set(page.map((w) => w.DirectoryId));
      assert.equal(d.size, 1, 'a page comes from one directory');
      seenDirs.push(page[0].DirectoryId as string);
      items.push(...page);
    }
    h.emu.setLatency(0);
    assertSameIds(items, world.workspaceIds());
    // Interleaved: the first pages do not all come from the same directory.
    assert.ok(
      new Set(seenDirs.slice(0, 4)).size > 1,
      `pages interleave across directories: ${seenDirs.slice(0, 8).join(',')}`,
    );
    const calls = h.emu.requests().filter((r) => r.op === 'DescribeWorkspaces');
    assert.equal(calls.length, 40);
    assert.deepEqual(new Set(calls.map((r) => r.params.DirectoryId)), new Set(directoryIds));
  });

  it('bounds the number of directories listed at once', async () => {
    h.emu.reset(fleet(60, 6));
    const dirs = (await collect(h.api().directories())).items.map((d) => d.DirectoryId as string);
    const layer = h.newLayer({ concurrency: { directories: 2 } });
    const api = layer.api({ profile: h.emu.accounts[0].profile, region: 'us-east-1' });
    h.emu.setLatency(30);
    h.emu.resetCounts();
    const first = await api.workspaces({ directoryIds: dirs })[Symbol.asyncIterator]().next();
    h.emu.setLatency(0);
    assert.equal(first.done, false);
    // At the first page only the first two directories were asked.
    const asked = new Set(
      h.emu
        .requests()
        .filter((r) => r.op === 'DescribeWorkspaces')
        .map((r) => r.params.DirectoryId),
    );
    assert.ok(asked.size <= 2, `asked ${asked.size} directories`);
  });

  it('merges connection status per page, ≤ 25 ids per call, one call per page', async () => {
    h.emu.reset(fleet(1000, 4));
    const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    const connected = world.workspaceIds().slice(0, 3);
    for (const id of connected) {
      world.setState(id, 'AVAILABLE');
      world.setConnection(id, 'CONNECTED');
    }
    const directoryIds = [...world.directories.keys()];
    h.emu.resetCounts();
    const { items, pages } = await collect(h.api().workspacesWithStatus({ directoryIds }));
    assertSameIds(items, world.workspaceIds());
    assert.equal(pages, 40);
    const counts = h.emu.counts().byOp;
    assert.equal(counts.DescribeWorkspaces, 40);
    assert.equal(counts.DescribeWorkspacesConnectionStatus, 40);
    const perCall = idsPerCall(h.emu, 'DescribeWorkspacesConnectionStatus', 'WorkspaceIds');
    assert.ok(
      perCall.every((x) => x >= 1 && x <= 25),
      perCall.join(','),
    );
    assert.equal(
      perCall.reduce((a, b) => a + b, 0),
      1000,
    );
    assert.ok(
      items.every((w) => w.connection?.WorkspaceId === w.WorkspaceId),
      'every row has its own status',
    );
    for (const id of connected) {
      assert.equal(items.find((w) => w.WorkspaceId === id)?.connection?.ConnectionState, 'CONNECTED');
    }
  });

  it('yields the first merged page after one list call and one status call', async () => {
    h.emu.reset(fleet(200, 1));
    h.emu.setLatency(20);
    h.emu.resetCounts();
    const it = h.api().workspacesWithStatus()[Symbol.asyncIterator]();
    const first = await it.next();
    assert.equal(first.done, false);
    assert.equal(first.value?.length, 25);
    assert.ok(first.value?.every((w) => w.connection !== undefined));
    // The first rows did not wait for the rest of the listing (8 pages): at most the next page
    // and its status call were started meanwhile.
    const byOp = h.emu.requests().map((r) => r.op);
    const lists = byOp.filter((o) => o === 'DescribeWorkspaces').length;
    const statuses = byOp.filter((o) => o === 'DescribeWorkspacesConnectionStatus').length;
    assert.ok(lists >= 1 && lists <= 3, `list calls before the first page: ${lists}`);
    assert.ok(statuses >= 1 && statuses <= 2, `status calls before the first page: ${statuses}`);
    await it.return?.(undefined);
    h.emu.setLatency(0);
  });

  it('keeps rows (without status) when a status call fails, and reports it', async () => {
    h.emu.reset(fleet(30, 1));
    h.emu.failNext('DescribeWorkspacesConnectionStatus', 'accessDenied', 1);
    const reported: string[] = [];
    const { items } = await collect(
      h.api().workspacesWithStatus({ onStatusError: (e, ids) => reported.push(`${e.kind}:${ids.length}`) }),
    );
    assert.equal(items.length, 30);
    assert.equal(reported.length, 1);
    assert.match(reported[0], /^accessDenied:(25|5)$/);
    assert.equal(items.filter((w) => w.connection === undefined).length, Number(reported[0].split(':')[1]));
  });

  it('connectionStatus chunks arbitrary id lists by 25, in parallel', async () => {
    h.emu.reset(fleet(80, 1));
    const ids = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1').workspaceIds();
    h.emu.resetCounts();
    const map = await h.api().connectionStatus(ids);
    assert.equal(map.size, 80);
    assert.deepEqual(
      idsPerCall(h.emu, 'DescribeWorkspacesConnectionStatus', 'WorkspaceIds').sort((a, b) => a - b),
      [5, 25, 25, 25],
    );
  });

  it('refreshes chosen WorkSpaces by id (≤ 25 per call) and reports the gone ones', async () => {
    h.emu.reset(fleet(60, 1));
    const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    const ids = world.workspaceIds().slice(0, 30);
    world.setState(ids[0], 'STOPPING');
    world.removeWorkspace(ids[1]);
    world.setState(ids[2], 'TERMINATED');
    h.emu.resetCounts();
    const r = await h.api().refresh(ids, { withStatus: true });
    assert.deepEqual(r.gone.sort(), [ids[1], ids[2]].sort());
    assert.equal(r.workspaces.length, 28);
    assert.equal(r.workspaces.find((w) => w.WorkspaceId === ids[0])?.State, 'STOPPING');
    assert.ok(r.workspaces.every((w) => w.connection !== undefined));
    assert.deepEqual(
      idsPerCall(h.emu, 'DescribeWorkspaces', 'WorkspaceIds').sort((a, b) => a - b),
      [5, 25],
    );
    assert.equal(h.emu.counts().byOp.DescribeWorkspaces, 2, 'never a full re-list');
  });

  it('lists OWNED and SHARED images, pools, AMAZON and own bundles, and tags', async () => {
    h.emu.reset(fleet(10, 1));
    const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    h.emu.resetCounts();
    const images = (await collect(h.api().images())).items;
    assert.deepEqual(images.map((i) => i.ImageId).sort(), [...world.images.keys()].sort());
    assert.ok(
      images.some((i) => i.OwnerAccountId !== world.accountId),
      'a shared image',
    );
    const types = h.emu
      .requests()
      .filter((r) => r.op === 'DescribeWorkspaceImages')
      .map((r) => r.params.ImageType);
    assert.deepEqual(new Set(types), new Set(['OWNED', 'SHARED']));

    const pools = (await collect(h.api().pools())).items;
    assert.deepEqual(pools.map((p) => p.PoolId).sort(), [...world.pools.keys()].sort());

    const bundles = (await collect(h.api().bundles())).items;
    const amazon = bundles.filter((b) => b.Owner === 'AMAZON');
    assert.equal(amazon.length, world.amazonBundles.length);
    assert.equal(bundles.length - amazon.length, world.bundles.size);
    assert.equal(new Set(bundles.map((b) => b.BundleId)).size, bundles.length);

    const id = world.workspaceIds()[0];
    world.tags.set(id, [{ Key: 'team', Value: 'blue' }]);
    assert.deepEqual(await h.api().tags(id), [{ Key: 'team', Value: 'blue' }]);
  });

  it('pages images and pools with the generic NextToken pager', async () => {
    h.emu.reset({ kind: 'fleet', workspaces: 0, directories: 1, images: 60, pools: 30, movingRate: 0 });
    const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    h.emu.resetCounts();
    const images = (await collect(h.api().images())).items;
    assert.equal(images.length, 61);
    assert.equal(new Set(images.map((i) => i.ImageId)).size, 61);
    const pools = await collect(h.api().pools());
    assert.equal(pools.items.length, 30);
    assert.equal(pools.pages, 2);
    assert.equal(world.pools.size, 30);
    assert.ok(h.emu.counts().byOp.DescribeWorkspaceImages >= 4);
  });
});
