// IAM Identity Center in the real extension host, against the emulator's organisation over real
// HTTP (the SSO portal, SSO OIDC's device flow, role credentials, WorkSpaces in the discovered
// accounts): a person with only an sso-session in ~/.aws/config signs in (the browser page is
// "approved" by this test, as the person would click Approve), chooses accounts, a role and regions,
// sees the accounts by name under their organisation (the empty ones folded), stops a WorkSpace in a
// discovered account, gets one "Sign in again" row when the session ends, and writes profiles for
// the accounts only when asked.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import type { Node, WorkspaceNode } from '../../src/tree/nodes';
import { allNodes } from '../support/hostWatch';
import { child, children, label, setSetting, setupFleet, waitFor, type Fixture } from './fixture';
import { escape, pick, pickWhere, press, uiPerTest } from './ui';

const SESSION = 'corp';
const REGIONS = ['us-east-1', 'eu-west-1'];
const ROLE = 'WorkSpacesAdmin';
/** The organisation's accounts beyond the demo seed's (ids 500000000001…; the first has WorkSpaces). */
const EXTRA = ['500000000001', '500000000002', '500000000003'];
const discovered = (accountId: string): string => `${SESSION}:${accountId}:${ROLE}`;

describe('IAM Identity Center: accounts of the organisation without a profile each (real extension host)', function () {
  this.timeout(120_000);
  let fx: Fixture;
  let api: TestingApi;
  let home: string;
  const savedEnv: Record<string, string | undefined> = {};
  const ui = uiPerTest();
  const env = vscode.env as unknown as Record<string, unknown>;
  const originalOpen = env.openExternal;
  /** The pages the extension opened in the browser. */
  const opened: string[] = [];

  const run = (command: string, ...args: unknown[]): Thenable<unknown> =>
    vscode.commands.executeCommand(`workspacesFleet.${command}`, ...args);
  const sent = (op: string): number => fx.emulator.counts().byOp[op] ?? 0;
  const org = (): Node => child(api, undefined, SESSION);
  /** The token the extension keeps in the CLI's cache (what `aws sso login` writes). */
  const cachedToken = (): string =>
    (
      JSON.parse(
        readFileSync(
          join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(SESSION).digest('hex')}.json`),
          'utf8',
        ),
      ) as { accessToken: string }
    ).accessToken;

  before(async () => {
    fx = await setupFleet({
      seed: 'demo',
      identityCenter: { accounts: EXTRA.length, regions: REGIONS, withWorkspaces: 1, workspaces: 4, quota: false },
    });
    api = fx.api;
    // Only an sso-session (no profile of its accounts), a HOME of its own for the token cache, and
    // the emulator as the endpoint of the SSO clients and of the discovered accounts' clients.
    home = mkdtempSync(join(tmpdir(), 'wsf-it-home-'));
    const files = fx.emulator.awsConfigFiles({ sso: { session: SESSION, profiles: [] } });
    const vars = { HOME: home, ...fx.emulator.identityCenter.endpointEnv() };
    for (const [k, v] of Object.entries(vars)) {
      savedEnv[k] = process.env[k];
      process.env[k] = v;
    }
    writeFileSync(join(fx.awsDir, 'config'), files.config);
    writeFileSync(join(fx.awsDir, 'credentials'), files.credentials);
    await api.services.fleet.loadProfiles(true);
    // The browser: the person sees the page with the code filled in and clicks Approve.
    env.openExternal = (uri: vscode.Uri) => {
      opened.push(uri.toString(true));
      const code = new URLSearchParams(uri.query).get('user_code');
      if (code) fx.emulator.identityCenter.approve(code);
      return Promise.resolve(true);
    };
  });

  after(async () => {
    env.openExternal = originalOpen;
    await setSetting('identityCenter.accounts', undefined);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await fx?.dispose();
  });

  it('Add Accounts: not signed in it offers to; Sign In opens the device page; then accounts, role and regions are chosen', async () => {
    let u = ui();
    assert.equal(await run('addIdentityCenterAccounts'), undefined);
    const offer = u.toasts.find((q) => q.message.includes('You are not signed in'));
    assert.ok(offer, 'says the person is not signed in');
    assert.deepEqual(offer.buttons, ['Sign In']);

    assert.equal(await run('signInIdentityCenter'), SESSION);
    assert.equal(opened.length, 1, 'the device page opened once');
    assert.match(opened[0], /\/__emulator\/sso\/device\?user_code=[A-Z0-9-]+$/);
    assert.ok(cachedToken(), 'the token is kept where the AWS CLI keeps it');

    u = ui();
    u.answer(
      pickWhere((i) => EXTRA.includes(String(i.description))),
      pick(ROLE),
      pick(...REGIONS),
    );
    const choice = await run('addIdentityCenterAccounts');
    assert.deepEqual(choice, { role: ROLE, regions: REGIONS, accounts: EXTRA });
    const [accounts, roles, regions] = u.asked.filter((q) => q.kind === 'quickPick');
    assert.ok(accounts.canPickMany);
    // Every account of the organisation is offered (the seed's two and the three more), by name.
    assert.equal(accounts.items?.length, 2 + EXTRA.length);
    assert.ok(
      accounts.items?.every((i) => i.label !== i.description),
      'accounts by name, their id beside',
    );
    assert.equal(roles.items?.[0]?.label, ROLE, 'the default role first');
    assert.match(String(roles.items?.[0]?.description), /in 3 of the 3 accounts · your default/);
    assert.deepEqual(
      regions.items?.filter((i) => i.picked).map((i) => i.label),
      ['us-east-1'],
      "the Identity Center's region preselected",
    );
  });

  it('shows the accounts by name under the organisation, the empty ones folded; role credentials once per account', async () => {
    const names = fx.emulator.identityCenter.accounts().filter((a) => EXTRA.includes(a.accountId));
    await waitFor('the organisation and its accounts listed', () => {
      const o = children(api).find((n) => label(api, n) === SESSION);
      if (!o) return false;
      const kids = children(api, o).map((n) => label(api, n));
      return kids.includes(names[0].accountName ?? '') && kids.some((l) => /^2 accounts without WorkSpaces$/.test(l));
    });
    const orgItem = api.services.provider.getTreeItem(org());
    assert.match(String(orgItem.description), /^3 accounts · WorkSpacesAdmin · 2 without WorkSpaces$/);
    const empty = child(api, org(), '2 accounts without WorkSpaces');
    assert.deepEqual(
      children(api, empty)
        .map((n) => label(api, n))
        .sort(),
      names
        .slice(1)
        .map((a) => a.accountName)
        .sort(),
    );
    // One GetRoleCredentials per account and role, whatever the number of regions.
    assert.equal(sent('GetRoleCredentials'), EXTRA.length);
    // Beside the ordinary profiles of the config.
    const roots = children(api).map((n) => label(api, n));
    assert.ok(roots.includes('sandbox-prod') && roots.includes(SESSION), roots.join(', '));
  });

  it('Stop on a WorkSpace of a discovered account is sent in that account', async () => {
    const first = fx.emulator.identityCenter.accounts().find((a) => a.accountId === EXTRA[0]);
    const account = child(api, org(), first?.accountName ?? '');
    const rows = allNodes(api, account).filter(
      (n): n is WorkspaceNode =>
        n.kind === 'workspace' &&
        (n as WorkspaceNode).workspace.State === 'AVAILABLE' &&
        (n as WorkspaceNode).workspace.WorkspaceProperties?.RunningMode !== 'ALWAYS_ON',
    );
    assert.ok(rows.length > 0, 'an available AutoStop WorkSpace in the account');
    const [row] = rows;
    assert.equal(row.scopeModel?.scope.profile, discovered(EXTRA[0]));
    const u = ui();
    u.answer(press('Stop'));
    await run('stopWorkspaces', row, [row]);
    assert.equal(fx.emulator.actionCount(row.workspaceId, 'StopWorkspaces'), 1);
    const region = row.scopeModel?.scope.region ?? '';
    assert.ok(REGIONS.includes(region));
    const world = fx.emulator.world(EXTRA[0], region);
    await waitFor('stopped in that account', () => world.getWorkspace(row.workspaceId)?.State === 'STOPPED');
  });

  it('a sign-in session that ends is one "Sign in again" row, not one per account and region; signing in brings the accounts back', async () => {
    fx.emulator.identityCenter.endSession(cachedToken());
    void api.services.fleet.refreshAll();
    await waitFor('one sign-in row', () => {
      const kids = children(api, org());
      if (kids.length === 1 && label(api, kids[0]) === 'Sign in again') return true;
      // Said in the timeout: what the organisation shows instead.
      throw new Error(
        `${JSON.stringify(api.services.fleet.organizations.map((o) => [o.state, o.error?.code]))}: ${kids.map((n) => label(api, n)).join(', ')}`,
      );
    });
    const [row] = children(api, org());
    const item = api.services.provider.getTreeItem(row);
    assert.equal(item.command?.command, 'workspacesFleet.signInIdentityCenter');
    ui();
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
    assert.equal(opened.length, 2, 'the device page opened again');
    await waitFor('the accounts back', () =>
      children(api, org()).some((n) => /^2 accounts without WorkSpaces$/.test(label(api, n))),
    );
  });

  it('Write Profiles: shows every section first, appends them only on Append, and the accounts then show as those profiles', async () => {
    const file = join(fx.awsDir, 'config');
    const before = readFileSync(file, 'utf8');
    let u = ui();
    u.answer(escape);
    await run('writeIdentityCenterProfiles', org());
    assert.equal(u.modals.length, 1);
    assert.equal(readFileSync(file, 'utf8'), before, 'nothing written without Append');

    u = ui();
    u.answer(press('Append'));
    const names = (await run('writeIdentityCenterProfiles', org())) as string[];
    const [modal] = u.modals;
    assert.equal(modal.message, `Append 3 profiles to ${file}?`);
    for (const a of EXTRA) assert.ok(modal.detail?.includes(`sso_account_id = ${a}`), `${a} in the preview`);
    const after = readFileSync(file, 'utf8');
    assert.ok(after.startsWith(before), 'the file is appended to, nothing else changes');
    assert.equal(names.length, 3);
    for (const n of names) assert.ok(after.includes(`[profile ${n}]`));
    // The organisation leaves the view; its accounts are now profiles of the file (signed in through
    // the same session), listed like any other.
    await api.services.fleet.loadProfiles(true);
    await waitFor('the written profiles shown', () => {
      const roots = children(api).map((n) => label(api, n));
      return !roots.includes(SESSION) && names.every((n) => roots.includes(n));
    });
  });
});
