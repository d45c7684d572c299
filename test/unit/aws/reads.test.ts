// Reads through the real SDK against the emulator: paging (every page one scheduled call), one
// directory's listing, connection-status batching, refresh by id, images/pools/bundles/tags.
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

  it("lists one directory's WorkSpaces (a directory node's refresh)", async () => {
    h.emu.reset(fleet(130, 4));
    const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    const dir = [...world.directories.keys()][1];
    const want = world.workspaceIds().filter((id) => world.getWorkspace(id)?.DirectoryId === dir);
    assert.ok(want.length > 25, 'more than one page');
    h.emu.resetCounts();
    const { items, pages } = await collect(h.api().workspaces({ directoryId: dir }));
    assertSameIds(items, want);
    assert.equal(pages, Math.ceil(want.length / 25));
    assert.ok(h.emu.requests().every((r) => r.params.DirectoryId === dir && r.params.Limit === 25));
  });

  it('a page that is throttled is asked again with the same token: none lost or repeated', async () => {
    h.emu.reset(fleet(100, 1));
    const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    h.emu.resetCounts();
    const it = h.api().workspaces()[Symbol.asyncIterator]();
    const items: Workspace[] = [];
    const first = await it.next();
    items.push(...(first.value as Workspace[]));
    // The second page is throttled twice: an SDK paginator would have ended here.
    h.emu.failNext('DescribeWorkspaces', 'throttle', 2);
    for (let r = await it.next(); !r.done; r = await it.next()) items.push(...r.value);
    assertSameIds(items, world.workspaceIds());
    const calls = h.emu.requests().filter((r) => r.op === 'DescribeWorkspaces');
    assert.equal(calls.length, 4 + 2);
    assert.deepEqual(
      calls.slice(1, 4).map((r) => r.params.NextToken),
      [calls[1].params.NextToken, calls[1].params.NextToken, calls[1].params.NextToken],
      'the throttled page was asked again with its token',
    );
    assert.ok(calls[1].params.NextToken, 'page 2 has a token');
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
    const r = await h.api().refresh(ids);
    assert.deepEqual(r.gone.sort(), [ids[1], ids[2]].sort());
    assert.equal(r.workspaces.length, 28);
    assert.equal(r.workspaces.find((w) => w.WorkspaceId === ids[0])?.State, 'STOPPING');
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
