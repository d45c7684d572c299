import {
  AssociateIpGroupsCommand,
  AuthorizeIpRulesCommand,
  CreateIpGroupCommand,
  DeleteIpGroupCommand,
  DescribeClientPropertiesCommand,
  DescribeIpGroupsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DisassociateIpGroupsCommand,
  ModifySelfservicePermissionsCommand,
  UpdateRulesOfIpGroupCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator';
import { clientFor, rejection } from './helpers';

describe('emulator: IP access control groups and directory settings', () => {
  let emu: Emulator;
  let client: WorkSpacesClient;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', quota: false });
    client = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
  });
  after(() => emu.stop());

  it('creates a group, limits its rules to 10, refuses bad CIDRs, associates and deletes it', async () => {
    const { GroupId } = await client.send(
      new CreateIpGroupCommand({ GroupName: 'office', UserRules: [{ ipRule: '203.0.113.0/24', ruleDesc: 'HQ' }] }),
    );
    assert.match(GroupId ?? '', /^wsipg-/);
    const dup = await rejection(client.send(new CreateIpGroupCommand({ GroupName: 'office' })));
    assert.equal(dup.name, 'ResourceAlreadyExistsException');
    const bad = await rejection(
      client.send(new AuthorizeIpRulesCommand({ GroupId, UserRules: [{ ipRule: '203.0.113.1/24' }] })),
    );
    assert.equal(bad.name, 'InvalidParameterValuesException');
    const eleven = Array.from({ length: 11 }, (_, i) => ({ ipRule: `198.51.100.${i}/32` }));
    const many = await rejection(client.send(new UpdateRulesOfIpGroupCommand({ GroupId, UserRules: eleven })));
    assert.equal(many.name, 'ResourceLimitExceededException');
    const listed = await client.send(new DescribeIpGroupsCommand({}));
    assert.deepEqual(listed.Result?.[0]?.userRules, [{ ipRule: '203.0.113.0/24', ruleDesc: 'HQ' }]);

    const dirs = await client.send(new DescribeWorkspaceDirectoriesCommand({}));
    const dir = dirs.Directories?.find((d) => d.State === 'REGISTERED')?.DirectoryId ?? '';
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: dir, GroupIds: [GroupId ?? ''] }));
    const inUse = await rejection(client.send(new DeleteIpGroupCommand({ GroupId })));
    assert.equal(inUse.name, 'ResourceAssociatedException');
    const after = await client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [dir] }));
    assert.deepEqual(after.Directories?.[0]?.ipGroupIds, [GroupId]);
    await client.send(new DisassociateIpGroupsCommand({ DirectoryId: dir, GroupIds: [GroupId ?? ''] }));
    await client.send(new DeleteIpGroupCommand({ GroupId }));
    assert.equal((await client.send(new DescribeIpGroupsCommand({}))).Result?.length, 0);
  });

  it('modifies self-service permissions and reports client properties of a directory', async () => {
    const dirs = await client.send(new DescribeWorkspaceDirectoriesCommand({}));
    const dir = dirs.Directories?.[0]?.DirectoryId ?? '';
    await client.send(
      new ModifySelfservicePermissionsCommand({
        ResourceId: dir,
        SelfservicePermissions: { RebuildWorkspace: 'ENABLED' },
      }),
    );
    const d = (await client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [dir] }))).Directories?.[0];
    assert.equal(d?.SelfservicePermissions?.RebuildWorkspace, 'ENABLED');
    assert.equal(d?.SelfservicePermissions?.RestartWorkspace, 'ENABLED');
    const cp = await client.send(new DescribeClientPropertiesCommand({ ResourceIds: [dir] }));
    assert.equal(cp.ClientPropertiesList?.[0]?.ClientProperties?.ReconnectEnabled, 'ENABLED');
  });
});
