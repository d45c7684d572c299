// The error-details panel's view types: VS Code restores a saved panel only when the extension
// activates for its view type, so package.json names the current one and every former one.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMER_VIEW_TYPES, VIEW_TYPE } from '../../../../src/webview/errorDetails/protocol';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../../package.json'), 'utf8')) as {
  activationEvents: string[];
};

describe('error details view types', () => {
  it('says what the panel is: error details, of any kind', () => {
    assert.equal(VIEW_TYPE, 'workspacesFleet.errorDetails');
    assert.ok(FORMER_VIEW_TYPES.includes('workspacesFleet.imageErrors'));
  });

  it('package.json activates the extension for the view type and every former one', () => {
    for (const viewType of [VIEW_TYPE, ...FORMER_VIEW_TYPES]) {
      assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${viewType}`), viewType);
    }
  });
});
