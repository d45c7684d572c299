import * as assert from 'node:assert/strict';
import { isAllowedLink } from '../../../../src/webview/host/links';

describe('link allow-list', () => {
  const allowed = [
    'https://docs.aws.amazon.com/workspaces/latest/adminguide/byol-windows-images.html',
    'https://docs.aws.amazon.com/workspaces/latest/adminguide/windows-images-common-errors.html#OfficeInstalled',
    'https://aws.amazon.com/workspaces/pricing/',
    'https://us-east-1.console.aws.amazon.com/workspaces/v2/home?region=us-east-1#/images/wsi-123456789',
    'HTTPS://DOCS.AWS.AMAZON.COM/x',
  ];
  const refused = [
    'http://docs.aws.amazon.com/workspaces/',
    'javascript:alert(1)',
    'JavaScript://docs.aws.amazon.com/%0Aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vscode://settings',
    'command:workbench.action.terminal.new',
    'https://evil.example/https://docs.aws.amazon.com/',
    'https://docs.aws.amazon.com.evil.example/',
    'https://evilaws.amazon.com/',
    'https://aws.amazon.com.evil.example/',
    'https://amazon.com/',
    'https://docs.aws.amazon.com@evil.example/',
    'https://user:pass@docs.aws.amazon.com/',
    'https://docs.aws.amazon.com:8443/',
    'https://docs.aws.amazon.com\\@evil.example/',
    'https://docs.aws.amazon.com/\nx',
    ' https://docs.aws.amazon.com/',
    'https://.aws.amazon.com/',
    '//docs.aws.amazon.com/',
    '/workspaces/latest/',
    '',
    'not a url',
  ];

  for (const url of allowed) {
    it(`allows ${url}`, () => assert.equal(isAllowedLink(url), true));
  }
  for (const url of refused) {
    it(`refuses ${JSON.stringify(url)}`, () => assert.equal(isAllowedLink(url), false));
  }

  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 42, {}, ['https://docs.aws.amazon.com/']]) assert.equal(isAllowedLink(v), false);
  });

  it('refuses very long URLs', () => {
    assert.equal(isAllowedLink(`https://docs.aws.amazon.com/${'a'.repeat(3000)}`), false);
  });
});
