// The AWS layer's IAM Identity Center (src/aws/identityCenter.ts, profiles.ts, layer.ts) against the
// emulator's portal and OIDC over HTTP (real SDK clients): the CLI's token cache (missing, expired,
// refreshed and written back), the device sign-in, the accounts and roles of the organisation with
// paging, and discovered accounts as profiles whose credentials come from GetRoleCredentials once
// per account and role, whatever the regions.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isAwsError } from '../../../src/core/errors';
import { discoveredName } from '../../../src/core/types';
import type { AwsLayer, SsoSource } from '../../../src/aws';
import { ADMIN_USER } from '../../emulator';
import { collect, harness, type Harness } from './helpers';

/** The shared config holding the emulator's [sso-session corp] only, a layer over it, and that source. */
async function corpLayer(h: Harness): Promise<{ layer: AwsLayer; source: SsoSource }> {
  const files = h.emu.awsConfigFiles({ sso: { session: 'corp', profiles: [] } });
  h.writeConfig(files.config, files.credentials);
  const layer = h.newLayer({ env: { ...h.env, ...h.emu.identityCenter.endpointEnv() } });
  const sources = await layer.ssoSources();
  const source = sources.find((s) => s.id === 'corp');
  assert.ok(source, `sources: ${sources.map((s) => s.id).join(', ')}`);
  return { layer, source };
}

describe('aws/identityCenter (the layer against the emulator’s IAM Identity Center)', function () {
  this.timeout(60_000);
  let h: Harness;
  let layer: AwsLayer;
  let source: SsoSource;

  before(async () => {
    // 2 demo accounts + 118 = 120 accounts: two pages of ListAccounts at 100.
    h = await harness({
      identityCenter: {
        accounts: 118,
        regions: ['us-east-1', 'eu-west-1'],
        withWorkspaces: 2,
        workspaces: 5,
        quota: false,
      },
    });
    ({ layer, source } = await corpLayer(h));
  });
  after(() => h.close());
  beforeEach(() => h.emu.resetCounts());

  const portalCalls = (op?: string): number =>
    h.emu
      .requests()
      .filter((r) =>
        op
          ? r.op === op
          : /^(ListAccounts|ListAccountRoles|GetRoleCredentials|CreateToken|RegisterClient|StartDeviceAuthorization)$/.test(
              r.op,
            ),
      ).length;
  const grant = (expiresInMs = 3_600_000) => h.emu.identityCenter.issueToken(ADMIN_USER, { expiresInMs });

  it('finds the sso-session of the config as a source, with its region, scopes and the endpoints', () => {
    assert.equal(source.kind, 'session');
    assert.equal(source.startUrl, h.emu.identityCenter.startUrl);
    assert.deepEqual(source.scopes, ['sso:account:access']);
    assert.ok(source.endpoints.portal && source.endpoints.oidc);
  });

  it('nobody signed in: SsoTokenMissing with a sign-in hint, and no call', async () => {
    assert.equal(await layer.identityCenter.signedIn(source), false);
    const e = await layer.identityCenter.accounts(source).catch((x: unknown) => x);
    assert.ok(isAwsError(e) && e.kind === 'credentials' && e.code === 'SsoTokenMissing', String(e));
    assert.match(e.hint ?? '', /Sign in again.*aws sso login --sso-session corp/);
    assert.equal(portalCalls(), 0);
  });

  it('lists every account of the organisation with its roles (ListAccounts paged, ListAccountRoles each)', async () => {
    h.emu.identityCenter.writeTokenCache(h.dir, grant(), { session: 'corp' });
    assert.equal(await layer.identityCenter.signedIn(source), true);
    const accounts = await layer.identityCenter.accounts(source);
    assert.equal(accounts.length, 120);
    assert.equal(portalCalls('ListAccounts'), 2, 'two pages');
    assert.equal(portalCalls('ListAccountRoles'), 120);
    const prod = accounts.find((a) => a.accountId === '111111111111');
    assert.ok(prod?.roles.includes('WorkSpacesAdmin'), JSON.stringify(prod));
    assert.ok(prod?.accountName, 'named');
    assert.deepEqual(
      accounts.map((a) => a.accountName ?? a.accountId),
      [...accounts.map((a) => a.accountName ?? a.accountId)].sort((x, y) => x.localeCompare(y)),
      'by name',
    );
  });

  it('an expired token that cannot be refreshed is SsoTokenExpired; one about to expire is refreshed and written back', async () => {
    const g = grant(60_000); // within the refresh window (5 min)
    const file = h.emu.identityCenter.writeTokenCache(h.dir, g, { session: 'corp' });
    assert.equal(file, layer.identityCenter.tokenFile(source), 'the CLI’s file is the layer’s');
    const t = await layer.identityCenter.token(source);
    assert.notEqual(t.accessToken, g.accessToken, 'refreshed');
    assert.equal(portalCalls('CreateToken'), 1);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    assert.equal(written.accessToken, t.accessToken);
    assert.match(written.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'the CLI’s format');
    assert.equal(written.startUrl, source.startUrl);
    // Expired and no longer refreshable (the session ended).
    h.emu.identityCenter.endSession(written.accessToken);
    const dead = grant(-1000);
    h.emu.identityCenter.endSession(dead.accessToken);
    h.emu.identityCenter.writeTokenCache(h.dir, dead, { session: 'corp' });
    const e = await layer.identityCenter.token(source).catch((x: unknown) => x);
    assert.ok(isAwsError(e) && e.code === 'SsoTokenExpired', String(e));
  });

  it('signs in with the device flow: the code is shown, approved in the browser, the token cached for the CLI too', async () => {
    rmSync(layer.identityCenter.tokenFile(source), { force: true }); // nobody ever signed in here
    const shown: string[] = [];
    const token = await layer.identityCenter.signIn(source, (code) => {
      shown.push(code.userCode);
      assert.match(code.verificationUriComplete ?? '', /user_code=/);
      // The person approves it on the page.
      setTimeout(() => h.emu.identityCenter.approve(code.userCode), 300);
    });
    assert.equal(shown.length, 1);
    assert.ok(token.refreshToken && token.clientId && token.clientSecret);
    assert.ok(existsSync(layer.identityCenter.tokenFile(source)));
    assert.equal(await layer.identityCenter.signedIn(source), true);
    assert.equal(portalCalls('RegisterClient'), 1);
    assert.equal(portalCalls('StartDeviceAuthorization'), 1);
    assert.ok(portalCalls('CreateToken') >= 1);
    // A second sign-in reuses the client registration the cache keeps (as the CLI does).
    h.emu.resetCounts();
    await layer.identityCenter.signIn(
      source,
      (code) => void setTimeout(() => h.emu.identityCenter.approve(code.userCode), 300),
    );
    assert.equal(portalCalls('RegisterClient'), 0);
  });

  it('a discovered account is a profile: its WorkSpaces in every region with one GetRoleCredentials', async () => {
    h.emu.identityCenter.writeTokenCache(h.dir, grant(), { session: 'corp' });
    const accounts = await layer.identityCenter.accounts(source);
    const prod = accounts.find((a) => a.accountId === '111111111111');
    assert.ok(prod);
    layer.setDiscovered([
      { source, accountId: prod.accountId, roleName: 'WorkSpacesAdmin', accountName: prod.accountName },
    ]);
    const name = discoveredName('corp', prod.accountId, 'WorkSpacesAdmin');
    const info = (await layer.listProfiles()).find((p) => p.name === name);
    assert.ok(info, 'listed with the profiles');
    assert.equal(info.kind, 'identityCenter');
    assert.equal(info.organization?.accountId, prod.accountId);
    assert.equal(info.accountId, prod.accountId, 'its account is known: it shares that account’s quota');
    h.emu.resetCounts();
    const east = await collect(layer.api({ profile: name, region: 'us-east-1' }).directories());
    const west = await collect(layer.api({ profile: name, region: 'eu-west-1' }).directories());
    assert.ok(east.items.length > 0 && west.items.length > 0);
    assert.equal(portalCalls('GetRoleCredentials'), 1, 'once per account and role');
    const described = h.emu.requests().filter((r) => r.op === 'DescribeWorkspaceDirectories');
    assert.ok(described.every((r) => r.accountId === prod.accountId));
  });

  it('a role the person may not take in an account: a clear error naming both', async () => {
    h.emu.identityCenter.writeTokenCache(h.dir, grant(), { session: 'corp' });
    const e = await layer.identityCenter.roleCredentials(source, '111111111111', 'NoSuchRole').catch((x: unknown) => x);
    assert.ok(isAwsError(e) && e.kind === 'credentials', String(e));
    assert.match(e.message, /does not let you take the role NoSuchRole in account 111111111111/);
  });
});

