// No data becomes code: API strings (user and computer names, tag keys and values, directory
// names, image names, descriptions and error messages, pool names and errors) carrying HTML,
// javascript: links, Markdown links and images, command URIs and theme-icon syntax are put into
// the emulator and shown by the real extension in the real VS Code. They stay inert everywhere:
// tree labels and descriptions are plain strings; tooltips are untrusted MarkdownStrings in which a
// real Markdown parser (marked, GFM, what VS Code renders hovers with) finds no link, image or HTML;
// notifications carry no link VS Code's notification parser would make clickable; the error-details
// webview renders them as text. And what an input box refuses is never sent.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { marked, type Token } from 'marked';
import * as vscode from 'vscode';
import type { WorkspaceImage } from '@aws-sdk/client-workspaces';
import { ErrorDetailsPanel } from '../../src/webview/errorDetails/panel';
import { createErrorTargetLoader } from '../../src/webview/errorDetails/loader';
import { stubTarget } from '../../src/webview/errorDetails/target';
import { validateAutoStopHours, validateNewTagKey, validateTagValue } from '../../src/core/validation';
import type { Node, WorkspaceNode } from '../../src/tree/nodes';
import { fleetLoaded, setSetting, setupFleet, waitFor, type Fixture } from './fixture';
import { allNodes, LeakWatch, NotificationSpy, labelOf, treeItem } from '../support/hostWatch';
import { updateReliability } from '../support/reliability';
import { renderLabelWithIcons } from '../support/iconLabels';
import { escape, pickWhere, type, Ui, type Responder } from './ui';
import { testNow } from '../support/clock';
import { nextRender } from '../support/webview';

const PROD = { profile: 'sandbox-prod', accountId: '111111111111', region: 'us-east-1' };

/** The payload with VS Code's icon syntax (the icons it would draw: alert, zap). */
const ICONS = '$(alert) $(zap) **bold** `code` # h';

export const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '[Quit](command:workbench.action.quit)',
  '[run](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D)',
  '![x](https://evil.example/x.png)',
  '<https://evil.example/autolink>',
  'https://evil.example/bare',
  'command:workbench.action.quit',
  '[x]: https://evil.example/ref\n\n[x]',
  'a\r\r[x](command:workbench.action.quit)',
  'a\n\n![x](https://evil.example/y.png)',
  '&lt;img src=x onerror=alert(1)&gt;',
  ICONS,
];

/** VS Code's own notification link syntax (src/vs/base/common/linkedText.ts, `parseLinkedText`,
 *  the same in code-server 4.139's workbench): a match becomes a clickable link, command: included. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/**
 * Links, images and raw HTML a Markdown renderer (marked, GFM) makes of `md`, except links to
 * `allowedLinkHost` (the webview export's own documentation links).
 */
function markupIn(md: string, allowedLinkHost?: RegExp): string[] {
  const found: string[] = [];
  const allowed = (href: string): boolean => {
    if (!allowedLinkHost) return false;
    try {
      const u = new URL(href);
      return u.protocol === 'https:' && allowedLinkHost.test(u.hostname);
    } catch {
      return false;
    }
  };
  const walk = (tokens: readonly Token[]): void => {
    for (const t of tokens) {
      if (t.type === 'link' && allowed((t as Token & { href: string }).href)) continue;
      if (t.type === 'link' || t.type === 'image' || t.type === 'html' || t.type === 'tag' || t.type === 'def') {
        found.push(`${t.type}: ${t.raw}`);
      }
      const nested = t as { tokens?: Token[]; items?: Token[] };
      if (nested.tokens) walk(nested.tokens);
      if (nested.items) walk(nested.items);
    }
  };
  walk(marked.lexer(md, { gfm: true }));
  const html = marked.parse(md, { async: false, gfm: true });
  for (const m of html.matchAll(/<(a|img|script|iframe)\b[^>]*>/gi)) {
    const href = /href="([^"]*)"/.exec(m[0])?.[1];
    if (m[1].toLowerCase() === 'a' && href !== undefined && allowed(href.replace(/&amp;/g, '&'))) continue;
    found.push(`rendered: ${m[0]}`);
  }
  return found;
}

