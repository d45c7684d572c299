import * as assert from 'node:assert/strict';
// Runtime import on purpose: the SDK's enum objects are the source of truth for the codes.
import { WorkspaceImageErrorDetailCode, WorkspacesPoolErrorCode } from '@aws-sdk/client-workspaces';
import type { ErrorExplanation } from '../../../src/core/errorCatalog';
import { IMAGE_ERROR_DETAILS, explainImageErrorDetail } from '../../../src/core/imageErrors';
import { POOL_ERRORS, explainPoolError } from '../../../src/core/poolErrors';
import { isAllowedLink } from '../../../src/webview/host/links';

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

function checkEntries(table: Record<string, ErrorExplanation>): void {
  const titles = new Set<string>();
  for (const [code, e] of Object.entries(table)) {
    assert.ok(e.title.trim().length > 0, `${code}: title`);
    assert.ok(e.meaning.trim().length > 20, `${code}: meaning`);
    assert.ok(e.fix.length > 0 && e.fix.every((s) => s.trim().length > 0), `${code}: fix steps`);
    assert.ok(e.docUrl.startsWith('https://docs.aws.amazon.com/'), `${code}: doc URL ${e.docUrl}`);
    assert.ok(isAllowedLink(e.docUrl), `${code}: doc URL passes the link allow-list`);
    assert.ok(e.docTitle.trim().length > 0, `${code}: doc title`);
    assert.ok(!titles.has(e.title) || code.startsWith('DOMAIN_JOIN_ERROR_'), `${code}: title "${e.title}" is unique`);
    titles.add(e.title);
  }
}

describe('error code tables', () => {
  it('explain every WorkspaceImageErrorDetailCode of the SDK, and nothing else', () => {
    const sdk = sorted(Object.values(WorkspaceImageErrorDetailCode));
    assert.ok(sdk.length >= 48, `the SDK has ${sdk.length} image error codes`);
    assert.deepEqual(sorted(Object.keys(IMAGE_ERROR_DETAILS)), sdk);
  });

  it('explain every WorkspacesPoolErrorCode of the SDK, and nothing else', () => {
    const sdk = sorted(Object.values(WorkspacesPoolErrorCode));
    assert.ok(sdk.length > 30, `the SDK has ${sdk.length} pool error codes`);
    assert.deepEqual(sorted(Object.keys(POOL_ERRORS)), sdk);
  });

  it('give every image entry a title, meaning, fix steps and an AWS documentation link', () => {
    checkEntries(IMAGE_ERROR_DETAILS);
  });

  it('give every pool entry a title, meaning, fix steps and an AWS documentation link', () => {
    checkEntries(POOL_ERRORS);
  });

  it('point BYOL import codes at their own anchor of the common-errors page', () => {
    assert.equal(
      IMAGE_ERROR_DETAILS.OfficeInstalled.docUrl,
      'https://docs.aws.amazon.com/workspaces/latest/adminguide/windows-images-common-errors.html#OfficeInstalled',
    );
    assert.match(IMAGE_ERROR_DETAILS.UEFINotSupported.docUrl, /windows-images-common-errors\.html#UEFINotSupported$/);
    assert.match(IMAGE_ERROR_DETAILS.DomainJoined.title, /domain/i);
  });

  it('explain a known code with its entry', () => {
    const e = explainImageErrorDetail('AntiVirusInstalled');
    assert.equal(e.known, true);
    assert.equal(e.code, 'AntiVirusInstalled');
    assert.equal(e.title, IMAGE_ERROR_DETAILS.AntiVirusInstalled.title);
    const p = explainPoolError('IAM_SERVICE_ROLE_IS_MISSING');
    assert.equal(p.known, true);
    assert.match(p.docUrl, /create-default-role/);
  });

  it('keep an unknown code as raw text with a generic explanation', () => {
    const e = explainImageErrorDetail('BrandNewCode2031');
    assert.equal(e.known, false);
    assert.equal(e.code, 'BrandNewCode2031');
    assert.match(e.title, /BrandNewCode2031/);
    assert.ok(isAllowedLink(e.docUrl));
    const none = explainImageErrorDetail(undefined);
    assert.equal(none.known, false);
    assert.equal(none.code, '');
    const p = explainPoolError('SOMETHING_NEW');
    assert.equal(p.known, false);
    assert.match(p.title, /SOMETHING_NEW/);
  });

  it('do not treat Object.prototype names as codes', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      assert.equal(explainImageErrorDetail(name).known, false, name);
      assert.equal(explainPoolError(name).known, false, name);
    }
  });
});
