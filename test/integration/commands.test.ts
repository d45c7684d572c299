// The lifecycle commands in the real extension host, against the emulator over real HTTP (the real
// AWS layer and SDK): from the context menu (real nodes of the provider, clicked row + selection)
// and from the palette (no arguments: pickers). The dialogs are answered by the UI double of
// ./ui.ts (it answers like a user and records what was asked). The emulator's counters prove what
// was (not) sent.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Workspace } from '@aws-sdk/client-workspaces';
import type { TestingApi } from '../../src/extension';
import type { ScopeModel } from '../../src/fleet/scopeModel';
import type { PoolNode, WorkspaceNode } from '../../src/tree/nodes';
import { fleetLoaded, setSetting, waitFor, type Fixture } from './fixture';
import { commandSession } from './session';
import { allNodes } from '../support/hostWatch';
import { escape, pick, pickWhere, press, type, type Ui, type Responder } from './ui';

const ROOT = join(__dirname, '..', '..', '..');
const PROD = { profile: 'sandbox-prod', region: 'us-east-1' };
const LAB = 'd-9067d4e5f6';
const CORP = 'd-9067a1b2c3';

/** Create WorkSpaces from the palette: profile, region, then the example-corp directory. */
const toCorp = (): Responder[] => [
  pick(PROD.profile),
  pick(PROD.region),
  pickWhere((i) => (i.dir as { DirectoryId?: string } | undefined)?.DirectoryId === CORP),
];

// ---- the tree ------------------------------------------------------------------------------------

function wsNodes(api: TestingApi, ids: readonly string[]): WorkspaceNode[] {
  const nodes = allNodes(api);
  return ids.map((id) => {
    const n = nodes.find((x): x is WorkspaceNode => x.kind === 'workspace' && (x as WorkspaceNode).workspaceId === id);
    if (!n) throw new Error(`no tree row for ${id}`);
    return n;
  });
}

function poolNode(api: TestingApi, id: string): PoolNode {
  const n = allNodes(api).find((x): x is PoolNode => x.kind === 'pool' && (x as PoolNode).pool.PoolId === id);
  if (!n) throw new Error(`no tree row for pool ${id}`);
  return n;
}

// ---- the suite -----------------------------------------------------------------------------------