describe('hostile API data stays inert (real extension host)', function () {
  this.timeout(90_000);
  let fx: Fixture;
  let notes: NotificationSpy;
  let leaks: LeakWatch;
  const figures = { checks: 0, leaks: 0, sinks: new Set<string>(), bySink: {} as Record<string, number> };
  const workspaceIds: string[] = [];
  /** A WorkSpace whose user name has a lone surrogate, one whose IP address has icon syntax. */
  let loneSurrogateId = '';
  let iconIpId = '';

  /** Failed checks of the running test (all are collected, then asserted at its end). */
  let failures: string[] = [];
  /** Records one check of one payload in one sink. */
  const check = (sink: string, ok: boolean, what: string): void => {
    figures.checks++;
    figures.sinks.add(sink);
    if (ok) return;
    figures.leaks++;
    figures.bySink[sink] = (figures.bySink[sink] ?? 0) + 1;
    failures.push(`${sink}: ${what}`);
  };
  beforeEach(() => (failures = []));
  /** Ends a test: every check it made passed. */
  const noLeaks = (): void => assert.deepEqual(failures.slice(0, 12), [], `${failures.length} leaks`);

  const api = () => fx.api;

  before(async () => {
    leaks = new LeakWatch().install();
    fx = await setupFleet({ seed: 'demo' });
    const world = fx.emulator.world(PROD.accountId, PROD.region);
    const dir = [...world.directories.values()].find((d) => d.State === 'REGISTERED' && d.WorkspaceType !== 'POOLS');
    assert.ok(dir);
    PAYLOADS.forEach((p, i) => {
      // A directory, a WorkSpace (user, computer and workspace name, tags), an image and a pool per payload.
      const dirId = `d-${String(9000000000 + i)}`;
      world.directories.set(dirId, { ...dir, DirectoryId: dirId, DirectoryName: p, Alias: p });
      const rec = world.addWorkspace(
        {
          DirectoryId: dirId,
          UserName: p,
          ComputerName: p,
          WorkspaceName: p,
          BundleId: 'wsb-eng0linux',
          State: 'AVAILABLE',
          ErrorCode: p,
          ErrorMessage: p,
        },
        { tags: [{ Key: p, Value: p }], connection: { state: 'CONNECTED', lastConnected: testNow() } },
      );
      delete rec.data.IpAddress;
      rec.data.WorkspaceProperties = { ...rec.data.WorkspaceProperties, RunningMode: 'AUTO_STOP' };
      workspaceIds.push(rec.data.WorkspaceId);
      const imageId = `wsi-hostile${String(i).padStart(3, '0')}`;
      const image: WorkspaceImage = {
        ImageId: imageId,
        Name: p,
        Description: p,
        State: 'ERROR',
        ErrorCode: 'ImageImportFailed',
        ErrorMessage: p,
        ErrorDetails: [{ ErrorCode: 'OfficeInstalled', ErrorMessage: p }],
        OwnerAccountId: PROD.accountId,
        OperatingSystem: { Type: 'WINDOWS' },
      };
      world.images.set(imageId, image as never);
      const poolId = `wspool-hostil${String(i).padStart(3, '0')}`;
      world.pools.set(poolId, {
        data: {
          PoolId: poolId,
          PoolArn: `arn:aws:workspaces:us-east-1:${PROD.accountId}:workspacespool/${poolId}`,
          PoolName: p,
          Description: p,
          State: 'STOPPED',
          RunningMode: 'AUTO_STOP',
          BundleId: 'wsb-eng0linux',
          DirectoryId: dirId,
          Errors: [{ ErrorCode: 'IAM_SERVICE_ROLE_IS_MISSING', ErrorMessage: p }],
          CapacityStatus: {
            AvailableUserSessions: 0,
            DesiredUserSessions: 1,
            ActualUserSessions: 0,
            ActiveUserSessions: 0,
          },
          CreatedAt: new Date(testNow()),
        },
        stateSince: testNow(),
        steps: [],
      });
    });
    // A user name no URI can hold (a lone surrogate), an IP address with icon syntax, a bundle
    // named with a payload: in a payload directory (which has a registration code).
    const lone = world.addWorkspace({
      DirectoryId: 'd-9000000000',
      UserName: 'lone\ud800surrogate',
      BundleId: 'wsb-eng0linux',
      State: 'AVAILABLE',
    });
    loneSurrogateId = lone.data.WorkspaceId;
    const iconIp = world.addWorkspace({
      DirectoryId: 'd-9000000000',
      UserName: 'icon-ip',
      BundleId: 'wsb-eng0linux',
      State: 'AVAILABLE',
    });
    iconIp.data.IpAddress = '$(alert) 10.9.9.9';
    iconIpId = iconIp.data.WorkspaceId;
    const bundle = [...world.bundles.values()].find((b) => b.State === 'AVAILABLE');
    assert.ok(bundle, 'the demo world has a bundle of its own');
    world.bundles.set('wsb-hostile0001', { ...bundle, BundleId: 'wsb-hostile0001', Name: ICONS, Description: ICONS });
    notes = new NotificationSpy().install();
    await vscode.commands.executeCommand('workspacesFleet.explorer.focus');
    api().services.provider.setOptions({ filter: '', idleOnly: false, groupBy: 'directory' });
    await vscode.commands.executeCommand('workspacesFleet.refresh');
    await fleetLoaded(api());
  });

  after(async () => {
    notes?.dispose();
    leaks?.dispose();
    updateReliability((r) => {
      r.payloads.integration = {
        payloads: PAYLOADS.length,
        sinks: [...figures.sinks],
        checks: figures.checks,
        leaks: figures.leaks,
        leaksBySink: figures.bySink,
      };
    });
    await setSetting('confirmStopReboot', undefined);
    await fx?.dispose();
  });

  const prodNodes = (): Node[] => {
    const p = api()
      .services.provider.getChildren()
      .find((n) => labelOf(api(), n) === PROD.profile);
    assert.ok(p);
    const east = api()
      .services.provider.getChildren(p)
      .find((n) => labelOf(api(), n) === PROD.region);
    assert.ok(east);
    return allNodes(api(), east);
  };

  it('tree labels and descriptions are the plain strings, for every row that shows a payload', () => {
    const nodes = prodNodes();
    let seen = 0;
    for (const n of nodes) {
      const item = treeItem(api(), n);
      check('tree label', typeof item.label === 'string', `${n.id}: the label is a plain string, not a TreeItemLabel`);
      check(
        'tree description',
        item.description === undefined || typeof item.description === 'string',
        `${n.id}: plain description`,
      );
      const label = item.label as string;
      if (PAYLOADS.some((p) => label.includes(p))) seen++;
    }
    // Directories (×2: the Directories section and the WorkSpaces groups), WorkSpaces, images, pools.
    assert.ok(seen >= PAYLOADS.length * 4, `rows showing a payload as their text: ${seen}`);
    noLeaks();
  });

  it('tooltips are untrusted Markdown in which no link, image or HTML survives', async () => {
    const nodes = prodNodes();
    let tooltips = 0;
    for (const n of nodes) {
      let item = treeItem(api(), n);
      if (n.kind === 'workspace' || n.kind === 'pool') {
        item = await api().services.provider.resolveTreeItem(item, n, new vscode.CancellationTokenSource().token);
      }
      const tip = item.tooltip;
      if (tip === undefined || typeof tip === 'string') continue;
      tooltips++;
      check(
        'tooltip',
        tip.isTrusted !== true && !tip.supportHtml && !tip.supportThemeIcons,
        `${n.id}: untrusted, no HTML, no icons`,
      );
      const bad = markupIn(tip.value);
      check('tooltip', bad.length === 0, `${n.id}: ${bad.join(' | ')}\n${tip.value}`);
    }
    const hostileWs = nodes.filter(
      (n) => n.kind === 'workspace' && workspaceIds.includes((n as WorkspaceNode).workspaceId),
    );
    assert.ok(hostileWs.length >= PAYLOADS.length, 'the hostile WorkSpaces are in the tree');
    // Their tags were loaded on hover and are in the tooltip too.
    const tip = (
      await api().services.provider.resolveTreeItem(
        treeItem(api(), hostileWs[0]),
        hostileWs[0],
        new vscode.CancellationTokenSource().token,
      )
    ).tooltip as vscode.MarkdownString;
    assert.match(tip.value, /Tags/);
    assert.ok(tooltips > PAYLOADS.length * 4, `tooltips checked: ${tooltips}`);
    noLeaks();
  });

  it('notifications that name a WorkSpace carry no clickable link', async () => {
    await setSetting('confirmStopReboot', false);
    const rows = prodNodes().filter(
      (n): n is WorkspaceNode => n.kind === 'workspace' && workspaceIds.includes((n as WorkspaceNode).workspaceId),
    );
    const start = notes.shown.length;
    for (const row of rows.slice(0, PAYLOADS.length)) {
      // "Stopping <user> (<id>)." then "None … can be stopped: <user> …" (it is STOPPING now),
      // and "Nothing copied: <user> has no IP address …".
      await vscode.commands.executeCommand('workspacesFleet.stopWorkspaces', row, [row]);
      await vscode.commands.executeCommand('workspacesFleet.stopWorkspaces', row, [row]);
      await vscode.commands.executeCommand('workspacesFleet.copyIp', row, [row]);
    }
    await waitFor('the notifications', () => notes.shown.length - start >= rows.length * 3 || undefined, 10_000).catch(
      () => undefined,
    );
    const shown = notes.shown.slice(start);
    assert.ok(shown.length >= PAYLOADS.length * 2, `notifications shown: ${shown.length}`);
    for (const s of shown) {
      const links = [...s.message.replace(/(\r\n|\n|\r)/gm, ' ').matchAll(NOTIFICATION_LINK)].map((m) => m[0]);
      check('notification', links.length === 0, `"${s.message}" has clickable links: ${links.join(', ')}`);
    }
    noLeaks();
  });

  it('the error-details webview renders payloads in pool and image errors as text', async () => {
    const layer = await api().services.aws();
    const loader = createErrorTargetLoader(api().services.clock, async (scope) => Promise.resolve(layer.api(scope)));
    const extensionUri = vscode.extensions.getExtension('wsfleet.workspaces-fleet')?.extensionUri;
    assert.ok(extensionUri);
    for (const [kind, prefix] of [
      ['pool', 'wspool-hostil'],
      ['image', 'wsi-hostile'],
    ] as const) {
      for (let i = 0; i < PAYLOADS.length; i++) {
        const id = `${prefix}${String(i).padStart(3, '0')}`;
        const target = await loader.reload(stubTarget(kind, PROD, id));
        const panel = ErrorDetailsPanel.show(extensionUri, target, loader);
        const r = await nextRender(panel, (x) => x.id === id && x.cards >= 1);
        check('webview', r.foreignElements === 0, `${kind} ${i}: no element came from the data`);
        check('webview', panel.panel.title === PAYLOADS[i], `${kind} ${i}: the title is the text`);
        const md = await panel.copyMarkdown();
        const bad = markupIn(md, /(^|\.)aws\.amazon\.com$/);
        check('webview Markdown export', bad.length === 0, `${kind} ${i}: ${bad.join(' | ')}`);
        panel.dispose();
      }
    }
    noLeaks();
  });

  it('QuickPicks and the status bar draw no icon from an API string', async () => {
    // Every question: the profile and region of the payloads when asked, else Escape (after the
    // picker of interest has been recorded).
    const scopeOrEscape: Responder = (q) =>
      q.canPickMany ? undefined : q.items?.find((i) => i.label === PROD.profile || i.label === PROD.region);
    const ui = new Ui().answer(...Array.from({ length: 60 }, () => scopeOrEscape));
    const w = vscode.window as unknown as Record<string, unknown>;
    const setStatus = w.setStatusBarMessage;
    const status: string[] = [];
    w.setStatusBarMessage = (text: string, ...rest: unknown[]) => {
      status.push(text);
      return (setStatus as (...a: unknown[]) => vscode.Disposable)(text, ...rest);
    };
    ui.install();
    try {
      for (const id of [
        'workspacesFleet.copyId', // the WorkSpaces picker (user, computer and directory names)
        'workspacesFleet.showImageErrors',
        'workspacesFleet.showPoolErrors',
        'workspacesFleet.showWorkspaceErrors',
        'workspacesFleet.createWorkspaces', // the directory picker
        'workspacesFleet.createWorkspacesFromBundle', // the bundle picker
      ]) {
        await vscode.commands.executeCommand(id);
      }
      const rows = prodNodes().filter((n): n is WorkspaceNode => n.kind === 'workspace');
      const tagged = rows.find((n) => n.workspaceId === workspaceIds[PAYLOADS.indexOf(ICONS)]);
      assert.ok(tagged);
      await vscode.commands.executeCommand('workspacesFleet.manageTags', tagged, [tagged]); // tag keys and values
      const ip = rows.find((n) => n.workspaceId === iconIpId);
      assert.ok(ip);
      await vscode.commands.executeCommand('workspacesFleet.copyIp', ip, [ip]);
    } finally {
      ui.restore();
      w.setStatusBarMessage = setStatus;
    }
    const pickers = new Set<string>();
    for (const q of ui.asked.filter((x) => x.kind === 'quickPick')) {
      for (const item of q.items ?? []) {
        for (const text of [item.label, item.description, item.detail]) {
          if (text === undefined) continue;
          const drawn = renderLabelWithIcons(text);
          check('quick pick', !drawn.icons.some((i) => i === 'alert' || i === 'zap'), `"${q.message}": ${text}`);
          if (drawn.text.includes('$(alert) $(zap)')) pickers.add(q.message);
        }
      }
    }
    // The WorkSpaces, image, pool, directory, bundle and tag pickers showed it as text (the
    // WorkSpace-error picker lists only those in a problem state: none of the payloads').
    assert.equal(pickers.size, 6, `pickers that showed the payload as text: ${[...pickers].join(' | ')}`);
    const copied = status.find((t) => t.includes('10.9.9.9'));
    assert.ok(copied, `the status bar said what was copied: ${status.join(' | ')}`);
    const drawn = renderLabelWithIcons(copied);
    check('status bar', drawn.icons.join() === 'copy', `"${copied}" draws ${drawn.icons.join(', ')}`);
    assert.match(drawn.text, /Copied \$\(alert\) 10\.9\.9\.9/);
    noLeaks();
  });

  it('Copy Connection Link leaves out a user name no link can hold, and copies the others', async () => {
    const rows = prodNodes().filter((n): n is WorkspaceNode => n.kind === 'workspace');
    const lone = rows.find((n) => n.workspaceId === loneSurrogateId);
    // (a WorkSpace has a row in each of two places of the tree: one row per WorkSpace here)
    const others = workspaceIds.slice(0, 3).map((id) => rows.find((n) => n.workspaceId === id));
    assert.ok(lone && others.every((n) => n !== undefined));
    const start = notes.shown.length;
    const text = await vscode.commands.executeCommand<string | undefined>('workspacesFleet.copyConnectionLink', lone, [
      lone,
      ...others,
    ]);
    assert.ok(text, 'something was copied');
    const links = text.split('\n');
    assert.equal(links.length, 3, text);
    for (const l of links) assert.match(l, /^workspaces:\/\/[^@]+@\S+$/, l);
    assert.equal(await vscode.env.clipboard.readText(), text);
    const said = await waitFor(
      'the left-out notice',
      () => notes.shown.slice(start).find((n) => /left out/.test(n.message)),
      10_000,
    );
    assert.match(
      said.message,
      /Copied 3 connection links; .*lone.*surrogate.* left out \(its user name is not valid Unicode/,
    );
  });

  it('what an input box refuses is never sent (tags, AutoStop hours), even if the box let it through', async () => {
    const row = prodNodes().find(
      (n): n is WorkspaceNode =>
        n.kind === 'workspace' &&
        (n as WorkspaceNode).workspace.State === 'AVAILABLE' &&
        !workspaceIds.includes((n as WorkspaceNode).workspaceId),
    );
    assert.ok(row);
    const badKeys = fc.sample(
      fc
        .oneof(
          fc.string({ maxLength: 200 }),
          fc.constantFrom('aws:x', 'AWS:cost', '', ' ', 'a'.repeat(128), 'tab\there'),
        )
        .filter((k) => validateNewTagKey(k.trim(), []) !== undefined),
      25,
    );
    const badValues = fc.sample(
      fc
        .oneof(fc.string({ minLength: 256, maxLength: 300 }), fc.constantFrom('line\nbreak', 'tab\tx', '\u0000'))
        .filter((v) => validateTagValue(v.trim()) !== undefined),
      10,
    );
    const badHours = fc.sample(
      fc
        .oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -100, max: 1000 }).map(String))
        .filter((h) => validateAutoStopHours(h) !== undefined),
      25,
    );
    const sentBefore = {
      tags: fx.emulator.counts().byOp.CreateTags ?? 0,
      props: fx.emulator.counts().byOp.ModifyWorkspaceProperties ?? 0,
    };
    // The UI double lets each refused text through as if the box had accepted it: the commands
    // must refuse it themselves.
    const ui = new Ui(true);
    const add = pickWhere((i) => i.op === 'add');
    // Tags: "Add a tag…", then a refused key, and so on; then a good key with a refused value; then Escape.
    for (const k of badKeys) ui.answer(add, type(k));
    for (const v of badValues) ui.answer(add, type('CostCenter'), type(v));
    ui.answer(escape);
    ui.install();
    try {
      await vscode.commands.executeCommand('workspacesFleet.manageTags', row, [row]);
      assert.equal(ui.unanswered, 0, 'every prepared answer was used');
      // AutoStop: the running-mode picker, then a refused number of hours.
      for (const hrs of badHours) {
        ui.answer(
          pickWhere((i) => i.mode === 'AUTO_STOP'),
          type(hrs),
        );
        await vscode.commands.executeCommand('workspacesFleet.changeRunningMode', row, [row]);
      }
    } finally {
      ui.restore();
    }
    assert.deepEqual(ui.unexpected, [], 'no question the test did not expect');
    const inputs = ui.inputs;
    const refused = ui.validations.length;
    const sent =
      (fx.emulator.counts().byOp.CreateTags ?? 0) -
      sentBefore.tags +
      (fx.emulator.counts().byOp.ModifyWorkspaceProperties ?? 0) -
      sentBefore.props;
    updateReliability((r) => {
      r.fuzz.integration = {
        validators: ['validateNewTagKey', 'validateTagValue', 'validateAutoStopHours'],
        runs: inputs.length,
        refused,
        sentWhenRefused: sent,
        acceptedButApiRefused: 0,
      };
    });
    assert.equal(refused, badKeys.length + badValues.length + badHours.length, 'the boxes refused each with a message');
    assert.equal(sent, 0, 'nothing was sent');
  });

  it('let no promise rejection or exception leak out of the extension host', () => {
    assert.deepEqual(leaks.leaks, []);
  });
});
