import * as assert from 'node:assert/strict';
import {
  explainDirectoryError,
  explainWorkspaceError,
  hasDirectoryError,
  hasWorkspaceError,
  WORKSPACE_ERRORS,
} from '../../../src/core/workspaceErrors';
import { isAllowedLink } from '../../../src/webview/host/links';

describe('admin: WorkSpace and directory error explanations', () => {
  it('explains the codes AWS is known to send with their own entry, keeping the raw code', () => {
    const e = explainWorkspaceError('ResourceNotFound.User', 'ERROR');
    assert.equal(e.known, true);
    assert.equal(e.code, 'ResourceNotFound.User');
    assert.match(e.title, /user was not found/);
  });

  it('explains any other code by the state, and says so when even the state says nothing', () => {
    const unhealthy = explainWorkspaceError('HealthCheckFailed', 'UNHEALTHY');
    assert.equal(unhealthy.code, 'HealthCheckFailed');
    assert.match(unhealthy.title, /health checks/);
    assert.ok(unhealthy.fix.some((f) => /Reboot/.test(f)));
    assert.match(explainWorkspaceError(undefined, 'ERROR').title, /in ERROR/);
    assert.match(explainWorkspaceError('Weird', 'AVAILABLE').title, /reported an error/);
    assert.equal(explainWorkspaceError('Weird', 'AVAILABLE').known, false);
  });

  it('explains a directory in ERROR', () => {
    const d = explainDirectoryError('ERROR');
    assert.match(d.title, /cannot use this directory/);
    assert.ok(d.fix.some((f) => /service account/.test(f)));
    assert.equal(hasDirectoryError({ State: 'ERROR' }), true);
    assert.equal(hasDirectoryError({ State: 'REGISTERED' }), false);
    assert.equal(hasWorkspaceError({ State: 'AVAILABLE' }), false);
    assert.equal(hasWorkspaceError({ State: 'IMPAIRED' }), true);
  });

  it('links only AWS documentation', () => {
    const all = [
      ...Object.keys(WORKSPACE_ERRORS).map((c) => explainWorkspaceError(c, 'ERROR')),
      ...['ERROR', 'UNHEALTHY', 'IMPAIRED', 'AVAILABLE'].map((s) => explainWorkspaceError(undefined, s)),
      explainDirectoryError('ERROR'),
      explainDirectoryError('REGISTERED'),
    ];
    for (const e of all) {
      assert.ok(e.docUrl.startsWith('https://docs.aws.amazon.com/') && isAllowedLink(e.docUrl), e.docUrl);
      assert.ok(e.fix.length > 0 && e.meaning.length > 20, e.title);
    }
  });
});
