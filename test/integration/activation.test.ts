import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

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
  it('activates in the real extension host', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    assert.match(vscode.version, /^1\.\d+\.\d+/);
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
});