describe('aws/identityCenter: the portal throttles (TooManyRequestsException)', function () {
  this.timeout(60_000);
  let h: Harness;
  let layer: AwsLayer;
  let source: SsoSource;

  before(async () => {
    // An organisation of one account: every ListAccountRoles is that account's.
    h = await harness({
      seed: { kind: 'fleet', workspaces: 0, accounts: 1 },
      identityCenter: { quota: false },
    });
    ({ layer, source } = await corpLayer(h));
    h.emu.identityCenter.writeTokenCache(h.dir, h.emu.identityCenter.issueToken(ADMIN_USER), { session: 'corp' });
  });
  after(() => h.close());

  it('a ListAccountRoles and a GetRoleCredentials throttled three times in a row still come through (the SDK’s 3 attempts gave up)', async () => {
    const [account] = h.emu.accounts;
    h.emu.resetCounts();
    h.emu.failNext('ListAccountRoles', 'throttle', 3);
    const accounts = await layer.identityCenter.accounts(source);
    assert.deepEqual(
      accounts.map((a) => a.accountId),
      [account.accountId],
    );
    assert.ok(accounts[0].roles.includes('WorkSpacesAdmin'));
    h.emu.failNext('GetRoleCredentials', 'throttle', 3);
    const c = await layer.identityCenter.roleCredentials(source, account.accountId, 'WorkSpacesAdmin');
    assert.ok(c.accessKeyId && c.sessionToken);
    const calls = (op: string): number => h.emu.requests().filter((r) => r.op === op).length;
    assert.equal(calls('ListAccountRoles'), 4, '3 throttled + 1');
    assert.equal(calls('GetRoleCredentials'), 4, '3 throttled + 1');
  });
});
