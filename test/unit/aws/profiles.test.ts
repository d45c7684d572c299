// Profiles, endpoints and credentials: real shared files in a temp dir, the SDK's own loader and
// providers, real signed calls to the emulator.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAwsLayer, ENV_PROFILE, isAwsError, WORKSPACES_REGIONS } from '../../../src/aws';
import { collect, harness, rejection, type Harness } from './helpers';
// The SDK judges an SSO token's expiry by the wall clock: these tokens are dated by it.
import { SYSTEM_CLOCK } from '../../../src/core/clock';

describe('aws profiles and credentials', function () {
  this.timeout(20_000);
  let h: Harness;

  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 30, accounts: 2, directories: 1, movingRate: 0 } });
  });
  after(async () => h.close());
  afterEach(() => h.writeConfig());

  const ini = (sections: Record<string, Record<string, string>>): string =>
    Object.entries(sections)
      .map(
        ([name, kv]) =>
          `[${name}]\n${Object.entries(kv)
            .map(([k, v]) => (v.startsWith('\n') ? `${k} =${v}` : `${k} = ${v}`))
            .join('\n')}\n`,
      )
      .join('\n');

  it('lists the profiles of both files with region, endpoint, kind and source; AWS_PROFILE is the default', async () => {
    const [prod, dev] = h.emu.accounts;
    const layer = h.newLayer({ env: { ...h.env, AWS_PROFILE: dev.profile } });
    const profiles = await layer.listProfiles();
    assert.deepEqual(
      profiles.map((p) => p.name),
      [dev.profile, prod.profile],
    );
    const p = profiles[1];
    assert.equal(p.region, prod.regions[0]);
    assert.equal(p.endpointUrl, h.emu.url);
    assert.equal(p.kind, 'static');
    assert.equal(p.source, 'both');
    assert.equal(p.isDefault, false);
    assert.equal(profiles[0].isDefault, true);
    assert.deepEqual(layer.configFiles(), {
      config: h.env.AWS_CONFIG_FILE,
      credentials: h.env.AWS_SHARED_CREDENTIALS_FILE,
    });
  });

  it('settingsFingerprint: secrets never change it; region, endpoint, role, key id, source profile and SSO do', async () => {
    const base = {
      config: {
        'profile src': { region: 'us-east-1', endpoint_url: h.emu.url },
        'profile admin': {
          role_arn: 'arn:aws:iam::123456789012:role/admin',
          source_profile: 'src',
          region: 'eu-west-1',
          endpoint_url: h.emu.url,
        },
        'profile sso': {
          sso_session: 'corp',
          sso_account_id: '210987654321',
          sso_role_name: 'Admin',
          region: 'us-east-1',
        },
        'sso-session corp': { sso_start_url: 'https://corp.awsapps.com/start', sso_region: 'us-east-1' },
        'profile tmp': { region: 'us-east-1', endpoint_url: h.emu.url },
      } as Record<string, Record<string, string>>,
      credentials: {
        src: {
          aws_access_key_id: 'AKIAAAAAAAAAAAAAAAAA',
          aws_secret_access_key: 'secret-1',
          aws_session_token: 'token-1',
        },
        // What a token refresher writes: temporary keys and its own metadata.
        tmp: {
          aws_access_key_id: 'ASIAAAAAAAAAAAAAAAAA',
          aws_secret_access_key: 'secret-t1',
          aws_session_token: 'token-t1',
          x_security_token_expires: '2026-12-07T10:00:00+00:00',
          aws_expiration: '2026-12-07T10:00:00Z',
          x_principal_arn: 'arn:aws:sts::123456789012:assumed-role/dev/me',
        },
      } as Record<string, Record<string, string>>,
    };
    const fingerprints = async (
      change: (c: typeof base.config, k: typeof base.credentials) => void = () => undefined,
    ): Promise<Record<string, string>> => {
      const config = structuredClone(base.config);
      const credentials = structuredClone(base.credentials);
      change(config, credentials);
      h.writeConfig(ini(config), ini(credentials));
      const profiles = await h.newLayer().listProfiles();
      return Object.fromEntries(profiles.map((p) => [p.name, p.settingsFingerprint]));
    };
    const before = await fingerprints();
    assert.ok(Object.values(before).every((f) => /^[0-9a-f]{64}$/.test(f)));
    assert.equal(new Set(Object.values(before)).size, 4);
    const same = (what: string, f: Record<string, string>): void => assert.deepEqual(f, before, what);
    const differs = (what: string, f: Record<string, string>, profiles: string[]): void => {
      for (const p of profiles) assert.notEqual(f[p], before[p], `${what}: ${p} changes`);
    };
    same('a new secret key', await fingerprints((_c, k) => (k.src.aws_secret_access_key = 'secret-2')));
    same('a new session token', await fingerprints((_c, k) => (k.src.aws_session_token = 'token-2')));
    same(
      'a secret kept in the config file',
      await fingerprints((c) => (c['profile src'].aws_secret_access_key = 'secret-3')),
    );
    same(
      'the same settings in another order',
      await fingerprints((c) => {
        const { region, endpoint_url } = c['profile src'];
        c['profile src'] = { endpoint_url, region };
      }),
    );
    same(
      'rotated temporary keys (a new ASIA… id, secret, token and expiration)',
      await fingerprints((_c, k) => {
        k.tmp.aws_access_key_id = 'ASIABBBBBBBBBBBBBBBB';
        k.tmp.aws_secret_access_key = 'secret-t2';
        k.tmp.aws_session_token = 'token-t2';
        k.tmp.x_security_token_expires = '2026-12-07T11:00:00+00:00';
        k.tmp.aws_expiration = '2026-12-07T11:00:00Z';
      }),
    );
    differs(
      'a long-term key instead of temporary ones',
      await fingerprints((_c, k) => (k.tmp.aws_access_key_id = 'AKIACCCCCCCCCCCCCCCC')),
      ['tmp'],
    );
    differs(
      'a role named in the credentials file',
      await fingerprints((_c, k) => {
        k.tmp.role_arn = 'arn:aws:iam::123456789012:role/admin';
        k.tmp.source_profile = 'src';
      }),
      ['tmp'],
    );
    differs('region', await fingerprints((c) => (c['profile admin'].region = 'us-west-2')), ['admin']);
    differs('endpoint', await fingerprints((c) => (c['profile src'].endpoint_url = 'http://127.0.0.1:9')), [
      'src',
      'admin',
    ]);
    differs('role', await fingerprints((c) => (c['profile admin'].role_arn = 'arn:aws:iam::123456789012:role/ro')), [
      'admin',
    ]);
    differs('access key id', await fingerprints((_c, k) => (k.src.aws_access_key_id = 'AKIABBBBBBBBBBBBBBBB')), [
      'src',
      'admin',
    ]);
    differs('SSO session', await fingerprints((c) => (c['sso-session corp'].sso_start_url = 'https://other/start')), [
      'sso',
    ]);
    differs('SSO account', await fingerprints((c) => (c['profile sso'].sso_account_id = '999999999999')), ['sso']);
  });

  it('accountId from the settings that name it: role_arn, sso_account_id, aws_account_id', async () => {
    h.writeConfig(
      ini({
        'profile role': {
          role_arn: 'arn:aws:iam::123456789012:role/admin',
          source_profile: 'keys',
          region: 'us-east-1',
        },
        'profile sso': { sso_start_url: 'https://x/start', sso_region: 'us-east-1', sso_account_id: '210987654321' },
        'profile keys': { region: 'us-east-1', aws_account_id: '111122223333' },
        'profile plain': { region: 'us-east-1' },
      }),
      ini({
        keys: { aws_access_key_id: 'AKIA1', aws_secret_access_key: 's' },
        plain: { aws_access_key_id: 'AKIA2', aws_secret_access_key: 's' },
      }),
    );
    const profiles = await h.newLayer().listProfiles();
    assert.deepEqual(Object.fromEntries(profiles.map((p) => [p.name, p.accountId])), {
      role: '123456789012',
      sso: '210987654321',
      keys: '111122223333',
      plain: undefined,
    });
  });

  it('two profiles with different accounts see different fleets', async () => {
    const [prod, dev] = h.emu.accounts;
    const a = (await collect(h.api(prod.profile).workspaces())).items.map((w) => w.WorkspaceId);
    const b = (await collect(h.api(dev.profile).workspaces())).items.map((w) => w.WorkspaceId);
    assert.deepEqual([...a].sort(), h.emu.world(prod.accountId, 'us-east-1').workspaceIds());
    assert.deepEqual([...b].sort(), h.emu.world(dev.accountId, 'us-east-1').workspaceIds());
    assert.equal(a.filter((id) => b.includes(id)).length, 0);
    const accounts = new Set(
      h.emu
        .requests()
        .filter((r) => r.op === 'DescribeWorkspaces')
        .map((r) => r.accountId),
    );
    assert.deepEqual(accounts, new Set([prod.accountId, dev.accountId]));
  });

  it('honours endpoint_url and a services section per profile (not only for AWS_PROFILE)', async () => {
    const a = h.emu.accounts[0];
    const keys = { aws_access_key_id: a.accessKeyId, aws_secret_access_key: a.secretAccessKey };
    h.writeConfig(
      ini({
        'profile direct': { region: 'us-east-1', endpoint_url: h.emu.url },
        'profile viaservices': { region: 'us-east-1', services: 'local', endpoint_url: 'http://127.0.0.1:1' },
        'services local': { workspaces: `\n  endpoint_url = ${h.emu.url}` },
        'profile plain': { region: 'us-east-1' },
      }),
      ini({ direct: keys, viaservices: keys, plain: keys }),
    );
    // AWS_PROFILE names another profile: the SDK alone would send every client to its endpoint.
    const layer = h.newLayer({ env: { ...h.env, AWS_PROFILE: 'direct' } });
    const infos = new Map((await layer.listProfiles()).map((p) => [p.name, p]));
    assert.equal(infos.get('direct')?.endpointUrl, h.emu.url);
    assert.equal(infos.get('viaservices')?.endpointUrl, h.emu.url, 'services section wins over endpoint_url');
    assert.equal(infos.get('plain')?.endpointUrl, undefined);
    h.emu.resetCounts();
    for (const profile of ['direct', 'viaservices']) {
      const { items } = await collect(layer.api({ profile, region: 'us-east-1' }).workspaces());
      assert.equal(items.length, 30, profile);
    }
    assert.equal(h.emu.counts().byOp.DescribeWorkspaces, 4);
  });

  it('ignore_configured_endpoint_urls turns the profile endpoint off', async () => {
    h.writeConfig(
      ini({ 'profile x': { region: 'us-east-1', endpoint_url: h.emu.url, ignore_configured_endpoint_urls: 'true' } }),
      '',
    );
    const info = (await h.newLayer().listProfiles()).find((p) => p.name === 'x');
    assert.equal(info?.endpointUrl, undefined);
  });

  it('credential_process: a script printing JSON credentials works; a failing one is classified', async () => {
    const a = h.emu.accounts[0];
    const good = join(h.dir, 'creds-ok.js');
    const bad = join(h.dir, 'creds-bad.js');
    writeFileSync(
      good,
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(a.accessKeyId)}, SecretAccessKey: ${JSON.stringify(a.secretAccessKey)} }));\n`,
    );
    writeFileSync(bad, `process.stderr.write('token service unreachable\\n'); process.exit(3);\n`);
    const node = JSON.stringify(process.execPath);
    h.writeConfig(
      ini({
        'profile proc': {
          region: 'us-east-1',
          endpoint_url: h.emu.url,
          credential_process: `${node} ${JSON.stringify(good)}`,
        },
        'profile badproc': {
          region: 'us-east-1',
          endpoint_url: h.emu.url,
          credential_process: `${node} ${JSON.stringify(bad)}`,
        },
      }),
      '',
    );
    const layer = h.newLayer();
    const kinds = new Map((await layer.listProfiles()).map((p) => [p.name, p.kind]));
    assert.equal(kinds.get('proc'), 'process');
    const { items } = await collect(layer.api({ profile: 'proc', region: 'us-east-1' }).workspaces());
    assert.equal(items.length, 30);
    h.emu.resetCounts();
    const e = await rejection(collect(layer.api({ profile: 'badproc', region: 'us-east-1' }).workspaces()));
    assert.ok(isAwsError(e) && e.kind === 'credentials');
    assert.equal(e.reason, 'process');
    assert.match(e.message, /The credential_process of profile "badproc" failed/);
    assert.doesNotMatch(e.message, /creds-bad|token service unreachable/, 'neither the command nor its output');
    assert.match(e.hint ?? '', /credential_process/);
    assert.equal(h.emu.counts().total, 0, 'no request without credentials');
  });

  describe('SSO (token cache under a temp HOME)', () => {
    let savedHome: string | undefined;
    before(() => {
      // The SDK reads the SSO token cache from process.env.HOME (getHomeDir), not from the
      // layer's env: point it at the temp dir for these tests only.
      savedHome = process.env.HOME;
      process.env.HOME = h.dir;
      mkdirSync(join(h.dir, '.aws', 'sso', 'cache'), { recursive: true });
    });
    after(() => {
      process.env.HOME = savedHome;
    });

    const writeToken = (id: string, expiresAt: Date): void => {
      const file = join(h.dir, '.aws', 'sso', 'cache', `${createHash('sha1').update(id).digest('hex')}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          accessToken: 'expired-token',
          expiresAt: expiresAt.toISOString(),
          region: 'us-east-1',
          startUrl: 'https://corp.awsapps.com/start',
        }),
      );
    };

    const ssoConfig = (): string =>
      ini({
        'profile ssoprof': {
          sso_session: 'corp',
          sso_account_id: '111111111111',
          sso_role_name: 'Admin',
          region: 'us-east-1',
          endpoint_url: h.emu.url,
        },
        'sso-session corp': {
          sso_start_url: 'https://corp.awsapps.com/start',
          sso_region: 'us-east-1',
          sso_registration_scopes: 'sso:account:access',
        },
        'profile legacy': {
          sso_start_url: 'https://legacy.awsapps.com/start',
          sso_region: 'us-east-1',
          sso_account_id: '111111111111',
          sso_role_name: 'Admin',
          region: 'us-east-1',
          endpoint_url: h.emu.url,
        },
        'profile chained': {
          role_arn: 'arn:aws:iam::111111111111:role/Ops',
          source_profile: 'ssoprof',
          region: 'us-east-1',
          endpoint_url: h.emu.url,
        },
        'profile nosession': {
          sso_session: 'other',
          sso_account_id: '111111111111',
          sso_role_name: 'Admin',
          region: 'us-east-1',
          endpoint_url: h.emu.url,
        },
        'sso-session other': { sso_start_url: 'https://other.awsapps.com/start', sso_region: 'us-east-1' },
      });

    it('an expired SSO token is ssoExpired with the `aws sso login --profile X` hint', async () => {
      h.writeConfig(ssoConfig(), '');
      writeToken('corp', new Date(SYSTEM_CLOCK.now() - 3600_000));
      const layer = h.newLayer();
      const info = (await layer.listProfiles()).find((p) => p.name === 'ssoprof');
      assert.equal(info?.kind, 'sso');
      assert.equal(info?.ssoSession, 'corp');
      h.emu.resetCounts();
      const e = await rejection(collect(layer.api({ profile: 'ssoprof', region: 'us-east-1' }).workspaces()));
      assert.ok(isAwsError(e) && e.kind === 'credentials');
      assert.equal(e.reason, 'ssoExpired');
      assert.equal(e.profile, 'ssoprof');
      assert.match(e.hint, /aws sso login --profile ssoprof/);
      assert.equal(h.emu.counts().total, 0);
    });

    it('a legacy (sso_start_url) profile with an expired token is ssoExpired', async () => {
      h.writeConfig(ssoConfig(), '');
      writeToken('https://legacy.awsapps.com/start', new Date(SYSTEM_CLOCK.now() - 60_000));
      const e = await rejection(collect(h.newLayer().api({ profile: 'legacy', region: 'us-east-1' }).workspaces()));
      assert.ok(isAwsError(e) && e.kind === 'credentials' && e.reason === 'ssoExpired');
      assert.match(e.hint, /aws sso login --profile legacy/);
    });

    it('no token at all is ssoMissing', async () => {
      h.writeConfig(ssoConfig(), '');
      const e = await rejection(collect(h.newLayer().api({ profile: 'nosession', region: 'us-east-1' }).workspaces()));
      assert.ok(isAwsError(e) && e.kind === 'credentials');
      assert.equal(e.reason, 'ssoMissing');
      assert.match(e.hint ?? '', /aws sso login --profile nosession/);
    });

    it('an assume-role profile whose source is SSO points the hint at the SSO profile', async () => {
      h.writeConfig(ssoConfig(), '');
      writeToken('corp', new Date(SYSTEM_CLOCK.now() - 3600_000));
      // fromIni does not pass the config path on to the SSO step of a chain: it reads
      // AWS_CONFIG_FILE from process.env (in VS Code that is where the layer's paths come from).
      const savedConfig = process.env.AWS_CONFIG_FILE;
      process.env.AWS_CONFIG_FILE = h.env.AWS_CONFIG_FILE;
      try {
        const layer = h.newLayer();
        assert.equal((await layer.listProfiles()).find((p) => p.name === 'chained')?.kind, 'assumeRole');
        const e = await rejection(collect(layer.api({ profile: 'chained', region: 'us-east-1' }).workspaces()));
        assert.ok(isAwsError(e) && e.kind === 'credentials' && e.reason === 'ssoExpired', String(e));
        assert.equal(e.profile, 'chained');
        assert.match(e.hint, /aws sso login --profile ssoprof/);
      } finally {
        if (savedConfig === undefined) delete process.env.AWS_CONFIG_FILE;
        else process.env.AWS_CONFIG_FILE = savedConfig;
      }
    });
  });

  it('a missing profile and an unknown source_profile are profileNotFound', async () => {
    h.writeConfig(
      ini({
        'profile orphan': {
          role_arn: 'arn:aws:iam::111111111111:role/x',
          source_profile: 'ghost',
          region: 'us-east-1',
          endpoint_url: h.emu.url,
        },
      }),
      '',
    );
    const layer = h.newLayer();
    const e1 = await rejection(collect(layer.api({ profile: 'nope', region: 'us-east-1' }).workspaces()));
    assert.ok(isAwsError(e1) && e1.kind === 'credentials' && e1.reason === 'profileNotFound');
    assert.match(e1.message, /"nope"/);
    const e2 = await rejection(collect(layer.api({ profile: 'orphan', region: 'us-east-1' }).workspaces()));
    assert.ok(isAwsError(e2) && e2.kind === 'credentials' && e2.reason === 'profileNotFound');
    assert.match(e2.message, /"ghost"/);
  });

  it('reload() drops the clients of changed profiles only, and reports what changed', async () => {
    const [prod, dev] = h.emu.accounts;
    const files = h.emu.awsConfigFiles();
    const broken = files.credentials.replace(prod.secretAccessKey, 'wrong-secret');
    h.writeConfig(files.config, broken);
    const layer = h.newLayer();
    const prodApi = layer.api({ profile: prod.profile, region: 'us-east-1' });
    const devApi = layer.api({ profile: dev.profile, region: 'us-east-1' });
    const e = await rejection(collect(prodApi.workspaces()));
    assert.ok(isAwsError(e) && e.kind === 'credentials' && e.reason === 'invalidKeys');
    assert.equal((await collect(devApi.workspaces())).items.length, 30);

    // A new secret is not another identity: nothing is reported changed (nothing is re-listed), and
    // the same api object's next call signs with the new secret.
    h.writeConfig(files.config, files.credentials);
    assert.deepEqual(await layer.reload(), { changed: [] });
    assert.equal((await collect(prodApi.workspaces())).items.length, 30);
    assert.deepEqual(await layer.reload(), { changed: [] });
    // Another long-term access key id may be another IAM user, of another account: changed.
    h.writeConfig(files.config, files.credentials.replace(prod.accessKeyId, dev.accessKeyId));
    assert.deepEqual(await layer.reload(), { changed: [prod.profile] });
    h.writeConfig(files.config, files.credentials);
    assert.deepEqual(await layer.reload(), { changed: [prod.profile] });

    h.writeConfig(files.config + `\n[profile added]\nregion = eu-west-1\n`, files.credentials);
    assert.deepEqual(await layer.reload(), { changed: ['added'] });
    assert.ok((await layer.listProfiles()).some((p) => p.name === 'added' && p.region === 'eu-west-1'));
  });

  it('the environment pseudo-profile uses the env credentials, region and endpoint', async () => {
    const a = h.emu.accounts[1];
    const env = {
      HOME: h.dir,
      AWS_CONFIG_FILE: join(h.dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(h.dir, 'none2'),
      AWS_ACCESS_KEY_ID: a.accessKeyId,
      AWS_SECRET_ACCESS_KEY: a.secretAccessKey,
      ...(a.sessionToken ? { AWS_SESSION_TOKEN: a.sessionToken } : {}),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_WORKSPACES: h.emu.url,
    };
    const layer = h.newLayer({ env });
    const profiles = await layer.listProfiles();
    assert.match(profiles[0]?.settingsFingerprint ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(profiles, [
      {
        name: ENV_PROFILE,
        kind: 'env',
        source: 'env',
        isDefault: false,
        region: 'us-east-1',
        endpointUrl: h.emu.url,
        settingsFingerprint: profiles[0].settingsFingerprint,
      },
    ]);
    const { items } = await collect(layer.api({ profile: ENV_PROFILE, region: 'us-east-1' }).workspaces());
    assert.deepEqual(items.map((w) => w.WorkspaceId).sort(), h.emu.world(a.accountId, 'us-east-1').workspaceIds());
  });

  it("the environment's fingerprint names its role, container and web identity credentials and AWS_PROFILE, never a secret", async () => {
    const base: NodeJS.ProcessEnv = {
      HOME: h.dir,
      AWS_CONFIG_FILE: h.env.AWS_CONFIG_FILE,
      AWS_SHARED_CREDENTIALS_FILE: h.env.AWS_SHARED_CREDENTIALS_FILE,
      AWS_REGION: 'us-east-1',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/task-1',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-secret-1',
    };
    const fingerprint = async (env: NodeJS.ProcessEnv): Promise<string> => {
      const p = (await h.newLayer({ env }).listProfiles()).find((x) => x.name === ENV_PROFILE);
      assert.ok(p, 'the environment is listed');
      return p.settingsFingerprint;
    };
    const before = await fingerprint(base);
    assert.equal(
      await fingerprint({ ...base, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-secret-2' }),
      before,
      'a secret',
    );
    const others: Array<[string, NodeJS.ProcessEnv]> = [
      ['another container role', { ...base, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/task-2' }],
      ['a full container URI', { ...base, AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials' }],
      ['a web identity role', { ...base, AWS_ROLE_ARN: 'arn:aws:iam::222222222222:role/ci' }],
      ['a web identity token file', { ...base, AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token' }],
      ['AWS_PROFILE', { ...base, AWS_PROFILE: h.emu.accounts[1].profile }],
    ];
    const seen = new Set([before]);
    for (const [what, env] of others) {
      const f = await fingerprint(env);
      assert.ok(!seen.has(f), `${what} changes the fingerprint`);
      seen.add(f);
    }
    // The settings of the profile AWS_PROFILE names count too (the default chain reads them).
    const named = { ...base, AWS_PROFILE: h.emu.accounts[1].profile };
    const files = h.emu.awsConfigFiles();
    const withProfile = await fingerprint(named);
    h.writeConfig(
      files.config.replace(
        `[profile ${h.emu.accounts[1].profile}]\n`,
        `[profile ${h.emu.accounts[1].profile}]\ncli_pager = less\n`,
      ),
      files.credentials,
    );
    assert.notEqual(await fingerprint(named), withProfile, "AWS_PROFILE's settings");
  });

  it('sends the extension user agent', async () => {
    const agents: string[] = [];
    const server = createServer((req, res) => {
      agents.push(String(req.headers['user-agent'] ?? ''));
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end('{"Workspaces":[]}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      h.writeConfig(
        ini({ 'profile ua': { region: 'us-east-1', endpoint_url: url } }),
        ini({ ua: { aws_access_key_id: 'AKIAUA', aws_secret_access_key: 's' } }),
      );
      const layer = createAwsLayer({ userAgent: 'workspaces-fleet/9.9.9', env: h.env });
      try {
        await collect(layer.api({ profile: 'ua', region: 'us-east-1' }).workspaces());
      } finally {
        layer.dispose();
      }
      assert.equal(agents.length, 1);
      assert.match(agents[0], /workspaces-fleet\/9\.9\.9/);
    } finally {
      server.close();
    }
  });

  it('regions: the WorkSpaces list', () => {
    assert.ok(WORKSPACES_REGIONS.includes('us-east-1') && WORKSPACES_REGIONS.includes('il-central-1'));
    assert.equal(new Set(WORKSPACES_REGIONS).size, WORKSPACES_REGIONS.length);
  });
});
