import {
  type Compute,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  ModifyWorkspacePropertiesCommand,
  RebootWorkspacesCommand,
  StartWorkspacesCommand,
  type Workspace,
  type WorkspaceProperties,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator, type World } from '../../emulator';
import { clientFor, rejection } from './helpers';

const T = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CORP = 'd-9067a1b2c3';

describe('emulator: ModifyWorkspaceProperties rules for volumes and compute type', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let client: WorkSpacesClient;
  let world: World;
  let seq = 0;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionMs: T, quota: false });
    client = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
  });
  beforeEach(() => {
    emu.reset();
    emu.resetCounts();
    world = emu.world('sandbox-prod', 'us-east-1');
  });
  after(() => emu.stop());

  /** A WorkSpace launched `ageMs` ago with these properties. */
  function add(props: WorkspaceProperties = {}, ageMs = 30 * DAY, state: Workspace['State'] = 'AVAILABLE'): string {
    return world.addWorkspace(
      {
        DirectoryId: CORP,
        UserName: `mod.user${++seq}`,
        BundleId: 'wsb-fin0win11',
        State: state,
        WorkspaceProperties: {
          RunningMode: 'AUTO_STOP',
          RunningModeAutoStopTimeoutInMinutes: 60,
          RootVolumeSizeGib: 80,
          UserVolumeSizeGib: 50,
          ComputeTypeName: 'STANDARD',
          ...props,
        },
      },
      { createdAt: world.now() - ageMs },
    ).data.WorkspaceId;
  }
  const modify = (id: string, p: WorkspaceProperties): Promise<unknown> =>
    client.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: p }));
  const refused = async (id: string, p: WorkspaceProperties): Promise<string> => (await rejection(modify(id, p))).name;
  const describe1 = async (id: string): Promise<Workspace> =>
    (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces![0];
  /** Lets a change run to its end (UPDATE_INITIATED, UPDATE_IN_PROGRESS, done). */
  const finish = (): void => emu.advanceTime(2 * T);

  it('only AVAILABLE or STOPPED; never compute and volumes together; never both volumes up at once', async () => {
    const id = add();
    world.setState(id, 'REBOOTING');
    assert.equal(await refused(id, { UserVolumeSizeGib: 100 }), 'InvalidResourceStateException');
    world.setState(id, 'STOPPED');
    assert.equal(
      await refused(id, { ComputeTypeName: 'POWER', UserVolumeSizeGib: 100 }),
      'InvalidParameterValuesException',
    );
    const big = add({ RootVolumeSizeGib: 175, UserVolumeSizeGib: 100 });
    assert.equal(
      await refused(big, { RootVolumeSizeGib: 200, UserVolumeSizeGib: 200 }),
      'InvalidParameterValuesException',
    );
    await modify(id, { UserVolumeSizeGib: 100 }); // STOPPED is fine
    assert.equal(emu.actionCount(id, 'ModifyWorkspaceProperties'), 1);
  });

  it('volume groups [80,10] [80,50] [80,100] [175–2000,100–2000] (graphics also 100/100); volumes only grow', async () => {
    const id = add();
    assert.equal(await refused(id, { UserVolumeSizeGib: 75 }), 'InvalidParameterValuesException', '[80, 75]');
    assert.equal(await refused(id, { RootVolumeSizeGib: 175 }), 'InvalidParameterValuesException', '[175, 50]');
    assert.equal(await refused(id, { UserVolumeSizeGib: 10 }), 'InvalidParameterValuesException', 'shrinks');
    assert.equal(await refused(id, { UserVolumeSizeGib: 2100 }), 'InvalidParameterValuesException', '> 2000');
    // The documented path to a bigger root: user 100 first, then root 175–2000.
    await modify(id, { UserVolumeSizeGib: 100 });
    finish();
    assert.equal((await describe1(id)).WorkspaceProperties?.UserVolumeSizeGib, 100);
    await modify(id, { RootVolumeSizeGib: 175 });
    finish();
    const ws = await describe1(id);
    assert.deepEqual(
      [ws.WorkspaceProperties?.RootVolumeSizeGib, ws.WorkspaceProperties?.UserVolumeSizeGib],
      [175, 100],
    );

    const regular = add({ RootVolumeSizeGib: 80, UserVolumeSizeGib: 100 });
    assert.equal(await refused(regular, { RootVolumeSizeGib: 100 }), 'InvalidParameterValuesException');
    const graphics = add({ ComputeTypeName: 'GRAPHICS_G4DN', RootVolumeSizeGib: 80, UserVolumeSizeGib: 100 });
    await modify(graphics, { RootVolumeSizeGib: 100 });
  });

  it('while a change runs: ModificationStates INITIATED → IN_PROGRESS, the old values, OperationInProgress; then the new values', async () => {
    const id = add();
    world.setConnection(id, 'CONNECTED');
    await modify(id, { ComputeTypeName: 'POWER' });
    let ws = await describe1(id);
    assert.deepEqual(ws.ModificationStates, [{ Resource: 'COMPUTE_TYPE', State: 'UPDATE_INITIATED' }]);
    assert.equal(ws.WorkspaceProperties?.ComputeTypeName, 'STANDARD', 'the old value until it is done');
    assert.equal(ws.State, 'AVAILABLE', 'the state stays (AWS shows no UPDATING for property changes)');
    const conn = await client.send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: [id] }));
    assert.equal(conn.WorkspacesConnectionStatus?.[0].ConnectionState, 'DISCONNECTED', 'a compute change reboots');

    emu.advanceTime(T);
    ws = await describe1(id);
    assert.deepEqual(ws.ModificationStates, [{ Resource: 'COMPUTE_TYPE', State: 'UPDATE_IN_PROGRESS' }]);
    const busy = await rejection(modify(id, { RunningMode: 'ALWAYS_ON' }));
    assert.equal(busy.name, 'OperationInProgressException');
    assert.match(busy.message, /currently under modification/);
    const reboot = await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    assert.equal(reboot.FailedRequests?.[0].ErrorCode, 'OperationInProgress.Modification');

    emu.advanceTime(T);
    ws = await describe1(id);
    assert.equal(ws.ModificationStates, undefined);
    assert.equal(ws.WorkspaceProperties?.ComputeTypeName, 'POWER');
    assert.equal(ws.WorkspaceProperties?.RunningMode, 'AUTO_STOP', 'the refused change left the mode alone');
    await modify(id, { RunningMode: 'ALWAYS_ON' });
    assert.equal(emu.actionCount(id, 'ModifyWorkspaceProperties'), 2);
  });

  it('a STOPPED WorkSpace whose volume grows cannot be started meanwhile', async () => {
    const id = add({}, 30 * DAY, 'STOPPED');
    await modify(id, { UserVolumeSizeGib: 100 });
    assert.deepEqual((await describe1(id)).ModificationStates, [
      { Resource: 'USER_VOLUME', State: 'UPDATE_INITIATED' },
    ]);
    const start = await client.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] }));
    assert.equal(start.FailedRequests?.[0].ErrorCode, 'OperationInProgress.Modification');
    finish();
    const again = await client.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] }));
    assert.deepEqual(again.FailedRequests, []);
  });

  it('6-hour windows: a new WorkSpace waits before a resize or a larger type; each volume once per 6 hours', async () => {
    const fresh = add({}, 2 * HOUR);
    assert.equal(await refused(fresh, { UserVolumeSizeGib: 100 }), 'InvalidResourceStateException');
    assert.equal(await refused(fresh, { ComputeTypeName: 'POWER' }), 'InvalidResourceStateException');
    await modify(fresh, { ComputeTypeName: 'VALUE' }); // smaller: no wait for new WorkSpaces
    finish();

    const id = add({ RootVolumeSizeGib: 175, UserVolumeSizeGib: 100 });
    await modify(id, { UserVolumeSizeGib: 150 });
    finish();
    // The other volume has its own window (the admin guide: wait for the first change to finish).
    await modify(id, { RootVolumeSizeGib: 200 });
    finish();
    emu.advanceTime(5 * HOUR);
    assert.equal(await refused(id, { UserVolumeSizeGib: 200 }), 'InvalidResourceStateException');
    emu.advanceTime(HOUR);
    await modify(id, { UserVolumeSizeGib: 200 });
  });

  it('compute: larger once per 6 hours, smaller once per 30 days', async () => {
    const id = add({ ComputeTypeName: 'STANDARD' });
    await modify(id, { ComputeTypeName: 'PERFORMANCE' });
    finish();
    assert.equal(await refused(id, { ComputeTypeName: 'POWER' }), 'InvalidResourceStateException');
    await modify(id, { ComputeTypeName: 'VALUE' }); // a smaller one is its own window
    finish();
    emu.advanceTime(6 * HOUR);
    await modify(id, { ComputeTypeName: 'POWER' });
    finish();
    assert.equal(await refused(id, { ComputeTypeName: 'STANDARD' }), 'InvalidResourceStateException');
    emu.advanceTime(30 * DAY);
    await modify(id, { ComputeTypeName: 'STANDARD' });
    finish();
    assert.equal((await describe1(id)).WorkspaceProperties?.ComputeTypeName, 'STANDARD');
  });

  it('compute families: Graphics/GraphicsPro never change, g4dn only to each other, regular never to graphics', async () => {
    const cases: Array<[Compute, Compute, string | undefined]> = [
      ['GRAPHICS', 'GRAPHICSPRO', 'UnsupportedWorkspaceConfigurationException'],
      ['GRAPHICSPRO', 'POWER', 'UnsupportedWorkspaceConfigurationException'],
      ['GRAPHICS_G4DN', 'POWERPRO', 'UnsupportedWorkspaceConfigurationException'],
      ['STANDARD', 'GRAPHICS_G4DN', 'UnsupportedWorkspaceConfigurationException'],
      ['GRAPHICS_G4DN', 'GRAPHICSPRO_G4DN', undefined],
      ['GRAPHICSPRO_G4DN', 'GRAPHICS_G4DN', undefined],
      ['POWERPRO', 'GENERALPURPOSE_4XLARGE', undefined],
    ];
    for (const [from, to, error] of cases) {
      const id = add({ ComputeTypeName: from, RootVolumeSizeGib: 100, UserVolumeSizeGib: 100 });
      if (error) {
        assert.equal(await refused(id, { ComputeTypeName: to }), error, `${from} → ${to}`);
      } else {
        await modify(id, { ComputeTypeName: to });
      }
    }
    assert.equal(
      await refused(add(), { ComputeTypeName: 'JUMBO' as Compute }),
      'InvalidParameterValuesException',
      'not a compute type of the model',
    );
  });

  it('the running-mode rules stay: MANUAL is WorkSpaces Core only; same values change nothing', async () => {
    const id = add();
    assert.equal(await refused(id, { RunningMode: 'MANUAL' }), 'UnsupportedWorkspaceConfigurationException');
    await modify(id, { ComputeTypeName: 'STANDARD', RunningModeAutoStopTimeoutInMinutes: 120 });
    const ws = await describe1(id);
    assert.equal(ws.ModificationStates, undefined, 'the same compute type is no change');
    assert.equal(ws.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes, 120);
  });

  it('the demo shows the rules: recent changes, a new hire, a change in progress', async () => {
    // alice got a larger type 3 hours ago; heidi was launched 5 hours ago; mallory's user volume grew 2 hours ago.
    assert.equal(await refused('ws-a1c3e5g7i', { ComputeTypeName: 'POWER' }), 'InvalidResourceStateException');
    assert.equal(await refused('ws-h8j0l2n4p', { UserVolumeSizeGib: 100 }), 'InvalidResourceStateException');
    assert.equal(await refused('ws-k1m3o5q7s', { UserVolumeSizeGib: 150 }), 'InvalidResourceStateException');
    const eu = clientFor(emu, emu.account('sandbox-prod'), 'eu-west-1', { maxAttempts: 1 });
    const lukas = (await eu.send(new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-eu1a2b3c4'] }))).Workspaces![0];
    assert.deepEqual(lukas.ModificationStates, [{ Resource: 'USER_VOLUME', State: 'UPDATE_IN_PROGRESS' }]);
    assert.equal(
      (
        await rejection(
          eu.send(
            new ModifyWorkspacePropertiesCommand({
              WorkspaceId: 'ws-eu1a2b3c4',
              WorkspaceProperties: { RunningMode: 'ALWAYS_ON' },
            }),
          ),
        )
      ).name,
      'OperationInProgressException',
    );
  });
});
