// The error-details panel's model for WorkSpaces and directories (the same panel as images/pools).
import * as assert from 'node:assert/strict';
import { marked } from 'marked';
import { buildErrorView, viewToMarkdown } from '../../../../src/webview/errorDetails/model';
import { parsePageMessage, parsePageState } from '../../../../src/webview/errorDetails/protocol';
import { stubTarget, targetId, targetName } from '../../../../src/webview/errorDetails/target';

const scope = { profile: 'sandbox-prod', region: 'us-east-1' };
const NOW = new Date(Date.UTC(2025, 5, 30, 12));

describe('admin: error view of WorkSpaces and directories', () => {
  it('explains a WorkSpace in ERROR: its code and message, one card, names of its directory and bundle', () => {
    const v = buildErrorView(
      {
        kind: 'workspace',
        scope,
        workspace: {
          WorkspaceId: 'ws-d4f6h8j0l',
          UserName: 'dave.kim',
          State: 'ERROR',
          DirectoryId: 'd-9067a1b2c3',
          BundleId: 'wsb-fin0win11',
          ErrorCode: 'ResourceLaunchFailure',
          ErrorMessage: 'The root volume snapshot is unavailable.',
          WorkspaceProperties: { ComputeTypeName: 'GRAPHICSPRO_G4DN', RunningMode: 'AUTO_STOP' },
        },
        directoryName: 'example-corp',
        bundleName: 'Finance Windows 11',
      },
      NOW,
    );
    assert.equal(v.kind, 'workspace');
    assert.equal(v.name, 'dave.kim');
    assert.equal(v.stateTone, 'error');
    assert.deepEqual(v.error, { code: 'ResourceLaunchFailure', message: 'The root volume snapshot is unavailable.' });
    assert.equal(v.cards.length, 1);
    assert.equal(v.cards[0].code, 'ResourceLaunchFailure');
    assert.match(v.cards[0].title, /in ERROR/);
    const field = (k: string) => v.fields.find((f) => f.key === k)?.value;
    assert.equal(field('directory'), 'example-corp (d-9067a1b2c3)');
    assert.equal(field('bundle'), 'Finance Windows 11 (wsb-fin0win11)');
    assert.equal(field('compute'), 'GraphicsPro.g4dn');
    assert.match(
      v.consoleUrl ?? '',
      /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/workspaces\/v2\/workspaces\/ws-d4f6h8j0l/,
    );
    const md = viewToMarkdown(v);
    assert.match(md, /^## WorkSpace: dave\.kim/);
    assert.match(md, /ResourceLaunchFailure/);
  });

  it('explains a directory in ERROR by its message; nothing to explain for a healthy one', () => {
    const v = buildErrorView(
      {
        kind: 'directory',
        scope,
        directory: {
          DirectoryId: 'd-90670badc0',
          Alias: 'example-legacy',
          State: 'ERROR',
          ErrorMessage: 'The directory service account password has expired.',
        },
      },
      NOW,
    );
    assert.equal(v.name, 'example-legacy');
    assert.deepEqual(v.error, { message: 'The directory service account password has expired.' });
    assert.equal(v.cards.length, 1);
    assert.match(v.consoleUrl ?? '', /workspaces\/v2\/home\?region=us-east-1$/);
    const ok = buildErrorView(
      { kind: 'directory', scope, directory: { DirectoryId: 'd-1', State: 'REGISTERED' } },
      NOW,
    );
    assert.equal(ok.cards.length, 0);
    assert.equal(ok.stateTone, 'ok');
  });

  it('keeps hostile strings as text in the Markdown export', () => {
    const xss = '<img src=x onerror=alert(1)> [x](command:workbench.action.quit)';
    const md = viewToMarkdown(
      buildErrorView(
        {
          kind: 'workspace',
          scope,
          workspace: { WorkspaceId: 'ws-x1x2x3x4x', UserName: xss, State: 'UNHEALTHY', ErrorMessage: xss },
        },
        NOW,
      ),
    );
    const html = marked.parse(md, { async: false });
    assert.ok(!/<img/.test(html), html);
    const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(
      hrefs.length > 0 && hrefs.every((h) => /^https:\/\/[a-z0-9.-]+\.aws\.amazon\.com\//.test(h)),
      hrefs.join(' '),
    );
  });

  it('restores panels of the new kinds, and names their targets', () => {
    for (const kind of ['workspace', 'directory'] as const) {
      const t = stubTarget(kind, scope, kind === 'workspace' ? 'ws-a1b2c3d4e' : 'd-1234567890', 'n');
      assert.equal(targetName(t), 'n');
      const state = { version: 1, kind, scope, id: targetId(t) };
      assert.deepEqual(parsePageState(state), state);
      const msg = {
        type: 'rendered',
        id: targetId(t),
        kind,
        state: 'ERROR',
        cards: 1,
        codes: [''],
        errorMessage: '',
        foreignElements: 0,
      };
      assert.equal(parsePageMessage(msg)?.type, 'rendered');
    }
    assert.equal(parsePageState({ version: 1, kind: 'bundle', scope, id: 'x' }), undefined);
  });
});
