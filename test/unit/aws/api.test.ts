// The admin calls of the AWS layer (real SDK), against the emulator's demo fleet: snapshots,
// compute type and volume changes with the API's refusals as they come, MigrateWorkspace,
// directories and WorkSpaces by id. (The bundle catalog over them: test/unit/fleet/bundles.test.ts.)
import * as assert from 'node:assert/strict';
import { harness, type Harness } from './helpers';

const PROD = '111111111111';

describe('admin: AWS layer calls (emulator)', function () {
  this.timeout(30_000);
  let h: Harness;
  const api = () => h.api('sandbox-prod', 'us-east-1');
  const world = () => h.emu.world(PROD, 'us-east-1');

  beforeEach(async () => {
    h = await harness({ seed: 'demo', transitionMs: 60_000 });
  });
  afterEach(async () => h.close());

  it('reads snapshots newest first; a WorkSpace younger than its first snapshot has none', async () => {
    const old = await api().snapshots('ws-b2d4f6h8j');
    assert.equal(old.rebuild.length, 1);
    assert.equal(old.restore.length, 1);
    assert.ok(old.restore[0] instanceof Date);
    const fresh = await api().snapshots('ws-h8j0l2n4p'); // heidi: launched 5 hours ago
    assert.deepEqual(fresh, { rebuild: [], restore: [] });
    const unhealthy = await h.api('sandbox-dev', 'us-west-2').snapshots('ws-dv5e6f7g8'); // victor
    assert.equal(unhealthy.rebuild.length, 1, 'a user-volume snapshot');
    assert.equal(unhealthy.restore.length, 0, 'none taken while it was healthy');
  });

  it('changes the compute type; the running change shows in ModificationStates; refusals come as they are', async () => {
    const [ok] = await api().setComputeType(['ws-m3o5q7s9u'], 'POWER');
    assert.deepEqual(ok, { id: 'ws-m3o5q7s9u', ok: true });
    const w = await api().workspace('ws-m3o5q7s9u');
    assert.deepEqual(w?.ModificationStates, [{ Resource: 'COMPUTE_TYPE', State: 'UPDATE_INITIATED' }]);
    const [busy] = await api().setComputeType(['ws-m3o5q7s9u'], 'VALUE');
    assert.equal(busy.ok, false);
    assert.equal((busy as { code: string }).code, 'OperationInProgressException');
    // alice moved up 3 hours ago: no larger type for 3 more hours.
    const [window] = await api().setComputeType(['ws-a1c3e5g7i'], 'POWER');
    assert.equal((window as { code: string }).code, 'InvalidResourceStateException');
    assert.match((window as { message: string }).message, /less than 6 hours ago/);
    const [family] = await api().setComputeType(['ws-b2d4f6h8j'], 'GRAPHICS_G4DN');
    assert.equal((family as { code: string }).code, 'UnsupportedWorkspaceConfigurationException');
  });

  it('grows one volume; both at once or a smaller one is refused by the API', async () => {
    const [ok] = await api().resizeVolume(['ws-b2d4f6h8j'], 'user', 100);
    assert.equal(ok.ok, true);
    assert.equal(world().requireWorkspace('ws-b2d4f6h8j').data.ModificationStates?.[0]?.Resource, 'USER_VOLUME');
    const [pair] = await api().resizeVolume(['ws-n4p6r8t0v'], 'root', 120);
    assert.equal((pair as { code: string }).code, 'InvalidParameterValuesException');
    assert.match((pair as { message: string }).message, /not a valid combination/);
  });

  it('migrates to another bundle: the outcome carries the new WorkSpace id', async () => {
    const [out] = await api().migrate(['ws-b2d4f6h8j'], world().requireWorkspace('ws-b2d4f6h8j').data.BundleId);
    // The bundle it already uses: refused as the service refuses it.
    assert.equal(out.ok, false);
    assert.equal((out as { code: string }).code, 'InvalidParameterValuesException');
    const target = world().amazonBundles.find((b) => /Standard with Windows 11/.test(b.Name ?? ''));
    assert.ok(target);
    const [moved] = await api().migrate(['ws-b2d4f6h8j'], target.BundleId);
    assert.equal(moved.ok, true);
    assert.match(moved.targetId ?? '', /^ws-/);
    assert.notEqual(moved.targetId, 'ws-b2d4f6h8j');
    const [linux] = await api().migrate(['ws-k1m3o5q7s'], target.BundleId);
    assert.equal((linux as { code: string }).code, 'OperationNotSupportedException');
  });

  it('reads one directory and one WorkSpace by id; undefined when gone', async () => {
    const d = await api().directory('d-90670badc0');
    assert.equal(d?.State, 'ERROR');
    assert.match(d?.ErrorMessage ?? '', /password has expired/);
    assert.equal(await api().directory('d-0000000000'), undefined);
    assert.equal((await api().workspace('ws-d4f6h8j0l'))?.ErrorCode, 'ResourceLaunchFailure');
    assert.equal(await api().workspace('ws-zzzzzzzzz'), undefined);
  });
});
