// The profiles written for an organisation's accounts when the person asks (src/core/identityCenter.ts).
import * as assert from 'node:assert/strict';
import { profileNameFor, profileSections } from '../../../src/core/identityCenter';

describe('core/identityCenter', () => {
  it('names a profile after the account (in the characters a profile name may have) and the role', () => {
    assert.equal(profileNameFor('Finance Prod', '111111111111', 'WorkSpacesAdmin'), 'finance-prod-workspacesadmin');
    assert.equal(profileNameFor(undefined, '222222222222', 'ReadOnly'), '222222222222-readonly');
    assert.equal(profileNameFor('[evil] = x\n[profile y]', '333333333333', 'A B'), 'evil-x-profile-y-a-b');
    assert.equal(profileNameFor('***', '444444444444', 'Admin'), '444444444444-admin');
  });

  it('writes one section per account, never over an existing profile, never a second line from a name', () => {
    const sections = profileSections(
      { id: 'corp', kind: 'session', startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1' },
      [
        { accountId: '111111111111', accountName: 'Finance Prod' },
        { accountId: '222222222222', accountName: 'Finance Prod' },
        { accountId: '333333333333', accountName: 'Sales\n[default]\naws_access_key_id = x' },
      ],
      'WorkSpacesAdmin',
      'us-east-1',
      new Set(['finance-prod-workspacesadmin']),
    );
    assert.deepEqual(
      sections.map((s) => s.name),
      [
        'finance-prod-workspacesadmin-111111111111',
        'finance-prod-workspacesadmin-222222222222',
        'sales-default-aws_access_key_id-x-workspacesadmin',
      ],
    );
    assert.equal(
      sections[0].text,
      [
        '[profile finance-prod-workspacesadmin-111111111111]',
        'sso_session = corp',
        'sso_account_id = 111111111111',
        'sso_role_name = WorkSpacesAdmin',
        'region = us-east-1',
      ].join('\n'),
    );
    for (const s of sections) assert.equal(s.text.split('\n').filter((l) => l.startsWith('[')).length, 1, s.text);
    const legacy = profileSections(
      { id: 'old', kind: 'legacy', startUrl: 'https://old.awsapps.com/start', region: 'us-east-1' },
      [{ accountId: '111111111111' }],
      'ReadOnly',
      undefined,
      new Set(),
    );
    assert.match(legacy[0].text, /sso_start_url = https:\/\/old\.awsapps\.com\/start\nsso_region = us-east-1/);
    assert.doesNotMatch(legacy[0].text, /^region =/m);
  });
});
