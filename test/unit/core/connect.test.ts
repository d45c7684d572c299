import * as assert from 'node:assert/strict';
import { clientUri, isRegistrationCode } from '../../../src/core/connect';

describe('admin: WorkSpaces client links', () => {
  it('builds workspaces://USER@REGCODE with the user name percent-encoded', () => {
    assert.equal(clientUri('alice.nguyen', 'SLiad+ABCDEF'), 'workspaces://alice.nguyen@SLiad+ABCDEF');
    // The admin guide: @ : / ? & = must be percent-encoded inside the user name.
    assert.equal(clientUri('a@b:c/d?e&f=g', 'SLiad+ABCDEF'), 'workspaces://a%40b%3Ac%2Fd%3Fe%26f%3Dg@SLiad+ABCDEF');
    assert.equal(clientUri(undefined, 'desktop.example.com'), 'workspaces://@desktop.example.com');
  });

  it('builds no link from a registration code that does not look like one', () => {
    for (const bad of [
      undefined,
      '',
      'javascript:alert(1)',
      'SLiad+ABC/../x',
      'a b',
      'x@y',
      '[x](command:y)',
      'SLiad+',
    ]) {
      assert.equal(isRegistrationCode(bad), false, String(bad));
      assert.equal(clientUri('u', bad), undefined, String(bad));
    }
  });

  it('puts nothing of a hostile user name outside the user part', () => {
    const link = clientUri('x@evil.example.com/#?a=b', 'SLiad+ABCDEF') ?? '';
    assert.equal(link.split('@').length, 2, 'one @: the one before the registration code');
    assert.ok(link.endsWith('@SLiad+ABCDEF'));
    assert.equal(new URL(link).host.toLowerCase(), 'sliad+abcdef');
  });

  it('builds no link, and does not throw, for a user name with a lone surrogate', () => {
    for (const user of ['bad\ud800name', '\udc00', 'x\ud83d', '\ude00y']) {
      assert.equal(clientUri(user, 'SLiad+ABCDEF'), undefined, JSON.stringify(user));
    }
    // A well-formed pair (an emoji) is a user name like any other.
    assert.equal(clientUri('ana\ud83d\ude00', 'SLiad+ABCDEF'), 'workspaces://ana%F0%9F%98%80@SLiad+ABCDEF');
  });
});
