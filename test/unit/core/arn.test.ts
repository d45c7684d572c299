import assert from 'node:assert/strict';
import { arnParts, consoleHome, consoleUrl, partitionOf, workspaceArn } from '../../../src/core/arn';
import { isAllowedLink } from '../../../src/webview/host/links';

describe('core/arn', () => {
  it('builds the WorkSpace ARN from the account of the directory role', () => {
    const dir = { IamRoleId: 'arn:aws:iam::111111111111:role/workspaces_DefaultRole' };
    assert.equal(
      workspaceArn({ WorkspaceId: 'ws-a1c3e5g7i' }, 'us-east-1', dir),
      'arn:aws:workspaces:us-east-1:111111111111:workspace/ws-a1c3e5g7i',
    );
    assert.equal(
      workspaceArn({ WorkspaceId: 'ws-1' }, 'cn-north-1', { IamRoleId: 'arn:aws-cn:iam::222222222222:role/r' }),
      'arn:aws-cn:workspaces:cn-north-1:222222222222:workspace/ws-1',
    );
    assert.equal(workspaceArn({ WorkspaceId: 'ws-1' }, 'us-east-1', undefined), undefined);
    assert.equal(
      workspaceArn({ WorkspaceId: 'ws-1' }, 'us-east-1', { IamRoleId: 'workspaces_DefaultRole' }),
      undefined,
    );
    assert.deepEqual(arnParts('arn:aws-us-gov:iam::123456789012:role/x'), {
      partition: 'aws-us-gov',
      account: '123456789012',
    });
    assert.equal(partitionOf('us-gov-west-1'), 'aws-us-gov');
    assert.equal(partitionOf('eu-west-1'), 'aws');
  });

  it('points at the WorkSpace in the console of its region and partition', () => {
    assert.equal(
      consoleUrl('workspace', 'eu-west-1', 'ws-eu1a2b3c4'),
      'https://eu-west-1.console.aws.amazon.com/workspaces/v2/workspaces/ws-eu1a2b3c4?region=eu-west-1',
    );
    assert.equal(
      consoleUrl('workspace', 'cn-north-1', 'ws-1'),
      'https://cn-north-1.console.amazonaws.cn/workspaces/v2/workspaces/ws-1?region=cn-north-1',
    );
    assert.equal(
      consoleUrl('workspace', 'us-gov-west-1', 'ws-1'),
      'https://us-gov-west-1.console.amazonaws-us-gov.com/workspaces/v2/workspaces/ws-1?region=us-gov-west-1',
    );
  });

  it('builds image and pool pages with the same builder, only from well-formed regions and ids', () => {
    assert.equal(
      consoleUrl('image', 'us-east-1', 'wsi-abc123def'),
      'https://us-east-1.console.aws.amazon.com/workspaces/v2/home?region=us-east-1#/images/wsi-abc123def',
    );
    assert.ok(isAllowedLink(consoleUrl('pool', 'ap-southeast-2', 'wspool-abc123def')));
    for (const [region, id] of [
      ['evil.example#', 'wsi-abc'],
      ['us-east-1.evil.example/x', 'wsi-abc'],
      ['us-east-1', 'wsi-abc/../../x'],
      ['us-east-1', '<img>'],
      ['', 'wsi-abc'],
      ['us-iso-east-1', 'wsi-abc'],
    ]) {
      assert.equal(consoleUrl('image', region, id), undefined, `${region} ${id}`);
    }
    assert.equal(consoleUrl('workspace', 'us-east-1', 'ws-1?x=<y>'), undefined);
  });

  it('falls back to the list page AWS documents', () => {
    assert.equal(
      consoleHome('eu-west-1'),
      'https://eu-west-1.console.aws.amazon.com/workspaces/v2/home?region=eu-west-1',
    );
    assert.equal(consoleHome('nonsense'), 'https://console.aws.amazon.com/workspaces/v2/home');
  });
});
