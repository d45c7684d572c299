import {
  CreateTagsCommand,
  CreateWorkspacesCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspacesPoolsCommand,
  ModifyWorkspacePropertiesCommand,
  ModifyWorkspaceStateCommand,
  RebuildWorkspacesCommand,
  RestoreWorkspaceCommand,
  StartWorkspacesCommand,
  StartWorkspacesPoolCommand,
  StopWorkspacesCommand,
  type ImageType,
  type DescribeWorkspacesPoolsFilterOperator,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator';
import { clientFor, rejection } from './helpers';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `ws-${String(i).padStart(9, '0')}`);

describe('emulator: validation', () => {
  let emu: Emulator;
  let client: WorkSpacesClient;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', quota: false });
    client = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
  });
  after(() => emu.stop());

  async function fails(p: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
    const e = await rejection(p);
    assert.equal(e.name, name, e.message);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    if (message) {
      assert.match(e.message, message);
    }
  }
  const IPV = 'InvalidParameterValuesException';

  it('DescribeWorkspaces: at most one filter, UserName needs DirectoryId, Limit 1–25, ≤ 25 ids, id pattern', async () => {
    await fails(
      client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-a1c3e5g7i'], DirectoryId: 'd-9067a1b2c3' })),
      IPV,
      /only one filter/,
    );
    await fails(
      client.send(new DescribeWorkspacesCommand({ BundleId: 'wsb-fin0win11', WorkspaceName: 'alice-finance' })),
      IPV,
    );
    await fails(client.send(new DescribeWorkspacesCommand({ UserName: 'alice.nguyen' })), IPV, /DirectoryId/);
    await fails(client.send(new DescribeWorkspacesCommand({ Limit: 0 })), IPV, /greater than or equal to 1/);
    await fails(client.send(new DescribeWorkspacesCommand({ Limit: 26 })), IPV, /less than or equal to 25/);
    await fails(
      client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ids(26) })),
      IPV,
      /length less than or equal to 25/,
    );
    await fails(client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ['i-0123456789'] })), IPV, /pattern/);
    const ok = await client.send(
      new DescribeWorkspacesCommand({ DirectoryId: 'd-9067a1b2c3', UserName: 'Alice.Nguyen' }),
    );
    assert.deepEqual(
      ok.Workspaces?.map((w) => w.WorkspaceId),
      ['ws-a1c3e5g7i'],
    );
    const none = await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ids(25) }));
    assert.deepEqual(none.Workspaces, [], 'unknown ids are simply absent');
  });

  it('DescribeWorkspacesConnectionStatus / Directories / Images / Pools / Bundles limits and filters', async () => {
    await fails(client.send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: ids(26) })), IPV);
    await fails(client.send(new DescribeWorkspaceDirectoriesCommand({ Limit: 26 })), IPV);
    await fails(client.send(new DescribeWorkspaceImagesCommand({ MaxResults: 26 })), IPV);
    await fails(client.send(new DescribeWorkspaceImagesCommand({ ImageType: 'PUBLIC' as ImageType })), IPV, /enum/);
    await fails(client.send(new DescribeWorkspacesPoolsCommand({ Limit: 0 })), IPV);
    await fails(
      client.send(
        new DescribeWorkspacesPoolsCommand({
          Filters: [
            { Name: 'PoolName', Values: ['x'], Operator: 'STARTSWITH' as DescribeWorkspacesPoolsFilterOperator },
          ],
        }),
      ),
      IPV,
    );
    await fails(
      client.send(new DescribeWorkspaceBundlesCommand({ BundleIds: ['wsb-fin0win11'], Owner: 'AMAZON' })),
      IPV,
      /not both/,
    );
    await fails(client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'SOMEONE' })), IPV);

    const owned = await client.send(new DescribeWorkspaceImagesCommand({ ImageType: 'OWNED' }));
    assert.ok(owned.Images!.every((i) => i.OwnerAccountId === '111111111111'));
    const shared = await client.send(new DescribeWorkspaceImagesCommand({ ImageType: 'SHARED' }));
    assert.deepEqual(
      shared.Images!.map((i) => i.OwnerAccountId),
      ['999999999999'],
    );
    const dirs = await client.send(
      new DescribeWorkspaceDirectoriesCommand({
        Filters: [{ Name: 'USER_IDENTITY_TYPE', Values: ['AWS_DIRECTORY_SERVICE'] }],
      }),
    );
    assert.equal(dirs.Directories?.length, 3);

    const eu = clientFor(emu, emu.account('sandbox-prod'), 'eu-west-1', { maxAttempts: 1 });
    const names = async (Operator: DescribeWorkspacesPoolsFilterOperator, Values: string[]): Promise<string[]> =>
      (
        (await eu.send(new DescribeWorkspacesPoolsCommand({ Filters: [{ Name: 'PoolName', Operator, Values }] })))
          .WorkspacesPools ?? []
      ).map((p) => p.PoolName!);
    assert.deepEqual(await names('EQUALS', ['call-center']), ['call-center']);
    assert.deepEqual(await names('NOTEQUALS', ['call-center']), ['training-room']);
    assert.deepEqual(await names('CONTAINS', ['room', 'nothing']), ['training-room']);
    assert.deepEqual(await names('NOTCONTAINS', ['center']), ['training-room']);
  });

  it('tags: key 1–127, value ≤ 255, aws: reserved, ≤ 50 per request and per resource, unknown resource', async () => {
    const id = 'ws-h8j0l2n4p';
    await fails(client.send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: '', Value: 'x' }] })), IPV);
    await fails(
      client.send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: 'k'.repeat(128), Value: 'x' }] })),
      IPV,
    );
    await fails(
      client.send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: 'k', Value: 'v'.repeat(256) }] })),
      IPV,
    );
    await fails(
      client.send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: 'aws:createdBy', Value: 'x' }] })),
      IPV,
      /reserved/,
    );
    await fails(client.send(new DeleteTagsCommand({ ResourceId: id, TagKeys: ['aws:createdBy'] })), IPV);
    const many = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: String(i) }));
    await fails(client.send(new CreateTagsCommand({ ResourceId: id, Tags: many(51, 'k') })), IPV);
    await client.send(new CreateTagsCommand({ ResourceId: id, Tags: many(45, 'k') }));
    await fails(
      client.send(new CreateTagsCommand({ ResourceId: id, Tags: many(10, 'more') })),
      'ResourceLimitExceededException',
    );
    await fails(client.send(new DescribeTagsCommand({ ResourceId: 'ws-doesnotexist' })), 'ResourceNotFoundException');
    await fails(
      client.send(new CreateTagsCommand({ ResourceId: 'ws-doesnotexist', Tags: [{ Key: 'a', Value: 'b' }] })),
      'ResourceNotFoundException',
    );

    await client.send(
      new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: 'Team', Value: 'People' }, { Key: 'Empty' }] }),
    );
    await client.send(new DeleteTagsCommand({ ResourceId: id, TagKeys: many(45, 'k').map((t) => t.Key) }));
    const tags = await client.send(new DescribeTagsCommand({ ResourceId: id }));
    assert.deepEqual(Object.fromEntries((tags.TagList ?? []).map((t) => [t.Key, t.Value])), {
      Team: 'People',
      Onboarding: '2025-06',
      Empty: '',
    });
    const dirTags = await client.send(new DescribeTagsCommand({ ResourceId: 'd-9067a1b2c3' }));
    assert.deepEqual(dirTags.TagList, []);
  });

  it('actions: ids per call (25, rebuild 1) → InvalidParameterValuesException, nothing applied', async () => {
    emu.resetCounts();
    await fails(
      client.send(
        new StartWorkspacesCommand({ StartWorkspaceRequests: ids(26).map((WorkspaceId) => ({ WorkspaceId })) }),
      ),
      IPV,
      /less than or equal to 25/,
    );
    await fails(client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [] })), IPV);
    await fails(
      client.send(
        new RebuildWorkspacesCommand({
          RebuildWorkspaceRequests: [{ WorkspaceId: 'ws-d4f6h8j0l' }, { WorkspaceId: 'ws-e5g7i9k1m' }],
        }),
      ),
      IPV,
      /less than or equal to 1/,
    );
    assert.equal(emu.actionCount('ws-d4f6h8j0l'), 0);
    await fails(
      client.send(
        new CreateWorkspacesCommand({
          Workspaces: Array.from({ length: 26 }, (_, i) => ({
            DirectoryId: 'd-9067a1b2c3',
            UserName: `u${i}`,
            BundleId: 'wsb-fin0win11',
          })),
        }),
      ),
      IPV,
    );
  });

  it('ModifyWorkspaceProperties: AutoStop in multiples of 60, fitting state, known id', async () => {
    await fails(
      client.send(
        new ModifyWorkspacePropertiesCommand({
          WorkspaceId: 'ws-b2d4f6h8j',
          WorkspaceProperties: { RunningModeAutoStopTimeoutInMinutes: 90 },
        }),
      ),
      IPV,
      /60-minute/,
    );
    await fails(
      client.send(
        new ModifyWorkspacePropertiesCommand({
          WorkspaceId: 'ws-b2d4f6h8j',
          WorkspaceProperties: { RunningMode: 'ALWAYS_ON', RunningModeAutoStopTimeoutInMinutes: 120 },
        }),
      ),
      IPV,
    );
    await fails(
      client.send(
        new ModifyWorkspacePropertiesCommand({
          WorkspaceId: 'ws-g7i9k1m3o',
          WorkspaceProperties: { RunningMode: 'ALWAYS_ON' },
        }),
      ),
      'InvalidResourceStateException',
    );
    await fails(
      client.send(
        new ModifyWorkspacePropertiesCommand({
          WorkspaceId: 'ws-000000000',
          WorkspaceProperties: { RunningMode: 'ALWAYS_ON' },
        }),
      ),
      'ResourceNotFoundException',
    );
    await client.send(
      new ModifyWorkspacePropertiesCommand({
        WorkspaceId: 'ws-k1m3o5q7s',
        WorkspaceProperties: { RunningModeAutoStopTimeoutInMinutes: 180 },
      }),
    );
    const ws = (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-k1m3o5q7s'] }))).Workspaces![0];
    assert.equal(ws.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes, 180);
  });

  it('ModifyWorkspaceState, RestoreWorkspace and pools refuse unfitting states', async () => {
    await fails(
      client.send(
        new ModifyWorkspaceStateCommand({ WorkspaceId: 'ws-b2d4f6h8j', WorkspaceState: 'ADMIN_MAINTENANCE' }),
      ),
      'InvalidResourceStateException',
    );
    // RestoreWorkspace has no InvalidResourceState in its model: a wrong state is OperationNotSupported.
    await fails(
      client.send(new RestoreWorkspaceCommand({ WorkspaceId: 'ws-g7i9k1m3o' })),
      'OperationNotSupportedException',
    );
    await fails(client.send(new RestoreWorkspaceCommand({ WorkspaceId: 'ws-000000000' })), 'ResourceNotFoundException');
    const eu = clientFor(emu, emu.account('sandbox-prod'), 'eu-west-1', { maxAttempts: 1 });
    await fails(
      eu.send(new StartWorkspacesPoolCommand({ PoolId: 'wspool-cc01abcde' })),
      'InvalidResourceStateException',
    );
    await fails(eu.send(new StartWorkspacesPoolCommand({ PoolId: 'wspool-zzzzzzzzz' })), 'ResourceNotFoundException');
  });

  it('CreateWorkspaces reports unknown directories/bundles and duplicate users in FailedRequests', async () => {
    const out = await client.send(
      new CreateWorkspacesCommand({
        Workspaces: [
          { DirectoryId: 'd-0000000000', UserName: 'x', BundleId: 'wsb-fin0win11' },
          { DirectoryId: 'd-9067a1b2c3', UserName: 'y', BundleId: 'wsb-000000000' },
          { DirectoryId: 'd-9067a1b2c3', UserName: 'alice.nguyen', BundleId: 'wsb-fin0win11' },
        ],
      }),
    );
    assert.deepEqual(
      out.FailedRequests?.map((f) => f.ErrorCode),
      ['ResourceNotFound.Directory', 'ResourceNotFound.Bundle', 'ResourceExists.WorkSpace'],
    );
    assert.equal(out.FailedRequests?.[0].WorkspaceRequest?.UserName, 'x');
    assert.deepEqual(out.PendingRequests, []);
  });
});
