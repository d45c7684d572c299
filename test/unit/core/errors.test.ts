import assert from 'node:assert/strict';
import {
  AWS_ERROR_KINDS,
  AWS_ERROR_TITLES,
  AwsError,
  CREDENTIALS_REASONS,
  credentialsHint,
  formatAwsError,
  isAwsError,
} from '../../../src/core/errors';

describe('core errors', () => {
  it('has a title for every kind and a hint for every credentials reason', () => {
    for (const k of AWS_ERROR_KINDS) assert.ok(AWS_ERROR_TITLES[k].length > 0, k);
    for (const r of CREDENTIALS_REASONS) assert.match(credentialsHint(r, 'admin'), /admin/, r);
  });

  it('SSO hints name the command to run', () => {
    assert.match(credentialsHint('ssoExpired', 'corp'), /`aws sso login --profile corp`/);
    assert.match(credentialsHint('ssoMissing', 'corp'), /`aws sso login --profile corp`/);
    assert.match(credentialsHint('invalidKeys', 'k'), /`aws configure --profile k`/);
  });

  it('AwsError carries plain fields that survive a copy (another bundle sees only the shape)', () => {
    const e = new AwsError({
      kind: 'credentials',
      reason: 'ssoExpired',
      code: 'TokenProviderError',
      message: 'Token is expired.',
      profile: 'corp',
      region: 'eu-west-1',
    });
    assert.equal(e.hint, credentialsHint('ssoExpired', 'corp'));
    const copy = { ...e, message: e.message, name: e.name };
    assert.ok(isAwsError(copy));
    assert.match(
      formatAwsError(e),
      /^Credentials problem \[corp eu-west-1\]: Token is expired\. The SSO session of profile "corp" has expired/,
    );
    const t = new AwsError({
      kind: 'throttled',
      code: 'ThrottlingException',
      message: 'Rate exceeded (after 5 attempts)',
    });
    assert.equal(t.reason, undefined);
    assert.equal(formatAwsError(t), 'AWS is throttling the requests: Rate exceeded (after 5 attempts)');
  });
});
