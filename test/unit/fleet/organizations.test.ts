// The organisations of the settings (src/fleet/organizations.ts): what a hand-edited
// workspacesFleet.identityCenter.accounts value may hold, and what is taken of it.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsLayer } from '../../../src/aws';
import { FleetCache } from '../../../src/fleet/cache';
import type { Fleet } from '../../../src/fleet/fleet';
import { identityCenterChoices } from '../../../src/fleet/organizations';
import { ADMIN_USER } from '../../emulator';
import { testClock } from '../../support/clock';
import { waitFor } from '../../support/waitFor';
import { fleetOver, harness, type Harness } from '../aws/helpers';

describe('fleet/organizations: the settings', () => {
  it('takes well-formed organisations and drops what is not', () => {
    const c = identityCenterChoices({
      corp: {
        role: ' WorkSpacesAdmin ',
        regions: ['us-east-1', 'eu-west-1', 'moon-1', 7],
        accounts: ['111111111111', '12', 3],
      },
      all: { role: 'ReadOnly', regions: ['us-west-2'] },
      norole: { regions: ['us-east-1'] },
      noregions: { role: 'x' },
      junk: 'x',
    });
    assert.deepEqual(Object.keys(c).sort(), ['all', 'corp']);
    assert.deepEqual(c.corp, {
      role: 'WorkSpacesAdmin',
      regions: ['us-east-1', 'eu-west-1'],
      accounts: ['111111111111'],
    });
    assert.deepEqual(c.all, { role: 'ReadOnly', regions: ['us-west-2'] });
    assert.equal(Object.keys(identityCenterChoices(null)).length, 0);
    assert.equal(Object.keys(identityCenterChoices([1, 2])).length, 0);
  });

  it('an organisation named __proto__ or constructor is an entry like any other', () => {
    const raw = JSON.parse(
      '{"__proto__": {"role": "A", "regions": ["us-east-1"]}, "constructor": {"role": "B", "regions": ["us-east-1"]}}',
    ) as unknown;
    const c = identityCenterChoices(raw);
    assert.ok(Object.hasOwn(c, '__proto__'));
    const key: string = 'constructor';
    assert.equal(c[key].role, 'B');
  });
});

describe('fleet/organizations: a Fleet over an organisation of the emulator (IAM Identity Center)', function () {
  this.timeout(60_000);
  let h: Harness;
  let dir: string;
  const fleets: Fleet[] = [];
  const REGIONS = ['us-east-1', 'eu-west-1'];
  const choice = { corp: { role: 'WorkSpacesAdmin', regions: REGIONS } };

  before(async () => {
    h = await harness({
      latencyMs: 30,
      identityCenter: { accounts: 10, regions: REGIONS, withWorkspaces: 2, workspaces: 5, quota: false },
    });
    const files = h.emu.awsConfigFiles({ sso: { session: 'corp', profiles: [] } });
    h.writeConfig(files.config, files.credentials);
    dir = mkdtempSync(join(tmpdir(), 'wsf-org-'));
  });
  after(async () => {
    for (const f of fleets) f.dispose();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => h.emu.resetCounts());

  const layer = (): AwsLayer => h.newLayer({ env: { ...h.env, ...h.emu.identityCenter.endpointEnv() } });
  const open = async (settings = choice): Promise<Fleet> => {
    const f = fleetOver(layer(), {}, { cache: new FleetCache(join(dir, 'cache'), { clock: testClock() }) });
    fleets.push(f);
    await f.updateSettings({ profiles: [], regions: {}, includeEnvironment: false, identityCenter: settings });
    return f;
  };
  const calls = (op: string): number => h.emu.requests().filter((r) => r.op === op).length;
  const grant = (ms = 3_600_000) => h.emu.identityCenter.issueToken(ADMIN_USER, { expiresInMs: ms });

  it('shows every account with the role, in the chosen regions: one GetRoleCredentials per account, at most 8 scopes listing at once', async () => {
    h.emu.identityCenter.writeTokenCache(h.dir, grant(), { session: 'corp' });
    const f = await open();
    const [org] = f.organizations;
    assert.equal(org.state, 'ready', org.error?.message);
    assert.equal(org.shown, 12, '2 demo accounts + 10');
    const entries = f.profiles.filter((p) => p.info.organization?.source === 'corp');
    assert.equal(entries.length, 12);
    assert.ok(entries.every((e) => e.regions.join() === REGIONS.join()));
    const scopes = f.allScopes().filter((s) => s.scope.profile.startsWith('corp:'));
    assert.equal(scopes.length, 24);
    for (const s of scopes) s.ensureLoaded();
    await waitFor(
      'every scope listed',
      () => scopes.every((s) => !s.loading && s.workspaces.state === 'loaded'),
      60_000,
    );
    assert.equal(calls('GetRoleCredentials'), 12, 'once per account and role, not per region');
    assert.ok(
      h.emu.peakInFlight('DescribeWorkspaceDirectories') <= 8,
      `peak ${h.emu.peakInFlight('DescribeWorkspaceDirectories')}`,
    );
    const empty = entries.filter((e) =>
      e.scopes.every((s) => s.workspaces.items.size === 0 && s.directories.items.size === 0),
    );
    assert.ok(empty.length >= 8, `${empty.length} accounts without WorkSpaces`);
  });

  it('the next window uses the account list kept beside the cache: no portal listing at start-up', async () => {
    h.emu.identityCenter.writeTokenCache(h.dir, grant(), { session: 'corp' });
    const f = await open();
    assert.equal(f.organizations[0].shown, 12);
    assert.equal(calls('ListAccounts'), 0);
    assert.equal(calls('ListAccountRoles'), 0);
  });

  it('an expired session: one error for the organisation, none of its scopes started, no portal call', async () => {
    const dead = grant(-1000);
    h.emu.identityCenter.endSession(dead.accessToken);
    h.emu.identityCenter.writeTokenCache(h.dir, dead, { session: 'corp' });
    const f = await open();
    const [org] = f.organizations;
    assert.equal(org.state, 'error');
    assert.equal(org.error?.code, 'SsoTokenExpired');
    assert.equal(
      f.allScopes().filter((s) => s.scope.profile.startsWith('corp:')).length,
      0,
      'no scope, so no error row per account and region',
    );
    assert.equal(f.state, 'ready', 'the organisation row shows');
    assert.equal(calls('GetRoleCredentials') + calls('ListAccounts'), 0);
  });

  it('a session ended elsewhere (its token unexpired): Refresh is one sign-in error, the kept account list does not stand in for it', async () => {
    const live = grant();
    h.emu.identityCenter.writeTokenCache(h.dir, live, { session: 'corp' });
    const f = await open();
    assert.equal(f.organizations[0].state, 'ready');
    h.emu.identityCenter.endSession(live.accessToken);
    await f.refreshAll();
    const [org] = f.organizations;
    assert.equal(org.state, 'error');
    assert.equal(org.error?.code, 'SsoTokenExpired');
    assert.equal(f.allScopes().filter((s) => s.scope.profile.startsWith('corp:')).length, 0);
  });

  it('a session the config does not have: the organisation says so', async () => {
    const f = await open({ corp: choice.corp, nowhere: { role: 'X', regions: REGIONS } } as typeof choice);
    const nowhere = f.organizations.find((o) => o.id === 'nowhere');
    assert.equal(nowhere?.state, 'error');
    assert.match(nowhere?.error?.message ?? '', /no \[sso-session nowhere\]/);
  });
});
