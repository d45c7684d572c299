// The bundle catalog (src/fleet/bundles.ts) over the AWS layer (real SDK), against the emulator's
// demo fleet: bundles by id with the fewest calls, the account's own and Amazon's lists once per
// session.
import * as assert from 'node:assert/strict';
import { BundleCatalog } from '../../../src/fleet/bundles';
import { harness, type Harness } from '../aws/helpers';

describe('admin: the bundle catalog (emulator)', function () {
  this.timeout(30_000);
  let h: Harness;
  const api = () => h.api('sandbox-prod', 'us-east-1');
  const world = () => h.emu.world('111111111111', 'us-east-1');

  beforeEach(async () => {
    h = await harness({ seed: 'demo', transitionMs: 60_000 });
  });
  afterEach(async () => h.close());

  it('names bundles by id with ⌈ids/25⌉ calls, once per session; unknown ids are not asked again', async () => {
    const catalog = new BundleCatalog(() => Promise.resolve(api()));
    const amazon = world()
      .amazonBundles.slice(0, 27)
      .map((b) => b.BundleId);
    h.emu.resetCounts();
    await Promise.all([catalog.resolve([...amazon, 'wsb-fin0win11', 'wsb-gone00000']), catalog.resolve(amazon)]);
    assert.equal(h.emu.counts().byOp.DescribeWorkspaceBundles, 2, '29 ids: 2 calls, the second resolve joined');
    assert.equal(catalog.name('wsb-fin0win11'), 'Finance Windows 11');
    assert.equal(catalog.isMissing('wsb-gone00000'), true);
    await catalog.resolve(['wsb-fin0win11', 'wsb-gone00000', undefined]);
    assert.equal(h.emu.counts().byOp.DescribeWorkspaceBundles, 2, 'nothing asked again');
  });

  it("lists the account's own and Amazon's bundles once per session", async () => {
    const catalog = new BundleCatalog(() => Promise.resolve(api()));
    h.emu.resetCounts();
    const [own] = await Promise.all([catalog.load('own'), catalog.load('own')]);
    assert.deepEqual(
      own.map((b) => b.Name),
      ['Engineering Amazon Linux 2', 'Finance Windows 11', 'Marketing Windows 11'],
    );
    const amazon = await catalog.load('amazon');
    assert.equal(amazon.length, world().amazonBundles.length);
    const calls = h.emu.counts().byOp.DescribeWorkspaceBundles;
    await catalog.load('amazon');
    assert.equal(h.emu.counts().byOp.DescribeWorkspaceBundles, calls, 'kept for the session');
    assert.equal(catalog.name(amazon[0].BundleId), amazon[0].Name, 'listed bundles are named too');
    h.emu.failNext('DescribeWorkspaceBundles', 'accessDenied');
    catalog.reset();
    await assert.rejects(catalog.load('own'));
    assert.equal(catalog.list('own').state, 'error');
    assert.equal((await catalog.load('own')).length, 3, 'a failed list is read again on the next call');
  });
});
