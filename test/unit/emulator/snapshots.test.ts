import {
  CreateWorkspacesCommand,
  DescribeTagsCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspaceSnapshotsCommand,
  MigrateWorkspaceCommand,
  ModifyWorkspacePropertiesCommand,
  RebuildWorkspacesCommand,
  RestoreWorkspaceCommand,
  StartWorkspacesCommand,
  type Workspace,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, FIRST_SNAPSHOT_MS, SNAPSHOT_INTERVAL_MS, startEmulator } from '../../emulator';
import { clientFor, rejection } from './helpers';

const T = 60_000;
const MIN = 60_000;
const HOUR = 60 * MIN;
const RESTORE_ERRORS = [
  'InvalidParameterValuesException',
  'ResourceNotFoundException',
  'AccessDeniedException',
  'OperationNotSupportedException',
];
const MIGRATE_ERRORS = [
  'InvalidParameterValuesException',
  'ResourceNotFoundException',
  'AccessDeniedException',
  'OperationNotSupportedException',
  'OperationInProgressException',
  'ResourceUnavailableException',
];

describe('emulator: snapshots, Restore, Rebuild and MigrateWorkspace', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let prod: WorkSpacesClient;
  let dev: WorkSpacesClient;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionMs: T, quota: false });
    prod = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
    dev = clientFor(emu, emu.account('sandbox-dev'), 'us-west-2', { maxAttempts: 1 });
  });
  beforeEach(() => {
    emu.setVisibilityDelay(0);
    emu.reset();
    emu.resetCounts();
  });
  after(() => emu.stop());

  const snapshots = async (c: WorkSpacesClient, id: string): Promise<{ rebuild: number[]; restore: number[] }> => {
    const out = await c.send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: id }));
    return {
      rebuild: (out.RebuildSnapshots ?? []).map((s) => s.SnapshotTime!.getTime()),
      restore: (out.RestoreSnapshots ?? []).map((s) => s.SnapshotTime!.getTime()),
    };
  };
  const one = async (c: WorkSpacesClient, id: string): Promise<Workspace | undefined> =>
    (await c.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0];

  it('every 12 hours of a WorkSpace’s life; none in its first 12 hours', async () => {
    const world = emu.world('sandbox-prod', 'us-east-1');
    const bob = world.requireWorkspace('ws-b2d4f6h8j');
    const s = await snapshots(prod, 'ws-b2d4f6h8j');
    assert.equal(s.rebuild.length, 1, 'the newest one');
    assert.deepEqual(s.restore, s.rebuild, 'a healthy WorkSpace: root and user volume together');
    const sinceFirst = s.rebuild[0] - (bob.createdAt + FIRST_SNAPSHOT_MS);
    assert.equal(sinceFirst % SNAPSHOT_INTERVAL_MS, 0, 'on the 12-hour schedule from its launch');
    assert.ok(world.now() - s.rebuild[0] < SNAPSHOT_INTERVAL_MS, 'the newest one is less than 12 hours old');

    // heidi was launched 5 hours ago.
    assert.deepEqual(await snapshots(prod, 'ws-h8j0l2n4p'), { rebuild: [], restore: [] });
    emu.advanceTime(7 * HOUR + MIN);
    const later = await snapshots(prod, 'ws-h8j0l2n4p');
    assert.equal(later.rebuild.length, 1);
    assert.equal(later.rebuild[0], world.requireWorkspace('ws-h8j0l2n4p').createdAt + 12 * HOUR);
    assert.equal(
      (await rejection(prod.send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: 'ws-000000000' })))).name,
      'ResourceNotFoundException',
    );
  });

  it('an unhealthy WorkSpace gets user-volume snapshots only: rebuild yes, restore no', async () => {
    // victor.hugo: launched 20 hours ago, UNHEALTHY for 15 hours (with an ErrorCode).
    const victor = await one(dev, 'ws-dv5e6f7g8');
    assert.equal(victor?.State, 'UNHEALTHY');
    assert.equal(victor?.ErrorCode, 'HealthCheckFailed');
    const s = await snapshots(dev, 'ws-dv5e6f7g8');
    assert.equal(s.rebuild.length, 1);
    assert.deepEqual(s.restore, []);
    const e = await rejection(dev.send(new RestoreWorkspaceCommand({ WorkspaceId: 'ws-dv5e6f7g8' })));
    assert.equal(e.name, 'OperationNotSupportedException');
    const rebuild = await dev.send(
      new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: 'ws-dv5e6f7g8' }] }),
    );
    assert.deepEqual(rebuild.FailedRequests, []);
  });

  it('Restore raises only its modeled errors; Rebuild needs a user-volume snapshot', async () => {
    const errors = [
      await rejection(prod.send(new RestoreWorkspaceCommand({ WorkspaceId: 'ws-g7i9k1m3o' }))), // SUSPENDED
      await rejection(prod.send(new RestoreWorkspaceCommand({ WorkspaceId: 'ws-h8j0l2n4p' }))), // no snapshot
      await rejection(prod.send(new RestoreWorkspaceCommand({ WorkspaceId: 'ws-000000000' }))),
      await rejection(prod.send(new RestoreWorkspaceCommand({ WorkspaceId: 'not-an-id' }))),
    ].map((e) => e.name);
    assert.deepEqual(errors, [
      'OperationNotSupportedException',
      'OperationNotSupportedException',
      'ResourceNotFoundException',
      'InvalidParameterValuesException',
    ]);
    assert.ok(errors.every((n) => RESTORE_ERRORS.includes(n)));
    const rebuild = await prod.send(
      new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: 'ws-h8j0l2n4p' }] }),
    );
    assert.equal(rebuild.FailedRequests?.[0].ErrorCode, 'ResourceNotFound.Snapshot');
    assert.equal(emu.actionCount('ws-h8j0l2n4p'), 0);
  });

  it('after a restore, new snapshots come 30 minutes after it finished; until then no second restore', async () => {
    const id = 'ws-b2d4f6h8j';
    await prod.send(new RestoreWorkspaceCommand({ WorkspaceId: id }));
    assert.equal((await one(prod, id))?.State, 'RESTORING');
    assert.deepEqual(await snapshots(prod, id), { rebuild: [], restore: [] });
    emu.advanceTime(T);
    assert.equal((await one(prod, id))?.State, 'AVAILABLE');
    assert.equal(
      (await rejection(prod.send(new RestoreWorkspaceCommand({ WorkspaceId: id })))).name,
      'OperationNotSupportedException',
    );
    emu.advanceTime(30 * MIN);
    assert.equal((await snapshots(prod, id)).restore.length, 1);
    await prod.send(new RestoreWorkspaceCommand({ WorkspaceId: id }));
    assert.equal(emu.actionCount(id, 'RestoreWorkspace'), 2);
  });

  it('MigrateWorkspace: a new WorkSpace from the target bundle, tags and mode carried over, the source terminated when it is ready', async () => {
    emu.setVisibilityDelay(10 * MIN);
    const target = emu
      .world('sandbox-prod', 'us-east-1')
      .amazonBundles.find((b) => b.Name === 'Standard with Windows 11');
    assert.ok(target?.BundleId);
    const src = 'ws-b2d4f6h8j'; // bob: STOPPED, Finance Windows 11 (Performance), [80, 50]
    const before = (await one(prod, src))!;
    const out = await prod.send(new MigrateWorkspaceCommand({ SourceWorkspaceId: src, BundleId: target.BundleId }));
    assert.equal(out.SourceWorkspaceId, src);
    const id = out.TargetWorkspaceId!;
    assert.match(id, /^ws-[0-9a-z]{9}$/);
    assert.notEqual(id, src);
    assert.equal(await one(prod, id), undefined, 'the target obeys the visibility delay');
    // Meanwhile the source takes no other change.
    const start = await prod.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: src }] }));
    assert.equal(start.FailedRequests?.[0].ErrorCode, 'OperationInProgress.Migration');
    assert.equal(
      (
        await rejection(
          prod.send(
            new ModifyWorkspacePropertiesCommand({
              WorkspaceId: src,
              WorkspaceProperties: { RunningMode: 'ALWAYS_ON' },
            }),
          ),
        )
      ).name,
      'OperationInProgressException',
    );
    assert.equal(
      (await rejection(prod.send(new MigrateWorkspaceCommand({ SourceWorkspaceId: src, BundleId: target.BundleId }))))
        .name,
      'OperationInProgressException',
    );

    emu.advanceTime(10 * MIN);
    const created = (await one(prod, id))!;
    assert.equal(created.State, 'PENDING');
    assert.equal(created.UserName, before.UserName);
    assert.equal(created.DirectoryId, before.DirectoryId);
    assert.equal(created.BundleId, target.BundleId);
    assert.notEqual(created.IpAddress, before.IpAddress);
    assert.notEqual(created.ComputerName, before.ComputerName);
    assert.equal(created.WorkspaceProperties?.ComputeTypeName, 'STANDARD');
    assert.equal(created.WorkspaceProperties?.RunningMode, before.WorkspaceProperties?.RunningMode);
    assert.equal(created.WorkspaceProperties?.UserVolumeSizeGib, 50, 'the user volume is kept');
    assert.deepEqual(
      (await prod.send(new DescribeTagsCommand({ ResourceId: id }))).TagList,
      (await prod.send(new DescribeTagsCommand({ ResourceId: src }))).TagList,
    );
    assert.deepEqual(await snapshots(prod, id), { rebuild: [], restore: [] }, 'a new WorkSpace has none yet');
    assert.equal((await one(prod, src))?.State, 'STOPPED', 'the source waits for the target');

    emu.advanceTime(T);
    assert.equal((await one(prod, id))?.State, 'AVAILABLE');
    assert.equal((await one(prod, src))?.State, 'TERMINATED');
    emu.advanceTime(T);
    assert.equal(await one(prod, src), undefined, 'then gone');
    assert.equal(emu.actionCount(src, 'MigrateWorkspace'), 1);
  });

  it('MigrateWorkspace refusals, all within its modeled errors', async () => {
    const fin = 'wsb-fin0win11';
    const std = emu
      .world('sandbox-prod', 'us-east-1')
      .amazonBundles.find((b) => b.Name === 'Standard with Windows 11')!.BundleId;
    const migrate = async (src: string, bundle: string): Promise<string> =>
      (await rejection(prod.send(new MigrateWorkspaceCommand({ SourceWorkspaceId: src, BundleId: bundle })))).name;
    const names = [
      await migrate('ws-b2d4f6h8j', fin), // the same bundle
      await migrate('ws-b2d4f6h8j', 'wsb-000000000'), // unknown bundle
      await migrate('ws-b2d4f6h8j', 'wsb-mktg11pnd'), // bundle PENDING
      await migrate('ws-000000000', std), // unknown WorkSpace
      await migrate('ws-f6h8j0l2n', std), // ADMIN_MAINTENANCE
      await migrate('ws-k1m3o5q7s', std), // Linux
      await migrate('ws-h8j0l2n4p', std), // 5 hours old: no user-volume snapshot yet
    ];
    assert.deepEqual(names, [
      'InvalidParameterValuesException',
      'ResourceNotFoundException',
      'ResourceUnavailableException',
      'ResourceNotFoundException',
      'OperationNotSupportedException',
      'OperationNotSupportedException',
      'OperationNotSupportedException',
    ]);
    assert.ok(names.every((n) => MIGRATE_ERRORS.includes(n)));
    assert.equal(emu.counts().byOp.MigrateWorkspace, 7);
  });

  it('CreateWorkspaces: a user the directory does not know is ResourceNotFound.User', async () => {
    const out = await prod.send(
      new CreateWorkspacesCommand({
        Workspaces: [{ DirectoryId: 'd-9067a1b2c3', UserName: 'trent.departed', BundleId: 'wsb-fin0win11' }],
      }),
    );
    assert.deepEqual(
      out.FailedRequests?.map((f) => f.ErrorCode),
      ['ResourceNotFound.User'],
    );
  });
});
