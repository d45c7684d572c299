// The emulator's SSO portal (IAM Identity Center) through the real @aws-sdk/client-sso over HTTP:
// paging of ListAccounts and ListAccountRoles, the bearer token's life, the portal's quota, and
// GetRoleCredentials, whose keys are the account's own for the WorkSpaces and CloudWatch APIs. Then
// the SDK's own fromSSO / fromIni over the config awsConfigFiles({ sso }) writes and a token cache file.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccounts,
  SSOClient,
  SSOServiceException,
  type RoleCredentials,
} from '@aws-sdk/client-sso';
import { DescribeWorkspacesCommand, StopWorkspacesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_CLOCK } from '../../../src/core/clock';
import {
  ADMIN_USER,
  DEFAULT_PAGE_SIZE,
  DEVELOPER_USER,
  NEWCOMER_USER,
  startEmulator,
  type EmulatedAccount,
  type Emulator,
} from '../../emulator';
import { clientFor, cloudwatchFor, identityCenterClients, rejection } from './helpers';

const PROD = '111111111111';
const DEV = '222222222222';

describe('emulator: the SSO portal (IAM Identity Center) with the real SSO client', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let portal: SSOClient;
  before(async () => {
    // 2 demo accounts + 18 = 20 accounts: the default page exactly; finance-prod and hr-prod have
    // WorkSpaces. The portal's quota is off but in its own test.
    emu = await startEmulator({
      quota: false,
      identityCenter: {
        accounts: 18,
        regions: ['us-east-1', 'eu-west-1'],
        withWorkspaces: 2,
        workspaces: 5,
        quota: false,
      },
    });
    portal = identityCenterClients(emu).portal;
  });
  beforeEach(() => emu.resetCounts());
  after(() => emu.stop());

  const ic = (): Emulator['identityCenter'] => emu.identityCenter;
  const accountsPages = async (accessToken: string, maxResults?: number): Promise<string[][]> => {
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const out = await portal.send(new ListAccountsCommand({ accessToken, maxResults, nextToken }));
      pages.push((out.accountList ?? []).map((a) => a.accountId!));
      nextToken = out.nextToken;
    } while (nextToken);
    return pages;
  };
  const credentialsOf = async (accessToken: string, accountId: string, roleName: string): Promise<RoleCredentials> =>
    (await portal.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }))).roleCredentials!;
  /** The account as the emulator's other APIs see a caller with these credentials. */
  const as = (accountId: string, c: RoleCredentials): EmulatedAccount => ({
    ...emu.account(accountId),
    accessKeyId: c.accessKeyId!,
    secretAccessKey: c.secretAccessKey!,
    sessionToken: c.sessionToken!,
  });

  it('ListAccounts pages by max_result and next_token: a page of exactly the max has a next token only when more follow', async () => {
    const { accessToken } = ic().issueToken(ADMIN_USER);
    const all = await portal.send(new ListAccountsCommand({ accessToken }));
    assert.equal(all.accountList?.length, DEFAULT_PAGE_SIZE, 'the default page is 20: the whole organisation');
    assert.equal(all.nextToken, undefined);
    assert.deepEqual(all.accountList?.[0], {
      accountId: PROD,
      accountName: 'sandbox-prod',
      emailAddress: 'aws+sandbox-prod@example.com',
    });
    assert.equal(all.accountList?.[2].accountName, 'finance-prod');
    const ids = all.accountList.map((a) => a.accountId!);

    const sevens = await accountsPages(accessToken, 7);
    assert.deepEqual(
      sevens.map((p) => p.length),
      [7, 7, 6],
    );
    const tens = await accountsPages(accessToken, 10);
    assert.deepEqual(
      tens.map((p) => p.length),
      [10, 10],
      'the last page is exactly the max, and has no next token',
    );
    assert.deepEqual(sevens.flat(), ids);
    assert.deepEqual(tens.flat(), ids);
    assert.deepEqual((await accountsPages(accessToken, 100)).flat(), ids);
    // The SDK's own paginator.
    const paged: string[] = [];
    for await (const page of paginateListAccounts({ client: portal, pageSize: 3 }, { accessToken })) {
      paged.push(...(page.accountList ?? []).map((a) => a.accountId!));
    }
    assert.deepEqual(paged, ids);
    assert.equal(emu.counts().byOp.ListAccounts, 1 + 3 + 2 + 1 + 7);

    // Only the accounts the user has a role in.
    assert.deepEqual(await accountsPages(ic().issueToken(DEVELOPER_USER).accessToken), [[DEV]]);
    const none = await portal.send(
      new ListAccountsCommand({ accessToken: ic().issueToken(NEWCOMER_USER).accessToken }),
    );
    assert.deepEqual(none.accountList, []);
  });

  it('out-of-range max_result and a next_token of another listing are InvalidRequestException (400)', async () => {
    const { accessToken } = ic().issueToken(ADMIN_USER);
    for (const maxResults of [0, 101]) {
      const e = await rejection(portal.send(new ListAccountsCommand({ accessToken, maxResults })));
      assert.equal(e.name, 'InvalidRequestException');
      assert.equal(e.$metadata?.httpStatusCode, 400);
      assert.equal(e.message, 'ResultSize parameter must be within the valid limits of: 1-100');
    }
    const first = await portal.send(new ListAccountsCommand({ accessToken, maxResults: 2 }));
    const roles = portal.send(
      new ListAccountRolesCommand({ accessToken, accountId: PROD, nextToken: first.nextToken }),
    );
    assert.equal((await rejection(roles)).name, 'InvalidRequestException', "ListAccounts' token in ListAccountRoles");
    const other = ic().issueToken(DEVELOPER_USER).accessToken;
    const e = await rejection(portal.send(new ListAccountsCommand({ accessToken: other, nextToken: first.nextToken })));
    assert.equal(e.name, 'InvalidRequestException', "another user's token");
    assert.equal((await rejection(portal.send(new ListAccountsCommand({ accessToken, nextToken: 'x' })))).name, e.name);
  });

  it("ListAccountRoles: the user's roles in an account, paged; an account not theirs is ResourceNotFoundException (404)", async () => {
    const { accessToken } = ic().issueToken(ADMIN_USER);
    const first = await portal.send(new ListAccountRolesCommand({ accessToken, accountId: PROD, maxResults: 2 }));
    assert.deepEqual(first.roleList, [
      { roleName: 'Billing', accountId: PROD },
      { roleName: 'ReadOnly', accountId: PROD },
    ]);
    assert.ok(first.nextToken);
    const rest = await portal.send(
      new ListAccountRolesCommand({ accessToken, accountId: PROD, maxResults: 2, nextToken: first.nextToken }),
    );
    assert.deepEqual(rest.roleList, [{ roleName: 'WorkSpacesAdmin', accountId: PROD }]);
    assert.equal(rest.nextToken, undefined);
    const extra = emu.account('legal-prod').accountId;
    const one = await portal.send(new ListAccountRolesCommand({ accessToken, accountId: extra }));
    assert.deepEqual(one.roleList, [{ roleName: 'WorkSpacesAdmin', accountId: extra }]);

    const dev = ic().issueToken(DEVELOPER_USER).accessToken;
    for (const [token, accountId] of [
      [dev, PROD],
      [accessToken, '999999999999'],
    ]) {
      const e = await rejection(portal.send(new ListAccountRolesCommand({ accessToken: token, accountId })));
      assert.equal(e.name, 'ResourceNotFoundException');
      assert.equal(e.$metadata?.httpStatusCode, 404);
    }
  });

  it('an unknown, expired or logged-out token is UnauthorizedException (401), as the SDK surfaces it', async () => {
    const unauthorized = async (accessToken: string): Promise<void> => {
      for (const call of [
        portal.send(new ListAccountsCommand({ accessToken })),
        portal.send(new ListAccountRolesCommand({ accessToken, accountId: PROD })),
        portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: PROD, roleName: 'WorkSpacesAdmin' })),
      ]) {
        const e = await rejection(call);
        assert.ok(e instanceof SSOServiceException);
        assert.equal(e.name, 'UnauthorizedException');
        assert.equal(e.$metadata?.httpStatusCode, 401);
        assert.equal(e.$fault, 'client');
        assert.equal(e.message, 'Session token not found or invalid');
      }
    };
    await unauthorized('aoaNotATokenOfThisIdentityCenter');

    const expiring = ic().issueToken(ADMIN_USER, { expiresInMs: 60_000 });
    assert.ok((await portal.send(new ListAccountsCommand({ accessToken: expiring.accessToken }))).accountList);
    ic().expireToken(expiring.accessToken);
    await unauthorized(expiring.accessToken);
    await unauthorized(ic().issueToken(ADMIN_USER, { expiresInMs: -1 }).accessToken);

    const { accessToken } = ic().issueToken(ADMIN_USER);
    await portal.send(new LogoutCommand({ accessToken }));
    await unauthorized(accessToken);
    assert.equal((await rejection(portal.send(new LogoutCommand({ accessToken })))).name, 'UnauthorizedException');
    const log = emu.requests();
    assert.ok(log.filter((r) => r.status === 200).every((r) => r.user === ADMIN_USER));
    assert.ok(!JSON.stringify(log).includes(accessToken), 'no bearer token in the request log');
  });

  it("the portal's quota is a bucket per user: TooManyRequestsException (429) when empty, counted as throttled; the SDK retries it", async () => {
    const user = 'quota@example.com';
    ic().addUser(user);
    ic().assign(user, PROD, 'ReadOnly');
    const saved = ic().quota();
    ic().setQuota({ rate: 0.01, burst: 3 });
    try {
      const { accessToken } = ic().issueToken(user);
      for (let i = 0; i < 3; i++) await portal.send(new ListAccountsCommand({ accessToken }));
      const e = await rejection(portal.send(new ListAccountsCommand({ accessToken })));
      assert.equal(e.name, 'TooManyRequestsException');
      assert.equal(e.$metadata?.httpStatusCode, 429);
      assert.equal(e.message, 'HTTP 429 Unknown Code');
      assert.deepEqual(emu.counts().throttledByOp, { ListAccounts: 1 });
      const last = emu.requests().at(-1)!;
      assert.deepEqual([last.fault, last.errorCode, last.user], ['quota', 'TooManyRequestsException', user]);
      // Another user's bucket is full.
      await portal.send(new ListAccountsCommand({ accessToken: ic().issueToken(ADMIN_USER).accessToken }));
    } finally {
      ic().setQuota(saved);
    }
    const { accessToken } = ic().issueToken(ADMIN_USER);
    emu.failNext('ListAccountRoles', 'throttle');
    const e = await rejection(portal.send(new ListAccountRolesCommand({ accessToken, accountId: PROD })));
    assert.deepEqual([e.name, e.$metadata?.httpStatusCode], ['TooManyRequestsException', 429]);
    emu.failNext('ListAccountRoles', 'throttle');
    const retrying = new SSOClient({ region: ic().region, endpoint: emu.url });
    const out = await retrying.send(new ListAccountRolesCommand({ accessToken, accountId: PROD }));
    assert.equal(out.$metadata.attempts, 2, 'the SDK retries a 429');
  });

  it("GetRoleCredentials: the account's own temporary keys, for its WorkSpaces and CloudWatch, in real time; a role's permission set applies", async () => {
    const { accessToken } = ic().issueToken(ADMIN_USER);
    const finance = emu.account('finance-prod').accountId;
    const before = SYSTEM_CLOCK.now();
    const c = await credentialsOf(accessToken, finance, 'WorkSpacesAdmin');
    assert.match(c.accessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.ok(c.secretAccessKey && c.sessionToken);
    assert.ok(Math.abs(c.expiration! - (before + 3600_000)) < 5000, 'expiration: epoch ms, an hour from now');

    const ids = async (account: EmulatedAccount, region: string): Promise<string[]> =>
      ((await clientFor(emu, account, region).send(new DescribeWorkspacesCommand({}))).Workspaces ?? [])
        .map((w) => w.WorkspaceId!)
        .sort();
    const mine = as(finance, c);
    for (const region of ['us-east-1', 'eu-west-1']) {
      const seen = await ids(mine, region);
      assert.equal(seen.length, 5);
      assert.deepEqual(seen, emu.world(finance, region).workspaceIds());
    }
    const described = emu.requests().filter((r) => r.op === 'DescribeWorkspaces');
    assert.ok(described.every((r) => r.accountId === finance && r.accessKeyId === c.accessKeyId));
    // Another account's WorkSpace is not found with these keys, and is left alone.
    const stop = await clientFor(emu, mine).send(
      new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: 'ws-a1c3e5g7i' }] }),
    );
    assert.equal(stop.FailedRequests?.[0].ErrorCode, 'ResourceNotFound.Workspace');
    assert.equal(emu.world(PROD, 'us-east-1').getWorkspace('ws-a1c3e5g7i')?.State, 'AVAILABLE');
    // An account of the organisation without WorkSpaces.
    const legal = emu.account('legal-prod').accountId;
    assert.deepEqual(await ids(as(legal, await credentialsOf(accessToken, legal, 'WorkSpacesAdmin')), 'us-east-1'), []);
    // CloudWatch takes them too.
    const usage = await cloudwatchFor(emu, mine).send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          {
            Id: 'm',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/WorkSpaces',
                MetricName: 'UserConnected',
                Dimensions: [{ Name: 'WorkspaceId', Value: emu.world(finance, 'us-east-1').workspaceIds()[0] }],
              },
              Period: 3600,
              Stat: 'Maximum',
            },
          },
        ],
        StartTime: new Date(before - 86400_000),
        EndTime: new Date(before),
      }),
    );
    assert.equal(usage.MetricDataResults?.[0].Id, 'm');

    // ReadOnly describes but may not act; Billing may not even describe.
    const readOnly = as(PROD, await credentialsOf(accessToken, PROD, 'ReadOnly'));
    assert.ok((await ids(readOnly, 'us-east-1')).includes('ws-a1c3e5g7i'));
    const denied = await rejection(
      clientFor(emu, readOnly).send(
        new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: 'ws-a1c3e5g7i' }] }),
      ),
    );
    assert.equal(denied.name, 'AccessDeniedException');
    assert.match(
      denied.message,
      /assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/admin@example\.com .*workspaces:StopWorkspaces/,
    );
    const billing = as(PROD, await credentialsOf(accessToken, PROD, 'Billing'));
    assert.equal((await rejection(ids(billing, 'us-east-1'))).name, 'AccessDeniedException');
  });

  it('GetRoleCredentials of a role the user has no assignment for, or of an account not theirs, is ForbiddenException "No access" (403)', async () => {
    const admin = ic().issueToken(ADMIN_USER).accessToken;
    const dev = ic().issueToken(DEVELOPER_USER).accessToken;
    for (const [token, accountId, role] of [
      [admin, DEV, 'Billing'],
      [admin, '999999999999', 'WorkSpacesAdmin'],
      [admin, PROD, 'NoSuchRole'],
      [dev, DEV, 'WorkSpacesAdmin'],
      [dev, PROD, 'ReadOnly'],
    ]) {
      const e = await rejection(credentialsOf(token, accountId, role));
      assert.ok(e instanceof SSOServiceException, `${accountId} ${role}`);
      assert.equal(e.name, 'ForbiddenException');
      assert.equal(e.message, 'No access');
      assert.equal(e.$metadata?.httpStatusCode, 403);
    }
    assert.ok((await credentialsOf(dev, DEV, 'ReadOnly')).accessKeyId);
  });

  it('an organisation of 50 accounts × 4 regions: most without WorkSpaces, a few with; reset keeps tokens and restores the assignments', async () => {
    const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
    const big = await startEmulator({ quota: false, identityCenter: { accounts: 48, regions, quota: false } });
    try {
      const org = big.identityCenter.accounts();
      assert.equal(org.length, 50);
      assert.equal(new Set(org.map((a) => a.accountName)).size, 50);
      assert.equal(new Set(org.map((a) => a.accountId)).size, 50);
      const extras = org.slice(2).map((a) => big.account(a.accountId));
      assert.ok(extras.every((a) => a.regions.length === 4 && /^AKIA[A-Z0-9]{16}$/.test(a.accessKeyId)));
      const withWorkspaces = extras.filter((a) =>
        regions.every((r) => big.world(a.accountId, r).workspaceIds().length === 8),
      );
      assert.equal(withWorkspaces.length, 5, '⌈48 / 10⌉ accounts have 8 WorkSpaces in every region');
      assert.ok(
        extras
          .filter((a) => !withWorkspaces.includes(a))
          .every((a) => regions.every((r) => big.world(a.accountId, r).workspaceIds().length === 0)),
      );
      assert.ok(
        !big.awsConfigFiles().config.includes(extras[0].profile),
        'the extra accounts have no profile of their own',
      );

      const grant = big.identityCenter.issueToken(DEVELOPER_USER);
      big.identityCenter.assign(DEVELOPER_USER, extras[0].accountId, 'WorkSpacesAdmin');
      assert.deepEqual(big.identityCenter.rolesOf(DEVELOPER_USER, extras[0].accountId), ['WorkSpacesAdmin']);
      big.reset();
      assert.equal(big.identityCenter.authorize(grant.accessToken), DEVELOPER_USER);
      assert.deepEqual(big.identityCenter.rolesOf(DEVELOPER_USER, extras[0].accountId), []);
      assert.deepEqual(big.identityCenter.rolesOf(DEVELOPER_USER, DEV), ['ReadOnly']);
    } finally {
      await big.stop();
    }
  });

  describe("the SDK's own fromSSO and fromIni over awsConfigFiles({ sso }) and a token cache file", () => {
    const ENV = [
      'HOME',
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'AWS_PROFILE',
      'AWS_ENDPOINT_URL_SSO',
      'AWS_ENDPOINT_URL_SSO_OIDC',
      'AWS_ENDPOINT_URL_WORKSPACES',
      'AWS_ENDPOINT_URL_CLOUDWATCH',
      'AWS_ENDPOINT_URL_STS',
    ];
    const saved = new Map<string, string | undefined>();
    const dirs: string[] = [];
    let sessions = 0;
    before(() => ENV.forEach((k) => saved.set(k, process.env[k])));
    afterEach(() => {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });
    after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

    /**
     * A fresh home with the emulator's config (an sso-session of its own name: the SDK remembers a
     * session's last refresh for 30 s) and the cached token of `grant`; process.env points at it.
     */
    function signedIn(grant = ic().issueToken(ADMIN_USER), opts: { endpointEnv?: boolean } = {}) {
      const home = mkdtempSync(join(tmpdir(), 'wsf-sso-'));
      dirs.push(home);
      const session = `corp${++sessions}`;
      const finance = emu.account('finance-prod');
      const profile = `${session}-finance`;
      const files = emu.awsConfigFiles({
        sso: { session, profiles: [{ name: profile, accountId: finance.accountId, roleName: 'WorkSpacesAdmin' }] },
      });
      mkdirSync(join(home, '.aws'));
      writeFileSync(join(home, '.aws', 'config'), files.config);
      writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
      const cache = ic().writeTokenCache(home, grant, { session });
      Object.assign(process.env, {
        HOME: home,
        AWS_CONFIG_FILE: join(home, '.aws', 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
      });
      delete process.env.AWS_PROFILE;
      if (opts.endpointEnv !== false) Object.assign(process.env, ic().endpointEnv());
      else ['AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC'].forEach((k) => delete process.env[k]);
      return { profile, finance, cache, grant };
    }
    const listed = async (finance: EmulatedAccount, credentials: ReturnType<typeof fromSSO>): Promise<number> => {
      const client = clientFor(emu, finance, 'us-east-1', { credentials });
      return ((await client.send(new DescribeWorkspacesCommand({}))).Workspaces ?? []).length;
    };

    it("fromSSO resolves a profile of the sso-session with the cached token: GetRoleCredentials, then the account's WorkSpaces", async () => {
      const { profile, finance } = signedIn();
      assert.equal(await listed(finance, fromSSO({ profile })), 5);
      // A discovered account has no profile, so no endpoint_url: endpointEnv() names the emulator for WorkSpaces too.
      const bare = new WorkSpacesClient({ region: 'us-east-1', credentials: fromSSO({ profile }) });
      assert.equal((await bare.send(new DescribeWorkspacesCommand({}))).Workspaces?.length, 5);
      const creds = emu.requests().find((r) => r.op === 'GetRoleCredentials')!;
      assert.deepEqual(creds.params, { accountId: finance.accountId, roleName: 'WorkSpacesAdmin' });
      assert.equal(creds.user, ADMIN_USER);
      assert.equal(emu.requests().find((r) => r.op === 'DescribeWorkspaces')?.accountId, finance.accountId);
      assert.equal(emu.counts().byOp.CreateToken, undefined, 'a token valid for an hour is not refreshed');
    });

    it('fromIni takes the same profile; so does the services section of the AWS_PROFILE profile, without the endpoint variables', async () => {
      const a = signedIn();
      assert.equal(await listed(a.finance, fromIni({ profile: a.profile })), 5);
      const b = signedIn(undefined, { endpointEnv: false });
      process.env.AWS_PROFILE = b.profile;
      assert.equal(await listed(b.finance, fromSSO({ profile: b.profile })), 5);
      assert.equal(emu.counts().byOp.GetRoleCredentials, 2);
    });

    it('a cached token about to expire is refreshed through OIDC (refresh_token) and the new one written to the cache', async () => {
      const { profile, finance, cache, grant } = signedIn(ic().issueToken(ADMIN_USER, { expiresInMs: 60_000 }));
      assert.equal(await listed(finance, fromSSO({ profile })), 5);
      assert.equal(emu.counts().byOp.CreateToken, 1);
      assert.deepEqual(emu.requests().find((r) => r.op === 'CreateToken')?.params, {
        clientId: grant.clientId,
        grantType: 'refresh_token',
      });
      const written = JSON.parse(readFileSync(cache, 'utf8')) as Record<string, string>;
      assert.notEqual(written.accessToken, grant.accessToken);
      assert.notEqual(written.refreshToken, grant.refreshToken);
      assert.ok(Date.parse(written.expiresAt) - SYSTEM_CLOCK.now() > 3500_000);
      // The old refresh token was used up; the new access token is the portal's.
      ic().authorize(written.accessToken);
    });

    it('an expired token whose session ended cannot be refreshed: the SDK asks for a new sign-in, and calls no portal', async () => {
      const grant = ic().issueToken(ADMIN_USER, { expiresInMs: 60_000 });
      ic().endSession(grant.accessToken);
      ic().expireToken(grant.accessToken);
      const { profile, finance } = signedIn({ ...grant, expiresAt: SYSTEM_CLOCK.now() - 1000 });
      const e = await rejection(listed(finance, fromSSO({ profile })));
      assert.match(e.message, /expired.*aws sso login/i);
      assert.equal(emu.counts().byOp.CreateToken, 1, 'one refresh attempt, refused');
      assert.equal(emu.requests().find((r) => r.op === 'CreateToken')?.errorCode, 'InvalidGrantException');
      assert.equal(emu.counts().byOp.GetRoleCredentials, undefined);
    });
  });
});
