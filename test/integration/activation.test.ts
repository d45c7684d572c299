import * as assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';

const EXTENSION_ID = 'wsfleet.workspaces-fleet';
const ROOT = join(__dirname, '..', '..', '..');

interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('activation and wiring', () => {
  const awsBundleLoaded = (): boolean => Object.keys(require.cache).some((k) => k.endsWith(join('dist', 'aws.js')));

  it('activates in the real extension host without loading the AWS SDK', async () => {
    const ext = vscode.extensions.getExtension<TestingApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const api = await ext.activate();
    assert.equal(ext.isActive, true);
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.equal(api.isAwsLoaded(), false, 'the AWS layer is not requested at activation');
    assert.equal(awsBundleLoaded(), false, 'dist/aws.js (the SDK) is not in the module cache');
    // Measured here, in the real extension host, for the benchmark (which reads this file).
    if (process.env.WSF_METRICS_FILE) {
      writeFileSync(
        process.env.WSF_METRICS_FILE,
        JSON.stringify({
          vscodeVersion: vscode.version,
          node: process.version,
          activationMs: api.activationMs,
          awsLoadedAtActivation: api.isAwsLoaded() || awsBundleLoaded(),
          extensionBundleBytes: statSync(join(ROOT, 'dist', 'extension.js')).size,
          awsBundleBytes: statSync(join(ROOT, 'dist', 'aws.js')).size,
        }),
      );
    }
  });

  it('registers every contributed command, and contributes every registered one', async () => {
    // VS Code itself registers `<viewId>.focus`, `.open`, ... for every view: not ours to contribute.
    const viewCommand = /^workspacesFleet\.explorer\.(open|focus|resetViewLocation|toggleVisibility|removeView)$/;
    const registered = new Set(
      (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('workspacesFleet.') && !viewCommand.test(c)),
    );
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const unregistered = [...contributed].filter((c) => !registered.has(c));
    const uncontributed = [...registered].filter((c) => !contributed.has(c));
    assert.deepEqual(unregistered, [], 'contributed but not registered');
    assert.deepEqual(uncontributed, [], 'registered but not contributed');
  });

  it('contributes the WorkSpaces view container and the explorer view', async () => {
    assert.ok(manifest.contributes.viewsContainers.activitybar.some((c) => c.id === 'workspacesFleet'));
    assert.ok(manifest.contributes.views.workspacesFleet.some((v) => v.id === 'workspacesFleet.explorer'));
    // Focusing the view proves the workbench knows it (the command exists only for a real view).
    await vscode.commands.executeCommand('workspacesFleet.explorer.focus');
  });

  it('loads the AWS layer once the view needs data', async () => {
    const api = await vscode.extensions.getExtension<TestingApi>(EXTENSION_ID)?.activate();
    assert.ok(api);
    await api.services.fleet.loadProfiles();
    assert.equal(api.isAwsLoaded(), true);
    assert.equal(awsBundleLoaded(), true);
  });
});
