// The weekly work of a WorkSpaces admin (issue 16) in the real extension host, against the emulator
// over real HTTP (the real AWS layer and SDK): export, connect, compute type, volumes, migration,
// snapshots in the confirmations, the Bundles section and the error details of WorkSpaces and
// directories. Dialogs are answered by the UI double of ./ui.ts; the save dialog and the operating
// system's link handler (openExternal) are answered by this test, as a person's file choice and the
// installed WorkSpaces client would. The emulator's counters prove what was (not) sent.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workspace } from '@aws-sdk/client-workspaces';
import Papa from 'papaparse';
import * as vscode from 'vscode';
import type { ExportResult } from '../../src/commands/inspect/exportWorkspaces';
import type { TestingApi } from '../../src/extension';
import type { ScopeModel } from '../../src/fleet/scopeModel';
import type { DirectoryNode, Node, WorkspaceNode } from '../../src/tree/nodes';
import type { ErrorDetailsPanel, RenderedErrorDetails } from '../../src/webview/errorDetails/panel';
import { allNodes, labelOf, scopeNode } from '../support/hostWatch';
import { waitFor, type Fixture } from './fixture';
import { commandSession } from './session';
import { escape, pick, press, type, type Ui } from './ui';

const PROD = { profile: 'sandbox-prod', region: 'us-east-1' };
const DEV = { profile: 'sandbox-dev', region: 'us-west-2' };
const CORP = 'd-9067a1b2c3';
const HOSTILE = '=HYPERLINK("http://evil.example","click")';

/** The Bundles section of a scope (rows are the bundled extension's classes: matched by id, not class). */
const isBundles = (n: Node): boolean => n.kind === 'bundles' && n.id.endsWith(':bundles');