describe('lifecycle commands (real extension host, emulator)', function () {
  this.timeout(60_000);
  let fx: Fixture;
  let api: TestingApi;
  let ui: Ui;
  let seq = 0;

  const prod = (): ScopeModel => {
    const m = api.services.fleet.scopeModel(PROD);
    assert.ok(m, 'sandbox-prod us-east-1 is in the fleet');
    return m;
  };
  const world = () => fx.emulator.world(PROD.profile, PROD.region);
  const state = (id: string): string | undefined => prod().workspaces.items.get(id)?.State;
  const sent = (op: string): number => fx.emulator.counts().byOp[op] ?? 0;
  const run = (command: string, ...args: unknown[]): Thenable<unknown> =>
    vscode.commands.executeCommand(`workspacesFleet.${command}`, ...args);

  /** Adds WorkSpaces of fresh users to the emulator and reloads the section, so each test owns its rows. */
  async function seed(n: number, data: Partial<Workspace> = {}, directoryId = LAB): Promise<string[]> {
    const tag = `t${++seq}`;
    const ids = Array.from(
      { length: n },
      (_, i) =>
        world().addWorkspace({
          DirectoryId: directoryId,
          UserName: `${tag}-user${String(i).padStart(2, '0')}`,
          BundleId: 'wsb-eng0linux',
          ...data,
        }).data.WorkspaceId,
    );
    await prod().load('workspaces');
    return ids;
  }

  commandSession(
    (s) => {
      ({ fx, api, ui } = s);
    },
    { cleanup: () => setSetting('confirmStopReboot', undefined) },
  );

  describe('package.json', () => {
    interface Manifest {
      contributes: {
        commands: Array<{ command: string; category?: string }>;
        menus: Record<string, Array<{ command: string; when?: string }>>;
        configuration: {
          properties: Record<
            string,
            { default?: unknown; markdownDescription?: string; scope?: string; minimum?: number; anyOf?: unknown[] }
          >;
        };
      };
    }
    const manifest = (): Manifest => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
    // Reached by clicking a row (TreeItem.command), not through a menu.
    const ROW_CLICK = new Set(['workspacesFleet.loadMore']);

    it('every contributed command is reachable from a menu or the palette; every menu entry is contributed', () => {
      const m = manifest().contributes;
      const hidden = new Set(m.menus.commandPalette.filter((e) => e.when === 'false').map((e) => e.command));
      const inMenus = new Set(
        Object.entries(m.menus)
          .filter(([k]) => k !== 'commandPalette')
          .flatMap(([, es]) => es.map((e) => e.command)),
      );
      const unreachable = m.commands
        .map((c) => c.command)
        .filter((c) => hidden.has(c) && !inMenus.has(c) && !ROW_CLICK.has(c));
      assert.deepEqual(unreachable, [], 'hidden from the palette and in no menu');
      const contributed = new Set(m.commands.map((c) => c.command));
      const dead = Object.values(m.menus)
        .flat()
        .map((e) => e.command)
        .filter((c) => !contributed.has(c));
      assert.deepEqual(dead, [], 'menu entries of commands that are not contributed');
      for (const e of m.menus['view/item/context']) {
        assert.match(e.when ?? '', /^view == workspacesFleet\.explorer && /, `${e.command} names the view`);
      }
    });

    it('every command is in the "WorkSpaces Fleet" category (not next to VS Code\'s own "Workspaces:" ones)', () => {
      const m = manifest().contributes;
      const others = m.commands.filter((c) => c.category !== 'WorkSpaces Fleet').map((c) => c.command);
      assert.deepEqual(others, []);
    });

    it('contributes workspacesFleet.confirmStopReboot (default true) with a description', () => {
      const p = manifest().contributes.configuration.properties['workspacesFleet.confirmStopReboot'];
      assert.equal(p?.default, true);
      assert.match(p?.markdownDescription ?? '', /Stop/);
      assert.equal(vscode.workspace.getConfiguration('workspacesFleet').get('confirmStopReboot'), true);
    });

    it('the settings a cloned repository must not set are application-scoped (user settings only); autoRefreshMinutes is 0 or ≥ 5', () => {
      const props = manifest().contributes.configuration.properties;
      const scopes = Object.fromEntries(
        Object.entries(props).map(([k, p]) => [k.replace('workspacesFleet.', ''), p.scope]),
      );
      assert.deepEqual(scopes, {
        // Which profiles, regions and credentials of the person's own AWS files a folder shows: fine
        // per project (the SDK refuses a region that is not a host name; endpoints come from ~/.aws only).
        profiles: 'window',
        regions: 'window',
        includeEnvironmentCredentials: 'window',
        groupBy: 'window',
        idleDays: 'window',
        // Bounded in code (2–300 s, 5–300 s): a folder cannot make a busy loop of them.
        pollingIntervalSeconds: 'window',
        requestTimeoutSeconds: 'window',
        // A confirmation, the account's quota, the machine-wide cache, and what Apply Recommendation
        // changes: the person's own choice only.
        autoRefreshMinutes: 'application',
        confirmStopReboot: 'application',
        cacheFleetData: 'application',
        // Shared by every window (one listing per scope): a folder must not make them all re-list.
        freshnessMinutes: 'application',
        // Which accounts of the organisation list (each costs their quota) and with which role.
        'identityCenter.accounts': 'application',
        'identityCenter.defaultRole': 'application',
        'identityCenter.hideEmptyAccounts': 'window',
        'cost.thresholds': 'application',
        'cost.skipTag': 'application',
        'cost.alwaysOnSessionEndHours': 'application',
        'cost.unusedMonths': 'window',
      });
      const auto = props['workspacesFleet.autoRefreshMinutes'];
      assert.equal(auto.default, 0);
      assert.deepEqual(auto.anyOf, [
        { enum: [0] },
        { minimum: 5, maximum: 1440, errorMessage: '0 (off), or 5 to 1440 minutes' },
      ]);
    });
  });

  describe("a folder's .vscode/settings.json (a cloned repository)", () => {
    const folder = (): string => {
      const f = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(f, 'the tests run in a folder');
      return f;
    };
    const inspect = <T>(key: string) => vscode.workspace.getConfiguration('workspacesFleet').inspect<T>(key);

    after(async () => {
      rmSync(join(folder(), '.vscode'), { recursive: true, force: true });
      await waitFor('the folder settings to be gone', () => inspect('idleDays')?.workspaceValue === undefined);
    });

    it('cannot turn off the Stop confirmation nor make a 60 ms auto-refresh loop', async () => {
      mkdirSync(join(folder(), '.vscode'), { recursive: true });
      writeFileSync(
        join(folder(), '.vscode', 'settings.json'),
        JSON.stringify({
          'workspacesFleet.confirmStopReboot': false,
          'workspacesFleet.autoRefreshMinutes': 0.001,
          // A window setting with the default value: proves the file was read.
          'workspacesFleet.idleDays': 30,
        }),
      );
      await waitFor('the folder settings to be read', () => inspect('idleDays')?.workspaceValue === 30);
      assert.equal(inspect('confirmStopReboot')?.workspaceValue, undefined, "VS Code ignores the folder's value");
      assert.equal(inspect('confirmStopReboot')?.workspaceFolderValue, undefined);
      assert.equal(vscode.workspace.getConfiguration('workspacesFleet').get('confirmStopReboot'), true);
      assert.equal(inspect('autoRefreshMinutes')?.workspaceValue, undefined);
      assert.equal(vscode.workspace.getConfiguration('workspacesFleet').get('autoRefreshMinutes'), 0);

      const [a] = await seed(1);
      const [node] = wsNodes(api, [a]);
      ui.answer(press('Stop'));
      await run('stopWorkspaces', node, [node]);
      assert.equal(ui.modals.length, 1, 'Stop still asks');
      assert.equal(fx.emulator.actionCount(a, 'StopWorkspaces'), 1);
    });
  });

  describe('from the context menu', () => {
    it('Start: a stopped WorkSpace shows STARTING at once, is started with one call, and settles AVAILABLE', async () => {
      const [id] = await seed(1, { State: 'STOPPED' });
      const [node] = wsNodes(api, [id]);
      await run('startWorkspaces', node, [node]);
      assert.equal(state(id), 'STARTING', 'the row moves at once');
      assert.equal(sent('StartWorkspaces'), 1);
      assert.equal(fx.emulator.actionCount(id, 'StartWorkspaces'), 1);
      assert.equal(ui.modals.length, 0, 'Start asks nothing when every row is eligible');
      assert.deepEqual(
        ui.toasts.map((t) => [t.kind, t.message, t.buttons]),
        [['info', `Starting t${seq}-user00 (${id}).`, ['Show details']]],
      );
      await waitFor('the poller to see AVAILABLE', () => state(id) === 'AVAILABLE');
    });

    it('bulk Stop of 30 (+2 ineligible): one confirmation naming the skipped with reasons, 2 calls of 25 + 5', async () => {
      const ids = await seed(30);
      const alwaysOn = (await seed(1, { WorkspaceProperties: { RunningMode: 'ALWAYS_ON' } }))[0];
      const stopped = (await seed(1, { State: 'STOPPED' }))[0];
      const nodes = wsNodes(api, [...ids, alwaysOn, stopped]);
      fx.emulator.resetCounts();
      ui.answer(press('Stop'));
      const result = (await run('stopWorkspaces', nodes[3], nodes)) as {
        outcomes: Array<{ ok: boolean }>;
        skipped: Array<{ id: string; reason: string }>;
      };
      const [confirm] = ui.modals;
      assert.equal(confirm.message, 'Stop 30 WorkSpaces?');
      assert.match(confirm.detail ?? '', /Connected users are disconnected/);
      assert.match(confirm.detail ?? '', /Skipped — 2 WorkSpaces cannot be stopped now:/);
      assert.match(
        confirm.detail ?? '',
        new RegExp(`${alwaysOn}\\) runs AlwaysOn \\(Stop applies to AutoStop or Manual WorkSpaces only\\)`),
      );
      assert.match(
        confirm.detail ?? '',
        new RegExp(`${stopped}\\) is STOPPED \\(Stop needs AVAILABLE, IMPAIRED, UNHEALTHY or ERROR\\)`),
      );
      assert.match(confirm.detail ?? '', /… and 20 more/);
      assert.equal(sent('StopWorkspaces'), 2, 'two calls');
      const sizes = fx.emulator
        .requests()
        .filter((r) => r.op === 'StopWorkspaces')
        .map((r) => (r.params.StopWorkspaceRequests as unknown[]).length)
        .sort((a, b) => a - b);
      assert.deepEqual(sizes, [5, 25]);
      assert.equal(fx.emulator.actionCount(alwaysOn), 0);
      assert.equal(fx.emulator.actionCount(stopped), 0);
      assert.equal(result.outcomes.filter((o) => o.ok).length, 30);
      assert.deepEqual(result.skipped.map((s) => s.id).sort(), [alwaysOn, stopped].sort());
      assert.ok(
        ids.every((id) => state(id) === 'STOPPING'),
        'all 30 rows show STOPPING at once',
      );
      assert.deepEqual(
        ui.toasts.map((t) => t.message),
        ['Stopping 30 WorkSpaces. 2 skipped (not eligible).'],
      );
    });

    it('a FailedRequests item is reported per WorkSpace: "Rebooting 1 of 2; 1 failed: ws-… code — message" + Show details', async () => {
      const [a, b] = await seed(2);
      const nodes = wsNodes(api, [a, b]);
      // The emulator stops b behind the extension's back: the model still thinks it is AVAILABLE.
      world().setState(b, 'STOPPED');
      ui.answer(press('Reboot'));
      await run('rebootWorkspaces', nodes[0], nodes);
      assert.equal(sent('RebootWorkspaces'), 1);
      assert.equal(fx.emulator.actionCount(a, 'RebootWorkspaces'), 1);
      const [toast] = ui.toasts;
      assert.equal(toast.kind, 'warning');
      assert.match(
        toast.message,
        new RegExp(
          `^Rebooting 1 of 2 WorkSpaces; 1 failed: ${b} InvalidResourceState\\.Stopped — The WorkSpace ${b} is in the state STOPPED`,
        ),
      );
      assert.deepEqual(toast.buttons, ['Show details']);
      assert.equal(state(a), 'REBOOTING');
      assert.equal(state(b), 'AVAILABLE', 'a refused WorkSpace is not shown as moving');
    });

    it('a call that fails as a whole marks each of its WorkSpaces failed (AccessDenied), all-failed is an error', async () => {
      const [a, b] = await seed(2);
      const nodes = wsNodes(api, [a, b]);
      fx.emulator.failNext('RebootWorkspaces', 'accessDenied');
      ui.answer(press('Reboot'));
      await run('rebootWorkspaces', nodes[1], nodes);
      const [toast] = ui.toasts;
      assert.equal(toast.kind, 'error');
      assert.match(
        toast.message,
        /^Rebooting 0 of 2 WorkSpaces; 2 failed: ws-\S+ AccessDeniedException — User: arn:aws:iam::111111111111:user\/emulator is not authorized/,
      );
      assert.equal(fx.emulator.actionCount(a), 0);
    });

    it('the multi-selection counts only when it contains the clicked row', async () => {
      const [a, b, c] = await seed(3, { State: 'STOPPED' });
      const [na, nb, nc] = wsNodes(api, [a, b, c]);
      await run('startWorkspaces', nc, [na, nb]);
      assert.equal(fx.emulator.actionCount(c, 'StartWorkspaces'), 1);
      assert.equal(
        fx.emulator.actionCount(a) + fx.emulator.actionCount(b),
        0,
        'right-click outside the selection acts on that row alone',
      );
    });

    it('none eligible: an information message says why, nothing is sent', async () => {
      const [a] = await seed(1);
      const [node] = wsNodes(api, [a]);
      await run('startWorkspaces', node, [node]);
      assert.equal(fx.emulator.counts().byOp.StartWorkspaces, undefined);
      assert.deepEqual(
        ui.toasts.map((t) => t.message),
        [`t${seq}-user00 (${a}) cannot be started: it is AVAILABLE (Start needs STOPPED).`],
      );
    });

    it('with workspacesFleet.confirmStopReboot off, Stop runs without asking', async () => {
      const [a] = await seed(1);
      const [node] = wsNodes(api, [a]);
      await setSetting('confirmStopReboot', false);
      try {
        await run('stopWorkspaces', node, [node]);
      } finally {
        await setSetting('confirmStopReboot', undefined);
      }
      assert.equal(ui.modals.length, 0);
      assert.equal(fx.emulator.actionCount(a, 'StopWorkspaces'), 1);
    });

    it('Stop cancelled at the confirmation sends nothing', async () => {
      const [a] = await seed(1);
      const [node] = wsNodes(api, [a]);
      ui.answer(escape);
      await run('stopWorkspaces', node, [node]);
      assert.equal(ui.modals.length, 1);
      assert.equal(sent('StopWorkspaces'), 0);
      assert.equal(state(a), 'AVAILABLE');
    });

    it('Terminate: refused on a wrong typed id, done on the right one', async () => {
      const [a] = await seed(1);
      const [node] = wsNodes(api, [a]);
      ui.answer(press('Terminate…'), type(a.slice(0, -1)));
      await run('terminateWorkspaces', node, [node]);
      const [modal] = ui.modals;
      assert.equal(modal.message, `Terminate t${seq}-user00 (${a})?`);
      assert.match(modal.detail ?? '', /permanently deletes the WorkSpace/);
      assert.deepEqual(ui.validations, [`That is not ${a}: type ${a} exactly to confirm, or press Escape to cancel.`]);
      assert.equal(sent('TerminateWorkspaces'), 0, 'a typo sends nothing');
      assert.equal(state(a), 'AVAILABLE');

      ui.answer(press('Terminate…'), type(a));
      await run('terminateWorkspaces', node, [node]);
      assert.equal(fx.emulator.actionCount(a, 'TerminateWorkspaces'), 1);
      assert.equal(state(a), 'TERMINATING');
      await waitFor(
        'the terminated WorkSpace to leave the tree',
        () =>
          !prod().workspaces.items.has(a) && api.services.provider.rowsOf(a).every((r) => !allNodes(api).includes(r)),
      );
    });

    it('Terminate of several asks for their count', async () => {
      const ids = await seed(3);
      const nodes = wsNodes(api, ids);
      ui.answer(press('Terminate…'), type('3'));
      await run('terminateWorkspaces', nodes[0], nodes);
      assert.equal(ui.modals[0].message, 'Terminate 3 WorkSpaces?');
      assert.match(ui.asked.find((q) => q.kind === 'input')?.message ?? '', /Type 3, the number of WorkSpaces/);
      assert.equal(sent('TerminateWorkspaces'), 1);
      assert.ok(ids.every((id) => fx.emulator.actionCount(id, 'TerminateWorkspaces') === 1));
    });

    it('Rebuild and Restore say what is lost and need the typed id; one call per WorkSpace', async () => {
      const [a] = await seed(1, { State: 'ERROR' });
      const [b] = await seed(1, { State: 'UNHEALTHY' });
      const [na, nb] = wsNodes(api, [a, b]);
      ui.answer(press('Rebuild…'), type(a));
      await run('rebuildWorkspaces', na, [na]);
      assert.match(ui.modals[0].detail ?? '', /re-creates the system volume/);
      assert.equal(fx.emulator.actionCount(a, 'RebuildWorkspaces'), 1);
      assert.equal(state(a), 'REBUILDING');
      ui.answer(press('Restore…'), type(b));
      await run('restoreWorkspaces', nb, [nb]);
      assert.match(ui.modals[1].detail ?? '', /back to their last snapshots/);
      assert.equal(fx.emulator.actionCount(b, 'RestoreWorkspace'), 1);
      assert.equal(state(b), 'RESTORING');
    });

    it('Enter and exit admin maintenance', async () => {
      const [a] = await seed(1);
      const [node] = wsNodes(api, [a]);
      await run('enterMaintenance', node, [node]);
      assert.equal(state(a), 'ADMIN_MAINTENANCE');
      assert.equal(world().getWorkspace(a)?.State, 'ADMIN_MAINTENANCE');
      const [again] = wsNodes(api, [a]);
      await run('exitMaintenance', again, [again]);
      assert.equal(world().getWorkspace(a)?.State, 'AVAILABLE');
      await waitFor('the model to read AVAILABLE', () => state(a) === 'AVAILABLE');
      assert.deepEqual(
        ui.toasts.map((t) => t.message),
        [`Admin maintenance on for t${seq}-user00 (${a}).`, `Admin maintenance off for t${seq}-user00 (${a}).`],
      );
    });

    it('Change running mode: AutoStop with a timeout in hours, AlwaysOn', async () => {
      const [a, b] = await seed(2);
      const [na, nb] = wsNodes(api, [a, b]);
      ui.answer(pick('AutoStop'), type('3'));
      await run('changeRunningMode', na, [na]);
      assert.equal(world().getWorkspace(a)?.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes, 180);
      ui.answer(pick('AlwaysOn'));
      await run('changeRunningMode', nb, [nb]);
      assert.equal(world().getWorkspace(b)?.WorkspaceProperties?.RunningMode, 'ALWAYS_ON');
      await waitFor(
        'the row to show AlwaysOn',
        () => prod().workspaces.items.get(b)?.WorkspaceProperties?.RunningMode === 'ALWAYS_ON',
      );
      assert.equal(sent('ModifyWorkspaceProperties'), 2);
    });

    it('Manage tags: list, add, edit, remove (re-read after each change)', async () => {
      const [a] = await seed(1);
      world().tags.set(a, [{ Key: 'Team', Value: 'Blue' }]);
      const [node] = wsNodes(api, [a]);
      ui.answer(
        pick(/Add a tag/),
        type('CostCenter'),
        type('CC-7'),
        pick('Team'),
        pick(/Edit value/),
        type('Green'),
        pick('CostCenter'),
        pick(/Remove tag/),
        (q) => {
          assert.deepEqual(
            q.items?.map((i) => [i.label, i.description]),
            [
              ['$(add) Add a tag…', undefined],
              ['Team', '= Green'],
            ],
          );
          return undefined;
        },
      );
      const tags = (await run('manageTags', node, [node])) as Record<string, Array<{ Key: string; Value: string }>>;
      assert.deepEqual(world().tags.get(a), [{ Key: 'Team', Value: 'Green' }]);
      assert.deepEqual(tags[a], [{ Key: 'Team', Value: 'Green' }]);
      assert.equal(sent('CreateTags'), 2);
      assert.equal(sent('DeleteTags'), 1);
      assert.deepEqual(
        prod().workspaces.items.get(a)?.tags,
        [{ Key: 'Team', Value: 'Green' }],
        'the row keeps the fresh tags',
      );
    });

    it('Manage tags on a multi-selection adds the tag to each', async () => {
      const ids = await seed(3);
      const nodes = wsNodes(api, ids);
      ui.answer(pick(/Add a tag/), type('Project'), type('atlas'), escape);
      await run('manageTags', nodes[0], nodes);
      for (const id of ids) assert.deepEqual(world().tags.get(id), [{ Key: 'Project', Value: 'atlas' }]);
      assert.equal(sent('CreateTags'), 3);
    });

    it('Copy ID, ARN (account from the directory role) and IP address of a selection', async () => {
      const [a, b] = await seed(2);
      const nodes = wsNodes(api, [a, b]);
      fx.emulator.resetCounts();
      const ip = (id: string): string => world().getWorkspace(id)?.IpAddress ?? '';
      assert.equal(await run('copyId', nodes[0], nodes), `${a}\n${b}`);
      assert.equal(await vscode.env.clipboard.readText(), `${a}\n${b}`);
      const account = fx.emulator.account(PROD.profile).accountId;
      const arns = `arn:aws:workspaces:us-east-1:${account}:workspace/${a}\narn:aws:workspaces:us-east-1:${account}:workspace/${b}`;
      assert.equal(await run('copyArn', nodes[0], nodes), arns);
      assert.equal(await vscode.env.clipboard.readText(), arns);
      assert.equal(await run('copyIp', nodes[1], [nodes[1]]), ip(b));
      assert.equal(await vscode.env.clipboard.readText(), ip(b));
      assert.ok(
        fx.emulator.requests().every((r) => !JSON.stringify(r.params).includes(a)),
        'copying asks AWS nothing',
      );
    });

    it('Open in AWS console opens the WorkSpace page of its region', async () => {
      const [a] = await seed(1);
      const [node] = wsNodes(api, [a]);
      const env = vscode.env as unknown as Record<string, unknown>;
      const original = env.openExternal;
      const opened: string[] = [];
      env.openExternal = (uri: vscode.Uri) => {
        opened.push(uri.toString(true));
        return Promise.resolve(true);
      };
      try {
        assert.notEqual(vscode.env.openExternal, original, 'openExternal can be answered by the test');
        await run('openInConsole', node, [node]);
      } finally {
        env.openExternal = original;
      }
      assert.deepEqual(opened, [
        `https://us-east-1.console.aws.amazon.com/workspaces/v2/workspaces/${a}?region=us-east-1`,
      ]);
    });

    it('Show connection details: a modal with the registration code, IP and connection; copies the code', async () => {
      const [a] = await seed(1, {}, CORP);
      world().setConnection(a, 'CONNECTED');
      const [node] = wsNodes(api, [a]);
      ui.answer(press('Copy Registration Code'));
      await run('showConnectionDetails', node, [node]);
      const [modal] = ui.modals;
      const code = world().directories.get(CORP)?.RegistrationCode ?? '';
      assert.equal(modal.message, `Connection details of t${seq}-user00 (${a})`);
      assert.ok(modal.detail?.includes(`Registration code: ${code}`), modal.detail);
      assert.ok(modal.detail?.includes(`IP address: ${world().getWorkspace(a)?.IpAddress ?? '?'}`));
      assert.match(modal.detail ?? '', /Connection: connected \(CONNECTED\)/);
      assert.equal(await vscode.env.clipboard.readText(), code);
      assert.ok(
        fx.emulator
          .requests()
          .some(
            (r) => r.op === 'DescribeWorkspacesConnectionStatus' && (r.params.WorkspaceIds as string[]).includes(a),
          ),
        'the status is re-read first',
      );
    });

    it('Pool: Start a stopped pool, Stop a running one (asks first)', async () => {
      const eu = api.services.fleet.scopeModel({ profile: 'sandbox-prod', region: 'eu-west-1' });
      assert.ok(eu);
      const euWorld = fx.emulator.world(PROD.profile, 'eu-west-1');
      euWorld.setPoolState('wspool-trn02fghi', 'STOPPED');
      euWorld.setPoolState('wspool-cc01abcde', 'RUNNING');
      await eu.load('pools');
      await run('startPools', poolNode(api, 'wspool-trn02fghi'), [poolNode(api, 'wspool-trn02fghi')]);
      assert.equal(fx.emulator.actionCount('wspool-trn02fghi', 'StartWorkspacesPool'), 1);
      await waitFor('the pool row to read STARTING or RUNNING', () =>
        ['STARTING', 'RUNNING'].includes(eu.pools.items.get('wspool-trn02fghi')?.State ?? ''),
      );
      ui.answer(press('Stop Pool'));
      await run('stopPools', poolNode(api, 'wspool-cc01abcde'), [poolNode(api, 'wspool-cc01abcde')]);
      assert.match(ui.modals[0].detail ?? '', /Every session of the pool ends/);
      assert.equal(fx.emulator.actionCount('wspool-cc01abcde', 'StopWorkspacesPool'), 1);
      assert.deepEqual(
        ui.toasts.map((t) => t.message),
        ['Starting training-room (wspool-trn02fghi).', 'Stopping call-center (wspool-cc01abcde).'],
      );
    });
  });

  describe('from the palette (no arguments: pickers)', () => {
    it('Start: profile → region → WorkSpaces, listing only those that can be started', async () => {
      const ids = await seed(2, { State: 'STOPPED' });
      ui.answer(pick(PROD.profile), pick(PROD.region), (q) => {
        assert.equal(q.canPickMany, true);
        assert.ok(
          (q.items ?? []).every((i) => /^Stopped · AutoStop/.test(i.description ?? '')),
          'only stopped AutoStop WorkSpaces are offered',
        );
        assert.match(q.placeHolder ?? '', /cannot be started now are not listed/);
        return pickWhere((i) => ids.includes(i.workspaceId as string))(q);
      });
      await run('startWorkspaces');
      assert.equal(sent('StartWorkspaces'), 1);
      for (const id of ids) assert.equal(fx.emulator.actionCount(id, 'StartWorkspaces'), 1);
    });

    it('Reboot: Escape at the WorkSpaces picker sends nothing', async () => {
      ui.answer(pick(PROD.profile), pick(PROD.region), escape);
      await run('rebootWorkspaces');
      assert.equal(fx.emulator.counts().byOp.RebootWorkspaces, undefined);
    });

    it('every WorkSpace command opens the pickers from the palette', async () => {
      for (const command of [
        'stopWorkspaces',
        'rebuildWorkspaces',
        'restoreWorkspaces',
        'terminateWorkspaces',
        'enterMaintenance',
        'exitMaintenance',
        'changeRunningMode',
        'manageTags',
        'copyId',
        'copyArn',
        'copyIp',
        'openInConsole',
        'showConnectionDetails',
      ]) {
        ui.answer(pick(PROD.profile), pick(PROD.region), escape);
        await run(command);
        const last = ui.asked[ui.asked.length - 1];
        assert.equal(last.kind, 'quickPick', `${command} asks for WorkSpaces`);
        assert.equal(last.canPickMany, true, command);
      }
      const eu = api.services.fleet.scopeModel({ profile: PROD.profile, region: 'eu-west-1' });
      fx.emulator.world(PROD.profile, 'eu-west-1').setPoolState('wspool-cc01abcde', 'RUNNING');
      await eu?.load('pools');
      ui.answer(pick(PROD.profile), pick('eu-west-1'), escape);
      await run('stopPools');
      assert.match(ui.asked[ui.asked.length - 1].message, /Stop Pool \(sandbox-prod eu-west-1\)/);
      assert.equal(fx.emulator.counts().byOp.StopWorkspaces, undefined);
    });

    it('Create WorkSpaces: 3 users in one run appear in the tree, with mode, timeout and tags', async () => {
      ui.answer(
        ...toCorp(),
        (q) => {
          const labels = (q.items ?? []).map((i) => i.label);
          assert.ok(labels.includes('Finance Windows 11'), 'own bundles listed by name');
          assert.ok(
            labels.some((l) => /^Standard with Windows 11$/.test(l)),
            'Amazon bundles listed by name',
          );
          return pick('Finance Windows 11')(q);
        },
        type('new.ann, new.ben new.cat'),
        pick('AutoStop'),
        type('2'),
        pick('No volume encryption'),
        type('Team=New, CostCenter=CC-9'),
        press('Create'),
      );
      const outcomes = (await run('createWorkspaces')) as Array<{ ok: boolean; id: string }>;
      assert.equal(outcomes.length, 3);
      assert.ok(outcomes.every((o) => o.ok));
      assert.equal(sent('CreateWorkspaces'), 1);
      const req = fx.emulator.requests().find((r) => r.op === 'CreateWorkspaces');
      const ws = req?.params.Workspaces as Array<Record<string, unknown>>;
      assert.deepEqual(
        ws.map((w) => w.UserName),
        ['new.ann', 'new.ben', 'new.cat'],
      );
      assert.deepEqual(ws[0].WorkspaceProperties, {
        RunningMode: 'AUTO_STOP',
        RunningModeAutoStopTimeoutInMinutes: 120,
      });
      assert.deepEqual(ws[0].Tags, [
        { Key: 'Team', Value: 'New' },
        { Key: 'CostCenter', Value: 'CC-9' },
      ]);
      assert.match(ui.modals[0].detail ?? '', /Users:\n• new\.ann\n• new\.ben\n• new\.cat/);
      const ids = outcomes.map((o) => o.id);
      const rows = wsNodes(api, ids);
      assert.equal(rows.length, 3, 'the new WorkSpaces are rows of the tree');
      assert.ok(ids.every((id) => state(id) === 'PENDING'));
      assert.deepEqual(
        ui.toasts.map((t) => t.message),
        ['Creating 3 WorkSpaces.'],
      );
      await waitFor('the new WorkSpaces to become AVAILABLE', () => ids.every((id) => state(id) === 'AVAILABLE'));
    });

    it('Create from a directory row starts at the bundle; a taken user name is refused in the box', async () => {
      const dirNode = allNodes(api).find(
        (n) => n.kind === 'directory' && n.scopeModel === prod() && n.id.endsWith(CORP),
      );
      assert.ok(dirNode);
      ui.answer(pick('Finance Windows 11'), type('alice.nguyen'));
      await run('createWorkspaces', dirNode);
      assert.deepEqual(ui.validations, ['alice.nguyen already has a WorkSpace in this directory.']);
      assert.equal(sent('CreateWorkspaces'), 0);
    });
  });

  describe('invalid input is refused in the input box and nothing is sent', () => {
    it('AutoStop hours that are not a whole number 1–48', async () => {
      const [a] = await seed(1);
      const [node] = wsNodes(api, [a]);
      for (const bad of ['0', '49', '1.5', 'two', '']) {
        ui.answer(pick('AutoStop'), type(bad));
        await run('changeRunningMode', node, [node]);
      }
      assert.equal(ui.validations.length, 5);
      assert.match(ui.validations[0], /out of range/);
      assert.match(ui.validations[1], /out of range: AutoStop takes 1 to 48 hours/);
      assert.match(ui.validations[2], /not a whole number/);
      assert.match(ui.validations[4], /Enter the AutoStop time/);
      assert.equal(sent('ModifyWorkspaceProperties'), 0);
    });

    it('tag keys (empty, > 127, aws:), values (> 255) and the 50-tag limit', async () => {
      const [a] = await seed(1);
      world().tags.set(
        a,
        Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
      );
      const [node] = wsNodes(api, [a]);
      ui.answer(
        pick(/Add a tag/),
        type(''),
        pick(/Add a tag/),
        type('k'.repeat(128)),
        pick(/Add a tag/),
        type('aws:owner'),
        pick(/Add a tag/),
        type('fiftyFirst'),
        pick('k1'),
        pick(/Edit value/),
        type('v'.repeat(256)),
        escape,
      );
      await run('manageTags', node, [node]);
      assert.deepEqual(
        ui.validations.map((v) => v.replace(/\(.*\)/, '(…)')),
        [
          'A tag key cannot be empty.',
          'A tag key has at most 127 characters (…).',
          'Tag keys starting with "aws:" are reserved for AWS.',
          `t${seq}-user00 (…) already has 50 tags, the maximum.`,
          'A tag value has at most 255 characters (…).',
        ],
      );
      assert.equal(sent('CreateTags') + sent('DeleteTags'), 0);
    });

    it('user names with illegal characters, an unknown directory, an unknown bundle', async () => {
      ui.answer(pick(PROD.profile), pick(PROD.region), pick(/Enter a directory ID/), type('d-0123456789'));
      await run('createWorkspaces');
      ui.answer(...toCorp(), pick(/Enter a bundle ID/), type('wsb-nosuchbnd'));
      await run('createWorkspaces');
      ui.answer(...toCorp(), pick('Finance Windows 11'), type('ok.user, bad/user'));
      await run('createWorkspaces');
      ui.answer(
        ...toCorp(),
        pick('Finance Windows 11'),
        type('x.user'),
        pick('AutoStop'),
        type('1'),
        pick(/customer managed KMS key/),
        type('my-key'),
      );
      await run('createWorkspaces');
      assert.deepEqual(ui.validations, [
        'Unknown directory d-0123456789: it is not registered with WorkSpaces in sandbox-prod us-east-1.',
        "Unknown bundle wsb-nosuchbnd: it is neither an Amazon bundle nor one of this account's bundles in sandbox-prod us-east-1.",
        '"bad/user" contains "/": user names cannot contain " / \\ [ ] : ; | = , + * ? < >.',
        '"my-key" is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), an alias (alias/NAME) or a key id.',
      ]);
      assert.equal(sent('CreateWorkspaces'), 0);
    });

    it('tags of Create WorkSpaces', async () => {
      ui.answer(
        ...toCorp(),
        pick('Finance Windows 11'),
        type('y.user'),
        pick('AlwaysOn'),
        pick('No volume encryption'),
        type('Team'),
      );
      await run('createWorkspaces');
      assert.match(ui.validations[0], /"Team" has no "="/);
      assert.equal(sent('CreateWorkspaces'), 0);
    });
  });

  it('a region removed and added back gets fresh rows: commands act on its new scope', async () => {
    const EU = { profile: PROD.profile, region: 'eu-west-1' };
    const regions = Object.fromEntries(fx.emulator.accounts.map((a) => [a.profile, a.regions]));
    const before = api.services.fleet.scopeModel(EU);
    poolNode(api, 'wspool-trn02fghi');
    await setSetting('regions', { ...regions, [PROD.profile]: [PROD.region] });
    await waitFor('eu-west-1 to be removed', () => api.services.fleet.scopeModel(EU) === undefined);
    await setSetting('regions', regions);
    const after = await waitFor('eu-west-1 to be back', () => api.services.fleet.scopeModel(EU));
    assert.notEqual(after, before, 'a new scope model');
    await fleetLoaded(api);
    assert.equal(after.pools.state, 'loaded', 'the new scope is loaded through its rows');
    const node = poolNode(api, 'wspool-trn02fghi');
    assert.equal(node.scopeModel, after, 'the row belongs to the live scope, not the disposed one');
    fx.emulator.world(PROD.profile, 'eu-west-1').setPoolState('wspool-trn02fghi', 'STOPPED');
    await after.load('pools');
    await run('startPools', node, [node]);
    assert.equal(fx.emulator.actionCount('wspool-trn02fghi', 'StartWorkspacesPool') > 0, true);
    assert.match(ui.toasts[0]?.message ?? '', /^Starting training-room/);
  });

  it('a user cancel during the progress stops the calls not yet sent', async () => {
    // 30 rebuilds = 30 calls of one id; a slow emulator leaves time to cancel after the first ones.
    const ids = await seed(30);
    const nodes = wsNodes(api, ids);
    fx.emulator.setLatency(150);
    fx.emulator.resetCounts();
    const cancel = new vscode.CancellationTokenSource();
    const original = vscode.window.withProgress;
    const w = vscode.window as unknown as Record<string, unknown>;
    w.withProgress = (
      o: vscode.ProgressOptions,
      task: (p: vscode.Progress<unknown>, t: vscode.CancellationToken) => Thenable<unknown>,
    ) =>
      original(o, (p) => {
        setTimeout(() => cancel.cancel(), 200);
        return task(p, cancel.token);
      });
    try {
      ui.answer(press('Rebuild…'), type('30'));
      const result = (await run('rebuildWorkspaces', nodes[0], nodes)) as {
        outcomes: Array<{ ok: boolean; kind?: string }>;
      };
      const done = result.outcomes.filter((o) => o.ok).length;
      const cancelled = result.outcomes.filter((o) => o.kind === 'cancelled').length;
      assert.ok(cancelled > 0, 'some were cancelled');
      assert.ok(sent('RebuildWorkspaces') < 30, 'the cancelled ones were not sent');
      assert.match(ui.toasts[0].message, new RegExp(`^Rebuilding ${done} of 30 WorkSpaces; .*${cancelled} cancelled`));
    } finally {
      w.withProgress = original;
      fx.emulator.setLatency(0);
    }
  });

  describe('two profiles of one account (a WorkSpace shown twice)', () => {
    const OPS = 'sandbox-prod-ops';
    let files: { config: string; credentials: string };
    const ops = (): ScopeModel | undefined => api.services.fleet.scopeModel({ profile: OPS, region: PROD.region });

    before(async () => {
      // A second profile with sandbox-prod's keys: the same account, as two roles or SSO and keys are.
      files = {
        config: readFileSync(join(fx.awsDir, 'config'), 'utf8'),
        credentials: readFileSync(join(fx.awsDir, 'credentials'), 'utf8'),
      };
      const account = fx.emulator.account(PROD.profile);
      writeFileSync(
        join(fx.awsDir, 'config'),
        `${files.config}\n[profile ${OPS}]\nregion = ${PROD.region}\nendpoint_url = ${fx.emulator.url}\n`,
      );
      writeFileSync(
        join(fx.awsDir, 'credentials'),
        `${files.credentials}\n[${OPS}]\naws_access_key_id = ${account.accessKeyId}\naws_secret_access_key = ${account.secretAccessKey}\n${account.sessionToken ? `aws_session_token = ${account.sessionToken}\n` : ''}`,
      );
      await api.services.fleet.loadProfiles(true);
      await waitFor('the second profile', () => ops());
      await fleetLoaded(api);
    });

    after(async () => {
      writeFileSync(join(fx.awsDir, 'config'), files.config);
      writeFileSync(join(fx.awsDir, 'credentials'), files.credentials);
      await api.services.fleet.loadProfiles(true);
      await waitFor('back to the emulated profiles', () => ops() === undefined);
      await fleetLoaded(api);
    });

    it('Stop on the row under both profiles sends one StopWorkspaces for the id', async () => {
      const [a] = await seed(1);
      await ops()?.load('workspaces');
      const rows = allNodes(api).filter(
        (n): n is WorkspaceNode => n.kind === 'workspace' && (n as WorkspaceNode).workspaceId === a,
      );
      assert.deepEqual(
        [...new Set(rows.map((r) => r.scopeModel?.scope.profile))].sort(),
        [PROD.profile, OPS].sort(),
        'the WorkSpace is listed under both profiles',
      );
      assert.equal(ops()?.accountId, prod().accountId, 'one account');
      fx.emulator.resetCounts();
      ui.answer(press('Stop'));
      const result = (await run('stopWorkspaces', rows[0], rows)) as { outcomes: Array<{ id: string; ok: boolean }> };
      assert.match(ui.modals[0]?.message ?? '', /^Stop t\d+-user00 \(ws-/, 'one WorkSpace to confirm, not two');
      assert.deepEqual(
        result.outcomes.map((o) => [o.id, o.ok]),
        [[a, true]],
      );
      assert.equal(fx.emulator.actionCount(a, 'StopWorkspaces'), 1, 'acted on once');
      assert.equal(sent('StopWorkspaces'), 1);
    });
  });
});
