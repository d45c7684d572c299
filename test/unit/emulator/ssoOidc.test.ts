// The emulator's SSO OIDC (the device authorization flow of `aws sso login`, and the refresh token
// grant of the SDK's token provider) through the real @aws-sdk/client-sso-oidc over HTTP, with the
// approval page a person sees in the browser.
import { ListAccountsCommand, LogoutCommand } from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  type SSOOIDCClient,
  StartDeviceAuthorizationCommand,
  type RegisterClientCommandOutput,
  type StartDeviceAuthorizationCommandOutput,
} from '@aws-sdk/client-sso-oidc';
import assert from 'node:assert/strict';
import { ADMIN_USER, DEVELOPER_USER, startEmulator, type Emulator } from '../../emulator';
import { identityCenterClients, rejection } from './helpers';

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';

describe('emulator: SSO OIDC, the device flow and refresh tokens, with the real SSO OIDC client', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let oidc: SSOOIDCClient;
  before(async () => {
    emu = await startEmulator({ quota: false, identityCenter: { quota: false } });
    oidc = identityCenterClients(emu).oidc;
  });
  beforeEach(() => emu.resetCounts());
  after(() => emu.stop());

  const register = (clientName = 'botocore-client-corp'): Promise<RegisterClientCommandOutput> =>
    oidc.send(new RegisterClientCommand({ clientName, clientType: 'public', scopes: ['sso:account:access'] }));
  const start = (c: RegisterClientCommandOutput): Promise<StartDeviceAuthorizationCommandOutput> =>
    oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        startUrl: emu.identityCenter.startUrl,
      }),
    );
  const poll = (c: RegisterClientCommandOutput, d: StartDeviceAuthorizationCommandOutput) =>
    oidc.send(
      new CreateTokenCommand({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        grantType: DEVICE_CODE,
        deviceCode: d.deviceCode,
      }),
    );
  const refresh = (c: RegisterClientCommandOutput, refreshToken: string | undefined) =>
    oidc.send(
      new CreateTokenCommand({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        grantType: 'refresh_token',
        refreshToken,
      }),
    );
  /** The OIDC error a call fails with: its shape name, HTTP status and OAuth members. */
  const failure = async (p: Promise<unknown>): Promise<[string, number | undefined, string, string]> => {
    const e = (await rejection(p)) as Awaited<ReturnType<typeof rejection>> & {
      error?: string;
      error_description?: string;
    };
    return [e.name, e.$metadata?.httpStatusCode, e.error ?? '', e.error_description ?? ''];
  };
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  /** The approval page's form POST, as the browser sends it. */
  const decide = (userCode: string, decision: 'approve' | 'deny', user = ADMIN_USER): Promise<Response> =>
    fetch(`${emu.url}/__emulator/sso/device`, {
      method: 'POST',
      body: new URLSearchParams({ user_code: userCode, user, decision }),
    });

  it('RegisterClient: a public client with the sso:account:access scope; other client types and scopes are refused', async () => {
    const c = await register();
    assert.ok(c.clientId && c.clientSecret);
    assert.equal(typeof c.clientIdIssuedAt, 'number');
    assert.equal(c.clientSecretExpiresAt! - c.clientIdIssuedAt!, 90 * 86400, 'epoch seconds, 90 days apart');
    const confidential = oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' }));
    assert.deepEqual((await failure(confidential)).slice(0, 3), [
      'InvalidClientMetadataException',
      400,
      'invalid_client_metadata',
    ]);
    const scope = oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public', scopes: ['admin'] }));
    assert.deepEqual((await failure(scope)).slice(0, 3), ['InvalidScopeException', 400, 'invalid_scope']);
  });

  it('the device flow end to end: pending until approved on the page, then a token the portal takes, once', async () => {
    const c = await register();
    const d = await start(c);
    assert.match(d.userCode!, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(d.verificationUri, `${emu.url}/__emulator/sso/device`);
    assert.equal(d.verificationUriComplete, `${d.verificationUri}?user_code=${d.userCode}`);
    assert.deepEqual([d.expiresIn, d.interval], [600, 1]);
    assert.deepEqual(await failure(poll(c, d)), [
      'AuthorizationPendingException',
      400,
      'authorization_pending',
      'Authorization is still pending',
    ]);

    // The page the CLI opens: the client's name, the code, Approve and Deny.
    const page = await (await fetch(d.verificationUriComplete)).text();
    assert.ok(page.includes('botocore-client-corp') && page.includes(d.userCode!));
    assert.ok(page.includes('value="approve"') && page.includes('value="deny"'));
    const approved = await decide(d.userCode!, 'approve', DEVELOPER_USER);
    assert.equal(approved.status, 200);
    assert.match(await approved.text(), /approved/);

    // Approved: the next poll gets the token (slow_down is for pending requests).
    const t = await poll(c, d);
    assert.equal(t.tokenType, 'Bearer');
    assert.equal(t.expiresIn, 3600);
    assert.ok(t.accessToken && t.refreshToken, 'a client registered with scopes gets a refresh token');
    const { portal } = identityCenterClients(emu);
    const mine = await portal.send(new ListAccountsCommand({ accessToken: t.accessToken }));
    assert.deepEqual(
      mine.accountList?.map((a) => a.accountName),
      ['sandbox-dev'],
      "the approver's accounts",
    );
    // A device code is redeemed once.
    assert.deepEqual(await failure(poll(c, d)), [
      'InvalidGrantException',
      400,
      'invalid_grant',
      'Invalid grant provided',
    ]);
    // Its page says so.
    assert.match(await (await fetch(d.verificationUriComplete)).text(), /is redeemed/);
  });

  it('polling faster than the interval is SlowDownException; at the interval, pending again', async () => {
    const c = await register();
    const d = await start(c);
    assert.equal((await failure(poll(c, d)))[0], 'AuthorizationPendingException');
    assert.deepEqual((await failure(poll(c, d))).slice(0, 3), ['SlowDownException', 400, 'slow_down']);
    await sleep(d.interval! * 1000);
    assert.equal((await failure(poll(c, d)))[0], 'AuthorizationPendingException');
  });

  it('a denied request is AccessDeniedException, an expired device code ExpiredTokenException; neither can be approved after', async () => {
    const c = await register();
    const denied = await start(c);
    assert.equal((await decide(denied.userCode!, 'deny')).status, 200);
    assert.deepEqual((await failure(poll(c, denied))).slice(0, 3), ['AccessDeniedException', 400, 'access_denied']);
    assert.equal((await decide(denied.userCode!, 'approve')).status, 400);

    const late = await start(c);
    emu.identityCenter.expireDeviceCode(late.userCode!);
    assert.deepEqual((await failure(poll(c, late))).slice(0, 3), ['ExpiredTokenException', 400, 'expired_token']);
    assert.throws(() => emu.identityCenter.approve(late.userCode!), /no longer pending/);
    assert.match(await (await fetch(late.verificationUriComplete!)).text(), /is expired/);
  });

  it("refresh_token: a new access token and the next refresh token; a used one, another client's or a logged-out session's is InvalidGrantException", async () => {
    const c = await register();
    const d = await start(c);
    emu.identityCenter.approve(d.userCode!);
    const first = await poll(c, d);
    const second = await refresh(c, first.refreshToken);
    assert.ok(second.accessToken && second.refreshToken);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(emu.identityCenter.authorize(second.accessToken), ADMIN_USER);
    const invalidGrant = ['InvalidGrantException', 400, 'invalid_grant', 'Invalid grant provided'];
    assert.deepEqual(await failure(refresh(c, first.refreshToken)), invalidGrant, 'used');
    assert.deepEqual(await failure(refresh(await register(), second.refreshToken)), invalidGrant, "another client's");
    // Logout ends the session: its refresh token too.
    await identityCenterClients(emu).portal.send(new LogoutCommand({ accessToken: second.accessToken }));
    assert.deepEqual(await failure(refresh(c, second.refreshToken)), invalidGrant, 'logged out');
  });

  it('a wrong client secret is InvalidClientException (401), an unknown grant type UnsupportedGrantTypeException (400)', async () => {
    const c = await register();
    const wrong = { ...c, clientSecret: `${c.clientSecret}x` };
    assert.deepEqual((await failure(start(wrong))).slice(0, 3), ['InvalidClientException', 401, 'invalid_client']);
    const d = await start(c);
    assert.equal((await failure(poll(wrong, d)))[0], 'InvalidClientException');
    const implicit = oidc.send(
      new CreateTokenCommand({ clientId: c.clientId, clientSecret: c.clientSecret, grantType: 'implicit' }),
    );
    assert.deepEqual((await failure(implicit)).slice(0, 3), [
      'UnsupportedGrantTypeException',
      400,
      'unsupported_grant_type',
    ]);
    const elsewhere = oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        startUrl: 'https://d-1234567890.awsapps.com/start',
      }),
    );
    assert.equal((await failure(elsewhere))[0], 'InvalidRequestException');
  });

  it('the approval page escapes every string from the API, and the request log keeps no secret', async () => {
    const hostile = `<script>alert("x")</script>&'`;
    const c = await register(hostile);
    const d = await start(c);
    const page = await (await fetch(d.verificationUriComplete!)).text();
    assert.ok(!page.includes('<script>'));
    assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;'));
    const unknown = await (
      await fetch(`${d.verificationUri}?user_code=${encodeURIComponent('<b onclick="x">')}`)
    ).text();
    assert.ok(!unknown.includes('<b onclick') && unknown.includes('&lt;b onclick=&quot;x&quot;&gt;'));
    emu.identityCenter.approve(d.userCode!);
    const t = await poll(c, d);
    await refresh(c, t.refreshToken);
    const log = JSON.stringify(emu.requests());
    for (const secret of [c.clientSecret!, d.deviceCode!, t.accessToken!, t.refreshToken!]) {
      assert.ok(!log.includes(secret));
    }
    assert.ok(log.includes(c.clientId!), 'the client id is not a secret');
  });
});
