// The image/pool error webview in the real extension host: the panel opens for an ERROR image from
// the emulator (real AWS layer + SDK over HTTP), the page renders one card per ErrorDetail, a
// refresh after the emulator fixes the image shows AVAILABLE, hostile API strings stay text, pools
// render their errors, the serializer restores a panel, and hiding/showing re-renders from state.
// The page reports what it rendered, read back from its DOM (`rendered` messages), because the
// extension host cannot look inside the webview iframe.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { createAwsLayer, type AwsLayer } from '../../src/aws';
import {
  ErrorDetailsPanel,
  FORMER_VIEW_TYPES,
  VIEW_TYPE,
  errorDetailsSerializer,
} from '../../src/webview/errorDetails/panel';
import { createErrorTargetLoader } from '../../src/webview/errorDetails/loader';
import { stubTarget, type ErrorTargetLoader } from '../../src/webview/errorDetails/target';
import { startEmulator, type Emulator } from '../emulator';
import { waitFor } from '../support/waitFor';
import { nextRender } from '../support/webview';
import { testClock } from '../support/clock';

const EXTENSION_ID = 'wsfleet.workspaces-fleet';
const XSS = '<img src=x onerror=alert(1)>';

describe('image error webview', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let dir: string;
  let layer: AwsLayer;
  let loader: ErrorTargetLoader;
  let extensionUri: vscode.Uri;
  let accountId: string;
  let profile: string;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    extensionUri = ext.extensionUri;
    emu = await startEmulator({ seed: 'demo', transitionMs: 60_000, quota: false });
    dir = mkdtempSync(join(tmpdir(), 'wsf-webview-'));
    const files = emu.awsConfigFiles();
    writeFileSync(join(dir, 'config'), files.config);
    writeFileSync(join(dir, 'credentials'), files.credentials);
    layer = createAwsLayer({
      userAgent: 'workspaces-fleet/integration',
      env: { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
      maxAttempts: 2,
    });
    loader = createErrorTargetLoader(testClock(), (scope) => layer.api(scope));
    const prod = emu.accounts.find((a) => a.profile === 'sandbox-prod') ?? emu.accounts[0];
    accountId = prod.accountId;
    profile = prod.profile;
  });

  after(async () => {
    for (const p of ErrorDetailsPanel.all()) p.dispose();
    layer?.dispose();
    await emu?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const usEast = () => ({ profile, region: 'us-east-1' });
  const image = (id: string) => {
    const data = emu.world(accountId, 'us-east-1').images.get(id);
    assert.ok(data, `the emulator has image ${id}`);
    return data;
  };

  it('opens one panel per image and renders a card per ErrorDetail', async () => {
    const target = await loader.reload(stubTarget('image', usEast(), 'wsi-byolw10err'));
    const panel = ErrorDetailsPanel.show(extensionUri, target, loader);
    assert.equal(panel.panel.viewType, VIEW_TYPE);
    assert.equal(panel.panel.title, 'byol-win10-22h2');
    assert.equal(panel.panel.options.retainContextWhenHidden, undefined);
    const r = await nextRender(panel, (x) => x.id === 'wsi-byolw10err' && x.cards > 0);
    assert.equal(r.state, 'ERROR');
    assert.equal(r.cards, 5);
    assert.deepEqual(r.codes, [
      'OutdatedPowershellVersion',
      'OfficeInstalled',
      'PCoIPAgentInstalled',
      'WindowsUpdatesEnabled',
      'AutoMountDisabled',
    ]);
    assert.equal(r.errorMessage, image('wsi-byolw10err').ErrorMessage);
    assert.equal(r.foreignElements, 0);

    const again = ErrorDetailsPanel.show(extensionUri, target, loader);
    assert.equal(again, panel, 're-opening focuses the existing panel');
    assert.equal(ErrorDetailsPanel.all().filter((p) => p.key === panel.key).length, 1);
  });

  it('refreshes through the loader and shows the image AVAILABLE once the emulator fixed it', async () => {
    const panel = ErrorDetailsPanel.find({ kind: 'image', scope: usEast(), id: 'wsi-byolw10err' });
    assert.ok(panel);
    const img = image('wsi-byolw10err');
    img.State = 'AVAILABLE';
    delete img.ErrorCode;
    delete img.ErrorMessage;
    delete img.ErrorDetails;
    const rendered = nextRender(panel, (x) => x.state === 'AVAILABLE', { fresh: true });
    await panel.receive({ type: 'refresh' });
    const r = await rendered;
    assert.equal(r.cards, 0);
    assert.equal(r.errorMessage, '');
    assert.equal(panel.currentView.stateTone, 'ok');
  });

  it('renders hostile API strings as text', async () => {
    const img = image('wsi-byolw11uef');
    img.Name = XSS;
    img.ErrorMessage = XSS;
    img.Description = '<script>alert(2)</script>';
    img.ErrorDetails = [
      { ErrorCode: 'OfficeInstalled', ErrorMessage: XSS },
      { ErrorCode: '<iframe src=javascript:alert(3)>' as never, ErrorMessage: '[x](javascript:alert(1))' },
    ];
    const target = await loader.reload(stubTarget('image', usEast(), 'wsi-byolw11uef'));
    const panel = ErrorDetailsPanel.show(extensionUri, target, loader);
    const r = await nextRender(panel, (x) => x.id === 'wsi-byolw11uef' && x.cards === 2);
    assert.equal(r.errorMessage, XSS, 'the message is shown as those characters');
    assert.equal(r.foreignElements, 0, 'no img/script/iframe element came from the data');
    assert.deepEqual(r.codes, ['OfficeInstalled', '<iframe src=javascript:alert(3)>']);
    assert.equal(panel.panel.title, XSS);
    assert.equal(await panel.openLink('https://evil.example/'), false, 'links outside AWS are refused');
    assert.equal(await panel.openLink('javascript:alert(1)'), false);
    const md = await panel.copyMarkdown();
    assert.ok(!md.includes(XSS), 'the Markdown export escapes the payload');
    assert.ok(md.includes('\\<img src=x onerror=alert\\(1\\)\\>'));
  });

  it("shows a pool's errors in the same panel type", async () => {
    const scope = { profile, region: 'eu-west-1' };
    const target = await loader.reload(stubTarget('pool', scope, 'wspool-trn02fghi'));
    const panel = ErrorDetailsPanel.show(extensionUri, target, loader);
    assert.equal(panel.panel.viewType, VIEW_TYPE);
    const r = await nextRender(panel, (x) => x.id === 'wspool-trn02fghi');
    assert.equal(r.kind, 'pool');
    assert.equal(r.state, 'STOPPED');
    assert.deepEqual(r.codes, ['IAM_SERVICE_ROLE_IS_MISSING', 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES']);
  });

  it('re-renders from saved state after being hidden and shown again', async () => {
    const panel = ErrorDetailsPanel.find({
      kind: 'pool',
      scope: { profile, region: 'eu-west-1' },
      id: 'wspool-trn02fghi',
    });
    assert.ok(panel);
    panel.panel.reveal(undefined, false);
    const file = join(dir, 'cover.txt');
    writeFileSync(file, 'covers the panel\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, {
      viewColumn: panel.panel.viewColumn ?? vscode.ViewColumn.Active,
      preview: false,
    });
    await waitFor('the panel to be hidden behind the editor', () => !panel.panel.visible, 10_000);
    const again = nextRender(panel, (x) => x.id === 'wspool-trn02fghi' && x.cards === 2, { fresh: true });
    panel.panel.reveal(undefined, false);
    const r = await again;
    assert.equal(r.state, 'STOPPED');
    const tab = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === file);
    if (tab) await vscode.window.tabGroups.close(tab);
  });

  it('restores a panel through the serializer and reloads it through the loader', async () => {
    const webviewPanel = vscode.window.createWebviewPanel(VIEW_TYPE, 'restoring', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    const state = {
      version: 1,
      kind: 'image',
      scope: { profile, region: 'eu-west-1' },
      id: 'wsi-euw10old01',
      name: 'eu-win10-legacy',
    };
    await errorDetailsSerializer(extensionUri, loader).deserializeWebviewPanel(webviewPanel, state);
    const panel = ErrorDetailsPanel.find({ kind: 'image', scope: state.scope, id: state.id });
    assert.ok(panel, 'the serializer registered the restored panel');
    const r = await nextRender(panel, (x) => x.cards === 3);
    assert.deepEqual(r.codes, ['DomainJoined', 'FirewallEnabled', 'VMWareToolsInstalled']);
    assert.equal(panel.panel.title, 'eu-win10-legacy');
    panel.dispose();
    assert.equal(ErrorDetailsPanel.find({ kind: 'image', scope: state.scope, id: state.id }), undefined);
  });

  it('restores panels saved under the former view type (workspacesFleet.imageErrors) too', async () => {
    assert.equal(VIEW_TYPE, 'workspacesFleet.errorDetails');
    assert.deepEqual(FORMER_VIEW_TYPES, ['workspacesFleet.imageErrors']);
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const noop: vscode.WebviewPanelSerializer = { deserializeWebviewPanel: () => Promise.resolve() };
    for (const viewType of [VIEW_TYPE, ...FORMER_VIEW_TYPES]) {
      // VS Code takes one serializer per view type: the extension's is there when a second is refused.
      let second: vscode.Disposable | undefined;
      assert.throws(() => {
        second = vscode.window.registerWebviewPanelSerializer(viewType, noop);
      }, /already registered/);
      second?.dispose();
    }
    const webviewPanel = vscode.window.createWebviewPanel(FORMER_VIEW_TYPES[0], 'old', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    const state = { version: 1, kind: 'pool', scope: { profile, region: 'eu-west-1' }, id: 'wspool-trn02fghi' };
    ErrorDetailsPanel.find({ kind: 'pool', scope: state.scope, id: state.id })?.dispose();
    await errorDetailsSerializer(extensionUri, loader).deserializeWebviewPanel(webviewPanel, state);
    const panel = ErrorDetailsPanel.find({ kind: 'pool', scope: state.scope, id: state.id });
    assert.ok(panel, 'restored');
    assert.equal(panel.panel.viewType, FORMER_VIEW_TYPES[0]);
    const r = await nextRender(panel, (x) => x.id === state.id && x.cards === 2);
    assert.deepEqual(r.codes, ['IAM_SERVICE_ROLE_IS_MISSING', 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES']);
    panel.dispose();
  });

  it('log lines say which panel: Image errors, Pool errors, WorkSpace problem, Directory problem', async () => {
    const lines: string[] = [];
    const line = (level: string) => (text: string) => void lines.push(`${level} ${text}`);
    const log = {
      info: line('info'),
      warn: line('warn'),
      error: line('error'),
      debug: line('debug'),
      trace: line('trace'),
    } as unknown as vscode.LogOutputChannel;
    const expected = [
      ['image', 'wsi-gone00001', 'Image errors'],
      ['pool', 'wspool-gone00001', 'Pool errors'],
      ['workspace', 'ws-gone000001', 'WorkSpace problem'],
      ['directory', 'd-00000000ff', 'Directory problem'],
    ] as const;
    for (const [kind, id, label] of expected) {
      // An id the emulator does not have: the reload through the real AWS layer fails.
      const panel = ErrorDetailsPanel.show(extensionUri, stubTarget(kind, usEast(), id), loader, log);
      await nextRender(panel, (x) => x.id === id);
      await panel.receive({ type: 'refresh' });
      const failed = lines.find((l) => l.startsWith('error ') && l.includes(`could not reload ${kind} ${id}`));
      assert.ok(failed, `a log line for ${kind}: ${lines.join(' | ')}`);
      assert.ok(failed.startsWith(`error ${label}: `), failed);
      panel.dispose();
    }
    const target = await loader.reload(stubTarget('pool', { profile, region: 'eu-west-1' }, 'wspool-trn02fghi'));
    const pool = ErrorDetailsPanel.show(extensionUri, target, loader, log);
    await nextRender(pool, (x) => x.id === 'wspool-trn02fghi');
    await pool.receive({ type: 'refresh' });
    assert.ok(lines.includes('info Pool errors: reloaded pool wspool-trn02fghi (eu-west-1)'), lines.join(' | '));
    pool.dispose();
  });

  it('closes a restored panel whose state is not one of ours', async () => {
    const webviewPanel = vscode.window.createWebviewPanel(VIEW_TYPE, 'junk', vscode.ViewColumn.Active, {});
    let disposed = false;
    webviewPanel.onDidDispose(() => (disposed = true));
    await errorDetailsSerializer(extensionUri, loader).deserializeWebviewPanel(webviewPanel, { version: 9 });
    assert.equal(disposed, true);
  });
});
