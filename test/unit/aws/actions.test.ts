// Actions through the real SDK against the emulator: chunking, per-item outcomes (FailedRequests
// and thrown chunks), one-per-call operations, create, tags, pools.
import assert from 'node:assert/strict';
import type { ActionOutcome } from '../../../src/aws';
import { harness, idsPerCall, rejection, type Harness } from './helpers';
import type { World } from '../../emulator';

describe('aws actions', function () {
  this.timeout(20_000);
  let h: Harness;
  let world: World;
  let ids: string[];

  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 60, directories: 2, movingRate: 0 } });
  });
  after(async () => h.close());
  beforeEach(() => {
    h.emu.reset();
    h.emu.resetCounts();
    world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    ids = world.workspaceIds();
  });

  const byId = (outcomes: ActionOutcome[]): Map<string, ActionOutcome> => new Map(outcomes.map((o) => [o.id, o]));

  it('starts 26 WorkSpaces in 2 calls (25 + 1), one outcome per id', async () => {
    const chosen = ids.slice(0, 26);
    for (const id of chosen) {
      world.setState(id, 'STOPPED');
      world.requireWorkspace(id).data.WorkspaceProperties = {
        RunningMode: 'AUTO_STOP',
        RunningModeAutoStopTimeoutInMinutes: 60,
      };
    }
    const outcomes = await h.api().start(chosen);
    assert.deepEqual(
      outcomes.map((o) => o.id),
      chosen,
    );
    assert.ok(outcomes.every((o) => o.ok));
    assert.deepEqual(
      idsPerCall(h.emu, 'StartWorkspaces', 'StartWorkspaceRequests').sort((a, b) => a - b),
      [1, 25],
    );
    for (const id of chosen) {
      assert.equal(h.emu.actionCount(id, 'StartWorkspaces'), 1);
      assert.equal(world.getWorkspace(id)?.State, 'STARTING');
    }
  });

  it('maps FailedRequests to their ids and keeps the others ok', async () => {
    const [a, b, c, d] = ids;
    world.setState(a, 'AVAILABLE');
    world.setState(b, 'STOPPED');
    world.setState(c, 'AVAILABLE');
    world.requireWorkspace(c).data.WorkspaceProperties = { RunningMode: 'ALWAYS_ON' };
    world.removeWorkspace(d);
    const m = byId(await h.api().stop([a, b, c, d]));
    assert.equal(m.size, 4);
    assert.deepEqual(m.get(a), { id: a, ok: true });
    const fb = m.get(b);
    assert.ok(fb && !fb.ok);
    assert.equal(fb.code, 'InvalidResourceState.Stopped');
    assert.match(fb.message, /STOPPED/);
    assert.equal(fb.kind, undefined, 'a per-item failure is not a thrown error');
    const fc = m.get(c);
    assert.ok(fc && !fc.ok && fc.code === 'OperationNotSupported.AlwaysOn');
    const fd = m.get(d);
    assert.ok(fd && !fd.ok && fd.code === 'ResourceNotFound.Workspace');
    assert.equal(h.emu.counts().byOp.StopWorkspaces, 1);
  });

  it('marks every id of a chunk that throws as failed with the error kind and code', async () => {
    const chosen = ids.slice(0, 30);
    for (const id of chosen) world.setState(id, 'AVAILABLE');
    h.emu.failNext('RebootWorkspaces', 'accessDenied', 1);
    const outcomes = await h.api().reboot(chosen);
    assert.equal(outcomes.length, 30);
    const failed = outcomes.filter((o) => !o.ok);
    const ok = outcomes.filter((o) => o.ok);
    // One of the two chunks (25 or 5 ids) was denied; nothing dropped.
    assert.ok(failed.length === 25 || failed.length === 5, `failed ${failed.length}`);
    assert.equal(ok.length, 30 - failed.length);
    for (const f of failed) {
      assert.ok(!f.ok);
      assert.equal(f.kind, 'accessDenied');
      assert.equal(f.code, 'AccessDeniedException');
    }
    assert.equal(h.emu.counts().byOp.RebootWorkspaces, 2);
  });

  it('rebuilds 3 WorkSpaces with 3 calls (one id per call)', async () => {
    const chosen = ids.slice(0, 3);
    for (const id of chosen) world.setState(id, 'AVAILABLE');
    const outcomes = await h.api().rebuild(chosen);
    assert.ok(outcomes.every((o) => o.ok));
    assert.deepEqual(idsPerCall(h.emu, 'RebuildWorkspaces', 'RebuildWorkspaceRequests'), [1, 1, 1]);
  });

  it('terminates in chunks of 25 and de-duplicates ids', async () => {
    const chosen = ids.slice(0, 40);
    const outcomes = await h.api().terminate([...chosen, chosen[0]]);
    assert.equal(outcomes.length, 40);
    assert.deepEqual(
      idsPerCall(h.emu, 'TerminateWorkspaces', 'TerminateWorkspaceRequests').sort((a, b) => a - b),
      [15, 25],
    );
  });

  it('restores one per call; a refused one fails with the thrown code', async () => {
    const [a, b] = ids;
    world.setState(a, 'STOPPED');
    world.setState(b, 'STOPPING');
    const m = byId(await h.api().restore([a, b]));
    assert.deepEqual(m.get(a), { id: a, ok: true });
    const fb = m.get(b);
    assert.ok(fb && !fb.ok);
    assert.equal(fb.code, 'OperationNotSupportedException');
    assert.equal(fb.kind, 'service');
    assert.equal(h.emu.counts().byOp.RestoreWorkspace, 2);
  });

  it('changes running mode and AutoStop timeout (hours → minutes, 1 to 48 as the input box says)', async () => {
    const [a, b] = ids;
    world.setState(a, 'AVAILABLE');
    world.setState(b, 'AVAILABLE');
    assert.ok((await h.api().setRunningMode([a], 'ALWAYS_ON')).every((o) => o.ok));
    assert.equal(world.getWorkspace(a)?.WorkspaceProperties?.RunningMode, 'ALWAYS_ON');
    assert.ok((await h.api().setRunningMode([a], 'AUTO_STOP', { autoStopHours: 3 })).every((o) => o.ok));
    assert.equal(world.getWorkspace(a)?.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes, 180);
    assert.ok((await h.api().setRunningMode([b], 'AUTO_STOP', { autoStopHours: 48 })).every((o) => o.ok));
    assert.equal(world.getWorkspace(b)?.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes, 48 * 60);
    const sent = h.emu
      .requests()
      .filter((r) => r.op === 'ModifyWorkspaceProperties')
      .map((r) => r.params.WorkspaceProperties as Record<string, unknown>);
    assert.deepEqual(sent[2], { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 48 * 60 });
    for (const hours of [1.5, 0, 49]) {
      const bad = await rejection(h.api().setRunningMode([b], 'AUTO_STOP', { autoStopHours: hours }));
      assert.equal(bad.kind, 'invalidParameter', `${hours} h`);
      assert.match(bad.message, /1 to 48/);
    }
    assert.equal(h.emu.counts().byOp.ModifyWorkspaceProperties, 3, 'an invalid timeout is refused before any call');
  });

  it('enters and exits admin maintenance', async () => {
    const [a, b] = ids;
    world.setState(a, 'AVAILABLE');
    world.setState(b, 'STOPPED');
    const on = byId(await h.api().setMaintenance([a, b], true));
    assert.ok(on.get(a)?.ok);
    assert.equal(on.get(b)?.ok, false);
    assert.equal(world.getWorkspace(a)?.State, 'ADMIN_MAINTENANCE');
    assert.ok((await h.api().setMaintenance([a], false)).every((o) => o.ok));
    assert.equal(world.getWorkspace(a)?.State, 'AVAILABLE');
    const sent = h.emu
      .requests()
      .filter((r) => r.op === 'ModifyWorkspaceState')
      .map((r) => r.params.WorkspaceState);
    assert.deepEqual(sent.sort(), ['ADMIN_MAINTENANCE', 'ADMIN_MAINTENANCE', 'AVAILABLE']);
  });

  it('creates WorkSpaces in chunks of 25, one outcome per request in order', async () => {
    const dir = [...world.directories.keys()][0];
    const bundle = world.amazonBundles[0].BundleId;
    const taken = world.requireWorkspace(ids[0]).data;
    const requests = [
      ...Array.from({ length: 27 }, (_, i) => ({ DirectoryId: dir, UserName: `new.user${i}`, BundleId: bundle })),
      { DirectoryId: taken.DirectoryId, UserName: taken.UserName, BundleId: bundle },
      { DirectoryId: dir, UserName: 'nobundle', BundleId: 'wsb-000000000' },
    ];
    const outcomes = await h.api().create(requests);
    assert.equal(outcomes.length, 29);
    assert.deepEqual(
      idsPerCall(h.emu, 'CreateWorkspaces', 'Workspaces').sort((a, b) => a - b),
      [4, 25],
    );
    outcomes.slice(0, 27).forEach((o, i) => {
      assert.ok(o.ok, `request ${i}`);
      assert.equal(o.request.UserName, `new.user${i}`);
      assert.match(o.id, /^ws-/);
      assert.equal(o.workspace?.UserName, `new.user${i}`);
      assert.ok(world.workspaces.has(o.id));
    });
    const dup = outcomes[27];
    assert.ok(
      !dup.ok && dup.code === 'ResourceExists.WorkSpace' && dup.id === `${taken.DirectoryId}/${taken.UserName}`,
    );
    const nob = outcomes[28];
    assert.ok(!nob.ok && nob.code === 'ResourceNotFound.Bundle');
  });

  it('creates and deletes tags per resource, and validates them before calling', async () => {
    const [a, b] = ids;
    const out = await h.api().createTags([a, b, 'ws-doesnotexist'], [{ Key: 'team', Value: 'red' }]);
    const m = byId(out);
    assert.ok(m.get(a)?.ok && m.get(b)?.ok);
    const missing = m.get('ws-doesnotexist');
    assert.ok(missing && !missing.ok && missing.kind === 'notFound');
    assert.deepEqual(
      world.tags.get(a)?.find((t) => t.Key === 'team'),
      { Key: 'team', Value: 'red' },
    );
    assert.ok((await h.api().deleteTags([a], ['team'])).every((o) => o.ok));
    assert.equal(
      world.tags.get(a)?.find((t) => t.Key === 'team'),
      undefined,
    );
    h.emu.resetCounts();
    assert.equal(
      (await rejection(h.api().createTags([a], [{ Key: 'aws:owner', Value: 'x' }]))).kind,
      'invalidParameter',
    );
    assert.equal(
      (await rejection(h.api().createTags([a], [{ Key: 'k', Value: 'v'.repeat(256) }]))).kind,
      'invalidParameter',
    );
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: '' }));
    assert.equal((await rejection(h.api().createTags([a], many))).kind, 'invalidParameter');
    assert.equal(h.emu.counts().total, 0);
  });

  it('starts and stops pools, one per call', async () => {
    const pools = [...world.pools.values()].map((p) => p.data);
    const running = pools.find((p) => p.State === 'RUNNING');
    const stopped = pools.find((p) => p.State === 'STOPPED');
    assert.ok(running && stopped);
    const started = byId(await h.api().startPools([stopped.PoolId, running.PoolId]));
    assert.ok(started.get(stopped.PoolId)?.ok);
    const refused = started.get(running.PoolId);
    assert.ok(refused && !refused.ok && refused.code === 'InvalidResourceStateException');
    assert.ok((await h.api().stopPools([running.PoolId])).every((o) => o.ok));
    assert.equal(world.pools.get(running.PoolId)?.data.State, 'STOPPING');
    assert.equal(h.emu.counts().byOp.StartWorkspacesPool, 2);
  });

  it('reports every id as cancelled when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const outcomes = await h.api().stop(ids.slice(0, 30), { abortSignal: ac.signal });
    assert.equal(outcomes.length, 30);
    assert.ok(outcomes.every((o) => !o.ok && o.kind === 'cancelled'));
    assert.equal(h.emu.counts().total, 0);
  });
});
