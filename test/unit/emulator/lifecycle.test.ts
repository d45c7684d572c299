import {
  CreateWorkspacesCommand,
  DescribeTagsCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspacesPoolsCommand,
  ModifyWorkspacePropertiesCommand,
  ModifyWorkspaceStateCommand,
  RebootWorkspacesCommand,
  RebuildWorkspacesCommand,
  RestoreWorkspaceCommand,
  StartWorkspacesCommand,
  StartWorkspacesPoolCommand,
  StopWorkspacesCommand,
  StopWorkspacesPoolCommand,
  TerminateWorkspacesCommand,
  type WorkspaceState,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator';
import { clientFor, eventually } from './helpers';

/** Transitions take a minute of emulated time; tests step the clock instead of waiting. */
const T = 60_000;

describe('emulator: asynchronous lifecycle', () => {
  let emu: Emulator;
  let client: WorkSpacesClient;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionMs: T, quota: false });
    client = clientFor(emu, emu.account('sandbox-prod'));
  });
  beforeEach(() => {
    emu.setTransitionMs(T);
    emu.reset();
    emu.resetCounts();
  });
  after(() => emu.stop());

  async function state(id: string): Promise<WorkspaceState | 'GONE'> {
    const ws = (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces ?? [];
    return ws[0]?.State ?? 'GONE';
  }
  /** Advances the emulated clock by one transition and checks the state reached. */
  const settlesTo = async (id: string, s: WorkspaceState | 'GONE'): Promise<void> => {
    emu.advanceTime(T);
    assert.equal(await state(id), s);
  };

  it('Start: STOPPED → STARTING → AVAILABLE, once; a second start is refused', async () => {
    const id = 'ws-b2d4f6h8j';
    const out = await client.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] }));
    assert.deepEqual(out.FailedRequests, []);
    assert.equal(await state(id), 'STARTING');
    const again = await client.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] }));
    assert.deepEqual(
      again.FailedRequests?.map((f) => [f.WorkspaceId, f.ErrorCode]),
      [[id, 'InvalidResourceState.Starting']],
    );
    await settlesTo(id, 'AVAILABLE');
    assert.equal(emu.actionCount(id), 1);
    assert.equal(emu.actionCount(id, 'StartWorkspaces'), 1);
    assert.equal(emu.actionCount(id, 'StopWorkspaces'), 0);
  });

  it('Stop: AVAILABLE → STOPPING → STOPPED; the connection becomes UNKNOWN and keeps the last connection time', async () => {
    const id = 'ws-m3o5q7s9u'; // ALWAYS_ON, connected
    const refused = await client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    assert.equal(refused.FailedRequests?.[0].ErrorCode, 'OperationNotSupported.AlwaysOn');
    const id2 = 'ws-k1m3o5q7s'; // AUTO_STOP, disconnected 35 min ago
    emu.world('sandbox-prod', 'us-east-1').setConnection(id2, 'CONNECTED');
    const before = (await client.send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: [id2] })))
      .WorkspacesConnectionStatus![0];
    assert.equal(before.ConnectionState, 'CONNECTED');
    const out = await client.send(
      new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id2 }, { WorkspaceId: 'ws-b2d4f6h8j' }] }),
    );
    assert.deepEqual(
      out.FailedRequests?.map((f) => f.ErrorCode),
      ['InvalidResourceState.Stopped'],
    );
    await settlesTo(id2, 'STOPPED');
    const after = (await client.send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: [id2] })))
      .WorkspacesConnectionStatus![0];
    assert.equal(after.ConnectionState, 'UNKNOWN');
    assert.ok(after.LastKnownUserConnectionTimestamp!.getTime() >= before.LastKnownUserConnectionTimestamp!.getTime());
    assert.ok(after.ConnectionStateCheckTimestamp instanceof Date);
  });

  it('reports never-connected WorkSpaces without LastKnownUserConnectionTimestamp', async () => {
    const all = (await client.send(new DescribeWorkspacesConnectionStatusCommand({}))).WorkspacesConnectionStatus ?? [];
    const heidi = all.find((c) => c.WorkspaceId === 'ws-h8j0l2n4p')!;
    assert.equal(heidi.ConnectionState, 'DISCONNECTED');
    assert.equal(heidi.LastKnownUserConnectionTimestamp, undefined);
    assert.equal(all.find((c) => c.WorkspaceId === 'ws-a1c3e5g7i')!.ConnectionState, 'CONNECTED');
  });

  it('Reboot / Rebuild / Restore go through their transitional state back to AVAILABLE', async () => {
    const fresh = await client.send(
      new RebootWorkspacesCommand({
        RebootWorkspaceRequests: [{ WorkspaceId: 'ws-e5g7i9k1m' }, { WorkspaceId: 'ws-i9k1m3o5q' }],
      }),
    );
    assert.deepEqual(fresh.FailedRequests, [], 'UNHEALTHY reboots; REBOOTING for 45 min counts as stuck');
    const twice = await client.send(
      new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: 'ws-e5g7i9k1m' }] }),
    );
    assert.equal(twice.FailedRequests?.[0].ErrorCode, 'InvalidResourceState.Rebooting');
    await settlesTo('ws-e5g7i9k1m', 'AVAILABLE');

    const rebuild = await client.send(
      new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: 'ws-d4f6h8j0l' }] }),
    );
    assert.deepEqual(rebuild.FailedRequests, []);
    assert.equal(await state('ws-d4f6h8j0l'), 'REBUILDING');
    await settlesTo('ws-d4f6h8j0l', 'AVAILABLE');
    const ws = (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-d4f6h8j0l'] }))).Workspaces![0];
    assert.equal(ws.ErrorCode, undefined, 'the error is gone after the rebuild');

    await client.send(new RestoreWorkspaceCommand({ WorkspaceId: 'ws-n4p6r8t0v' }));
    assert.equal(await state('ws-n4p6r8t0v'), 'RESTORING');
    await settlesTo('ws-n4p6r8t0v', 'AVAILABLE');
  });

  it('Terminate: TERMINATING → TERMINATED → gone; SUSPENDED is refused', async () => {
    const out = await client.send(
      new TerminateWorkspacesCommand({
        TerminateWorkspaceRequests: [{ WorkspaceId: 'ws-j0l2n4p6r' }, { WorkspaceId: 'ws-g7i9k1m3o' }],
      }),
    );
    assert.deepEqual(
      out.FailedRequests?.map((f) => [f.WorkspaceId, f.ErrorCode]),
      [['ws-g7i9k1m3o', 'InvalidResourceState.Suspended']],
    );
    assert.equal(await state('ws-j0l2n4p6r'), 'TERMINATING');
    await settlesTo('ws-j0l2n4p6r', 'TERMINATED');
    await settlesTo('ws-j0l2n4p6r', 'GONE');
    const again = await client.send(
      new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: 'ws-j0l2n4p6r' }] }),
    );
    assert.equal(again.FailedRequests?.[0].ErrorCode, 'ResourceNotFound.Workspace');
    assert.equal(emu.actionCount('ws-j0l2n4p6r'), 1);
  });

  it('ModifyWorkspaceState AVAILABLE ↔ ADMIN_MAINTENANCE and ModifyWorkspaceProperties running mode', async () => {
    await client.send(
      new ModifyWorkspaceStateCommand({ WorkspaceId: 'ws-k1m3o5q7s', WorkspaceState: 'ADMIN_MAINTENANCE' }),
    );
    assert.equal(await state('ws-k1m3o5q7s'), 'ADMIN_MAINTENANCE');
    await client.send(new ModifyWorkspaceStateCommand({ WorkspaceId: 'ws-k1m3o5q7s', WorkspaceState: 'AVAILABLE' }));
    assert.equal(await state('ws-k1m3o5q7s'), 'AVAILABLE');

    await client.send(
      new ModifyWorkspacePropertiesCommand({
        WorkspaceId: 'ws-k1m3o5q7s',
        WorkspaceProperties: { RunningMode: 'ALWAYS_ON' },
      }),
    );
    const ws = (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-k1m3o5q7s'] }))).Workspaces![0];
    assert.equal(ws.WorkspaceProperties?.RunningMode, 'ALWAYS_ON');
    assert.equal(ws.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes, undefined);
  });

  it('CreateWorkspaces: PENDING → AVAILABLE, never connected, tagged', async () => {
    const out = await client.send(
      new CreateWorkspacesCommand({
        Workspaces: [
          {
            DirectoryId: 'd-9067a1b2c3',
            UserName: 'new.person',
            BundleId: 'wsb-fin0win11',
            WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 120 },
            Tags: [{ Key: 'Team', Value: 'New' }],
          },
        ],
      }),
    );
    assert.deepEqual(out.FailedRequests, []);
    const id = out.PendingRequests![0].WorkspaceId!;
    assert.match(id, /^ws-[0-9a-z]{9}$/);
    assert.equal(out.PendingRequests![0].State, 'PENDING');
    await settlesTo(id, 'AVAILABLE');
    const conn = (await client.send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: [id] })))
      .WorkspacesConnectionStatus![0];
    assert.equal(conn.LastKnownUserConnectionTimestamp, undefined);
    assert.deepEqual((await client.send(new DescribeTagsCommand({ ResourceId: id }))).TagList, [
      { Key: 'Team', Value: 'New' },
    ]);
  });

  it('seeded in-progress states settle on their own (demo STARTING, STOPPING)', async () => {
    await settlesTo('ws-c3e5g7i9k', 'AVAILABLE');
    await settlesTo('ws-l2n4p6r8t', 'STOPPED');
  });

  it('pools: StartWorkspacesPool STOPPED → STARTING → RUNNING, StopWorkspacesPool back', async () => {
    const eu = clientFor(emu, emu.account('sandbox-prod'), 'eu-west-1');
    const poolState = async (id: string): Promise<string | undefined> =>
      (await eu.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [id] }))).WorkspacesPools?.[0]?.State;
    await eu.send(new StartWorkspacesPoolCommand({ PoolId: 'wspool-trn02fghi' }));
    assert.equal(await poolState('wspool-trn02fghi'), 'STARTING');
    emu.advanceTime(T);
    assert.equal(await poolState('wspool-trn02fghi'), 'RUNNING');
    await eu.send(new StopWorkspacesPoolCommand({ PoolId: 'wspool-cc01abcde' }));
    assert.equal(await poolState('wspool-cc01abcde'), 'STOPPING');
    emu.advanceTime(T);
    assert.equal(await poolState('wspool-cc01abcde'), 'STOPPED');
    assert.equal(emu.actionCount('wspool-trn02fghi', 'StartWorkspacesPool'), 1);
  });

  it('runs transitions on real time too (small transitionMs)', async () => {
    emu.setTransitionMs(30);
    await client.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: 'ws-b2d4f6h8j' }] }));
    assert.equal(
      await eventually(
        () => state('ws-b2d4f6h8j'),
        (s) => s === 'AVAILABLE',
      ),
      'AVAILABLE',
    );
  });

  it('lets tests move states directly through world()', async () => {
    const w = emu.world('111111111111', 'us-east-1');
    w.setState('ws-a1c3e5g7i', 'UPDATING', { then: 'AVAILABLE' });
    assert.equal(await state('ws-a1c3e5g7i'), 'UPDATING');
    await settlesTo('ws-a1c3e5g7i', 'AVAILABLE');
    w.fixImage('wsi-byolw10err');
    assert.equal(w.images.get('wsi-byolw10err')!.State, 'AVAILABLE');
  });
});