describe('admin commands (real extension host, emulator)', function () {
  this.timeout(60_000);
  let fx: Fixture;
  let api: TestingApi;
  let ui: Ui;
  let seq = 0;
  const dir = mkdtempSync(join(tmpdir(), 'wsf-export-'));

  const model = (scope = PROD): ScopeModel => {
    const m = api.services.fleet.scopeModel(scope);
    assert.ok(m, `${scope.profile} ${scope.region} is in the fleet`);
    return m;
  };
  const world = (scope = PROD) => fx.emulator.world(fx.emulator.account(scope.profile).accountId, scope.region);
  const sent = (op: string): number => fx.emulator.counts().byOp[op] ?? 0;
  const run = (command: string, ...args: unknown[]): Thenable<unknown> =>
    vscode.commands.executeCommand(`workspacesFleet.${command}`, ...args);
  const row = (id: string): WorkspaceNode => {
    const n = allNodes(api).find(
      (x): x is WorkspaceNode => x.kind === 'workspace' && (x as WorkspaceNode).workspaceId === id,
    );
    assert.ok(n, `a tree row for ${id}`);
    return n;
  };

  /** A fresh WorkSpace of its own (old enough for every window and snapshot), listed in the tree. */
  async function seed(data: Partial<Workspace>): Promise<string> {
    const id = world().addWorkspace({
      DirectoryId: CORP,
      UserName: `admin${++seq}`,
      BundleId: 'wsb-fin0win11',
      ...data,
    }).data.WorkspaceId;
    await model().load('workspaces');
    return id;
  }

  /** Answers the save dialog with a file of the temp folder; the result is the file's path. */
  function saveAs(name: string): { restore(): void; path: string } {
    const w = vscode.window as unknown as Record<string, unknown>;
    const original = w.showSaveDialog;
    const path = join(dir, name);
    w.showSaveDialog = () => Promise.resolve(vscode.Uri.file(path));
    return { path, restore: () => (w.showSaveDialog = original) };
  }

  commandSession(
    (s) => {
      ({ fx, api, ui } = s);
    },
    { reset: (s) => s.api.services.provider.setOptions({ filter: '' }) },
  );

  describe('Export WorkSpaces', () => {
    it('exports a directory under the filter as CSV: tags read first, formula cells neutralised, bundle names', async () => {
      world().tags.set('ws-b2d4f6h8j', [{ Key: 'Note', Value: HOSTILE }]);
      const m = model();
      for (const w of m.workspaces.items.values()) if (w.DirectoryId === CORP) delete w.tags;
      api.services.provider.setOptions({ filter: 'state:stopped' });
      const stopped = [...m.workspaces.items.values()].filter((w) => w.DirectoryId === CORP && w.State === 'STOPPED');
      assert.ok(stopped.length >= 2, 'stopped WorkSpaces in example-corp');
      const corp = allNodes(api).find(
        (n): n is DirectoryNode => n.kind === 'directory' && (n as DirectoryNode).directory.DirectoryId === CORP,
      );
      assert.ok(corp, 'the example-corp directory row');
      const file = saveAs('corp.csv');
      try {
        ui.answer(pick('CSV'), press('Read Tags'));
        const result = (await run('exportWorkspaces', corp)) as ExportResult;
        assert.equal(result.rows, stopped.length, 'only what the filter shows');
        assert.equal(sent('DescribeTags'), stopped.length, 'one DescribeTags per WorkSpace without tags');
        assert.ok(sent('DescribeWorkspaceBundles') >= 1, 'bundle names read by id');
        assert.match(ui.modals[0].message, new RegExp(`tags of ${stopped.length} WorkSpaces are not loaded`));
        const text = readFileSync(file.path, 'utf8');
        assert.ok(text.startsWith('\ufeff'), 'a BOM for spreadsheets');
        const [head, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
        assert.equal(rows.length, stopped.length);
        const bob = rows.find((r) => r[head.indexOf('WorkSpace ID')] === 'ws-b2d4f6h8j');
        assert.ok(bob, 'bob.martin is exported');
        assert.equal(bob[head.indexOf('tag:Note')], `'${HOSTILE}`, 'a formula is neutralised');
        assert.equal(bob[head.indexOf('Bundle')], 'Finance Windows 11');
        assert.equal(bob[head.indexOf('Directory')], 'example-corp');
        assert.equal(bob[head.indexOf('Account')], '111111111111');
        assert.match(ui.toasts.at(-1)?.message ?? '', /^Exported \d+ WorkSpaces to corp\.csv\.$/);
      } finally {
        file.restore();
      }
    });

    it('exports a region as JSON without reading tags when the person says so', async () => {
      const m = model(DEV);
      for (const w of m.workspaces.items.values()) delete w.tags;
      const region = scopeNode(api, DEV.profile, DEV.region);
      assert.ok(region);
      const file = saveAs('dev.json');
      try {
        ui.answer(pick('JSON'), press('Export Without Tags'));
        const result = (await run('exportWorkspaces', region)) as ExportResult;
        assert.equal(sent('DescribeTags'), 0, 'no tag read');
        assert.equal(result.rows, m.workspaces.items.size);
        const json = JSON.parse(readFileSync(file.path, 'utf8')) as Array<Record<string, unknown>>;
        assert.equal(json.length, m.workspaces.items.size);
        assert.ok(json.every((o) => o.Tags === null && o.Region === DEV.region));
      } finally {
        file.restore();
      }
    });
  });

  describe('Connect', () => {
    it('copies workspaces://USER@REGCODE with the registration code of the directory', async () => {
      const code = model().directories.items.get(CORP)?.RegistrationCode;
      assert.ok(code);
      const link = await run('copyConnectionLink', row('ws-a1c3e5g7i'), [row('ws-a1c3e5g7i')]);
      assert.equal(link, `workspaces://alice.nguyen@${code}`);
      assert.equal(await vscode.env.clipboard.readText(), link);
    });

    it('opens the link in the WorkSpaces client as the string it is', async () => {
      const env = vscode.env as unknown as Record<string, unknown>;
      const original = env.openExternal;
      const opened: unknown[] = [];
      env.openExternal = (target: unknown) => {
        opened.push(target);
        return Promise.resolve(true);
      };
      try {
        const link = await run('openInClient', row('ws-a1c3e5g7i'));
        assert.deepEqual(opened, [link]);
        assert.match(String(link), /^workspaces:\/\/alice\.nguyen@SLiad\+[A-Z]{6}$/);
      } finally {
        env.openExternal = original;
      }
    });
  });

  describe('Change compute type and resize volumes', () => {
    it('offers the family only, states the rules, sends once, shows and follows the running change', async () => {
      const id = await seed({
        WorkspaceProperties: { ComputeTypeName: 'STANDARD', RootVolumeSizeGib: 80, UserVolumeSizeGib: 50 },
      });
      ui.answer(pick('Performance'), press('Change'));
      await run('changeComputeType', row(id), [row(id)]);
      const choices = ui.asked.find((q) => q.kind === 'quickPick')?.items?.map((i) => i.label);
      assert.deepEqual(choices, [
        'Value',
        'Performance',
        'Power',
        'PowerPro',
        'GeneralPurpose.4xlarge',
        'GeneralPurpose.8xlarge',
      ]);
      assert.match(ui.modals[0].detail ?? '', /A larger type once every 6 hours/);
      assert.match(ui.modals[0].detail ?? '', /New compute type: Performance/);
      assert.equal(fx.emulator.actionCount(id, 'ModifyWorkspaceProperties'), 1);
      assert.match(
        String(api.services.provider.getTreeItem(row(id)).description),
        /compute type change starting|changing compute type/,
      );
      await waitFor('the change to finish and polling to see it', () => {
        const w = model().workspaces.items.get(id);
        return w?.WorkspaceProperties?.ComputeTypeName === 'PERFORMANCE' && !w.ModificationStates?.length;
      });
      // The 6-hour window of a larger type, known since this extension made the change.
      ui.answer(escape);
      await run('changeComputeType', row(id), [row(id)]);
      const power = ui.asked.at(-1)?.items?.find((i) => i.label === 'Power');
      assert.match(power?.detail ?? '', /try again in 6 h/);
    });

    it('refuses a fixed graphics type without asking AWS', async () => {
      const id = await seed({ WorkspaceProperties: { ComputeTypeName: 'GRAPHICSPRO' } });
      await run('changeComputeType', row(id), [row(id)]);
      assert.match(ui.toasts[0].message, /GraphicsPro: its compute type cannot be changed/);
      assert.equal(sent('ModifyWorkspaceProperties'), 0);
    });

    it('grows one volume to an allowed size, says a reboot completes it; a typed bad size sends nothing', async () => {
      const id = await seed({
        WorkspaceProperties: { ComputeTypeName: 'STANDARD', RootVolumeSizeGib: 80, UserVolumeSizeGib: 50 },
      });
      ui.answer(pick('Root volume'), pick('$(edit) Other size…'), type('120'));
      await run('resizeVolumes', row(id), [row(id)]);
      assert.match(ui.validations[0], /not an allowed pair|cannot grow/i);
      assert.equal(sent('ModifyWorkspaceProperties'), 0);
      ui.answer(pick('User volume'), pick('100 GB'), press('Resize'));
      await run('resizeVolumes', row(id), [row(id)]);
      const volumes = ui.asked
        .filter((q) => q.kind === 'quickPick')
        .at(-1)
        ?.items?.map((i) => i.label);
      assert.deepEqual(volumes, ['100 GB', '$(edit) Other size…'], 'only the allowed pair [80, 100]');
      assert.match(ui.modals.at(-1)?.detail ?? '', /one volume at a time/i);
      assert.equal(fx.emulator.actionCount(id, 'ModifyWorkspaceProperties'), 1);
      assert.match(ui.toasts.at(-1)?.message ?? '', /reboot when the change is done/);
      await waitFor(
        'the new user volume',
        () => model().workspaces.items.get(id)?.WorkspaceProperties?.UserVolumeSizeGib === 100,
      );
    });
  });

  describe('Migrate and snapshots', () => {
    it('migrates to a picked bundle after the typed id: says what happens to the profile folder, shows the new WorkSpace', async () => {
      const id = await seed({
        WorkspaceProperties: { ComputeTypeName: 'STANDARD', OperatingSystemName: 'WINDOWS_10' },
      });
      ui.answer(pick('Standard with Windows 11'), press('Migrate…'), type(id));
      await run('migrateWorkspaces', row(id), [row(id)]);
      const bundles = ui.asked.find((q) => q.kind === 'quickPick')?.items?.map((i) => i.label) ?? [];
      assert.ok(!bundles.includes('Finance Windows 11'), 'not the bundle it uses');
      assert.ok(!bundles.includes('Marketing Windows 11'), 'not a bundle whose image is still pending');
      const detail = ui.modals[0].detail ?? '';
      assert.match(detail, /NotMigrated/);
      assert.match(detail, /the user volume comes back from the snapshot of \d{4}-/);
      assert.equal(fx.emulator.actionCount(id, 'MigrateWorkspace'), 1);
      const target = [...model().workspaces.items.values()].find(
        (w) => w.UserName === `admin${seq}` && w.WorkspaceId !== id,
      );
      assert.equal(target?.State, 'PENDING', 'the new WorkSpace shows at once');
    });

    it('Restore says plainly when there is no snapshot to restore from', async () => {
      const victor = allNodes(api).find(
        (n): n is WorkspaceNode => n.kind === 'workspace' && (n as WorkspaceNode).workspaceId === 'ws-dv5e6f7g8',
      );
      assert.ok(victor);
      ui.answer(escape);
      await run('restoreWorkspaces', victor, [victor]);
      assert.match(ui.modals[0].detail ?? '', /has NO restore snapshot — AWS will refuse to restore it/);
      assert.equal(sent('DescribeWorkspaceSnapshots'), 1);
      assert.equal(sent('RestoreWorkspace'), 0);
    });
  });

  describe('Bundles', () => {
    it("lists the account's bundles, Amazon's only when expanded, and names a WorkSpace's bundle in its tooltip", async () => {
      // sandbox-dev us-west-2: no command has listed its bundles yet.
      const scope = scopeNode(api, DEV.profile, DEV.region);
      assert.ok(scope);
      const section = api.services.provider.getChildren(scope).find(isBundles);
      assert.ok(section, 'a Bundles section');
      assert.equal(labelOf(api, api.services.provider.getChildren(section)[0]), 'Loading…');
      await waitFor('own bundles', () => api.services.provider.getChildren(section).some((n) => n.kind === 'bundle'));
      const own = api.services.provider.getChildren(section).filter((n) => n.kind === 'bundle');
      assert.deepEqual(
        own.map((n) => labelOf(api, n)),
        ['Dev Ubuntu 22.04'],
      );
      assert.match(String(api.services.provider.getTreeItem(own[0]).description), /Power · root 80 GB · user 50 GB/);
      const amazonCalls = (): number =>
        fx.emulator.requests().filter((r) => r.op === 'DescribeWorkspaceBundles' && r.params.Owner === 'AMAZON').length;
      assert.equal(amazonCalls(), 0, "Amazon's bundles are not read until asked");
      const amazon = api.services.provider.getChildren(section).find((n) => n.id.endsWith('/amazon'));
      assert.ok(amazon);
      api.services.provider.getChildren(amazon);
      await waitFor('Amazon bundles', () => api.services.provider.getChildren(amazon).length > 10);
      assert.ok(amazonCalls() >= 1);

      const alice = row('ws-a1c3e5g7i');
      const item = await api.services.provider.resolveTreeItem(
        api.services.provider.getTreeItem(alice),
        alice,
        new vscode.CancellationTokenSource().token,
      );
      assert.match((item.tooltip as vscode.MarkdownString).value, /Finance Windows 11/);
    });

    it('Create WorkSpaces from a bundle row skips the bundle question', async () => {
      const section = api.services.provider
        .getChildren(scopeNode(api, PROD.profile, PROD.region))
        .find(isBundles) as Node;
      const finance = api.services.provider.getChildren(section).find((n) => labelOf(api, n) === 'Finance Windows 11');
      assert.ok(finance);
      ui.answer(escape);
      await run('createWorkspacesFromBundle', finance);
      assert.match(ui.asked[0].message, /directory/, 'the first question is the directory');
      assert.equal(sent('DescribeWorkspaceBundles'), 0, 'the bundle is known');
    });
  });

  describe('Error details of WorkSpaces and directories', () => {
    const rendered = (panel: ErrorDetailsPanel | undefined, match: (r: RenderedErrorDetails) => boolean) =>
      waitFor('the panel to render', () => panel?.lastRendered !== undefined && match(panel.lastRendered));

    it('explains a WorkSpace in ERROR in the same panel as image errors', async () => {
      const panel = (await run('showWorkspaceErrors', row('ws-d4f6h8j0l'))) as ErrorDetailsPanel | undefined;
      await rendered(panel, (r) => r.cards === 1 && r.state === 'ERROR');
      assert.ok(panel);
      assert.equal(panel.current.kind, 'workspace');
      assert.match(panel.lastRendered?.errorMessage ?? '', /root volume snapshot is unavailable/);
      assert.equal(panel.lastRendered?.foreignElements, 0);
      const fields = Object.fromEntries(panel.currentView.fields.map((f) => [f.key, f.value]));
      assert.equal(fields.directory, `example-corp (${CORP})`);
      panel.dispose();
    });

    it('explains a directory in ERROR; the palette lists only what has something to explain', async () => {
      ui.answer(pick(PROD.profile), pick(PROD.region), pick('example-legacy'));
      const panel = (await run('showDirectoryErrors')) as ErrorDetailsPanel | undefined;
      const listed = ui.asked.at(-1)?.items?.map((i) => i.label);
      assert.deepEqual(listed, ['example-legacy']);
      await rendered(panel, (r) => r.cards === 1);
      assert.match(panel?.lastRendered?.errorMessage ?? '', /password has expired/);
      panel?.dispose();
    });
  });
});
