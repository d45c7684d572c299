// The fleet model while a token refresher rewrites the credentials file (real files, the real AWS
// layer and Fleet, the emulator issuing the new temporary keys as STS does): a rotation is not a
// changed profile — the listing goes on, the cache stays, the next calls sign with the new keys —
// while a real change (another endpoint) still re-lists and drops the cached entry.
import * as assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FleetCache } from '../../../src/fleet/cache';
import { Fleet } from '../../../src/fleet/fleet';
import type { ScopeModel } from '../../../src/fleet/scopeModel';
import type { EmulatorOptions } from '../../emulator';
import { harness, type Harness } from '../aws/helpers';
import { waitFor } from '../../support/waitFor';
import { testClock } from '../../support/clock';

const REGION = 'us-east-1';

describe('fleet model: a credentials file rewritten by a token refresher', function () {
  this.timeout(60_000);
  let h: Harness;
  let dir: string;
  let fleet: Fleet;
  let cache: FleetCache;

  async function setUp(
    emulator: EmulatorOptions,
  ): Promise<{ profile: string; model: ScopeModel; cancels: () => number }> {
    h = await harness(emulator);
    dir = mkdtempSync(join(tmpdir(), 'wsf-rotation-'));
    const profile = h.emu.accounts[0].profile;
    rotate(profile);
    cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 10 });
    fleet = new Fleet(
      () => Promise.resolve(h.layer),
      { profiles: [], regions: { [profile]: [REGION] }, includeEnvironment: false },
      { clock: testClock(), cache },
    );
    await fleet.loadProfiles();
    const model = fleet.scopeModel({ profile, region: REGION });
    assert.ok(model);
    // Observe the cancellations of the real model (a changed profile's scopes are cancelled).
    let n = 0;
    const cancel = model.cancel.bind(model);
    model.cancel = () => {
      n++;
      cancel();
    };
    return { profile, model, cancels: () => n };
  }

  afterEach(async () => {
    fleet.dispose();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * What a refresher does: new temporary keys (id, secret, session token, expiry) for the same
   * account, written over the credentials file (through a rename, as careful writers do, so that
   * no reader sees a half-written file). Returns the new access key id.
   */
  function rotate(profile: string, extra = ''): string {
    const c = h.emu.issueCredentials(profile);
    const file = h.env.AWS_SHARED_CREDENTIALS_FILE as string;
    writeFileSync(
      `${file}.tmp`,
      `[${profile}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\n` +
        `aws_session_token = ${c.sessionToken}\nx_security_token_expires = ${new Date(c.expiration).toISOString()}\n${extra}`,
    );
    renameSync(`${file}.tmp`, file);
    return c.accessKeyId;
  }

  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  it('rewritten every 200 ms for 10 s during a listing: it completes, is never cancelled, the cache stays, new keys sign', async () => {
    // 200 WorkSpaces at AWS's real quota (2 calls/s, burst 5): 17 calls, about 6 s.
    const { profile, model, cancels } = await setUp({
      seed: { kind: 'fleet', workspaces: 200, accounts: 1, regions: [REGION], directories: 2, movingRate: 0 },
      quota: { rate: 2, burst: 5 },
    });
    let done = false;
    const listing = model.refresh(['directories', 'workspaces']).finally(() => (done = true));
    const started = performance.now();
    let rewrites = 0;
    let duringListing = 0;
    let latestKey = '';
    while (performance.now() - started < 10_000) {
      await sleep(200);
      latestKey = rotate(profile);
      rewrites++;
      if (!done) duringListing++;
      // What the VS Code layer does when the file watcher fires.
      await fleet.loadProfiles(true);
    }
    await listing;
    assert.equal(cancels(), 0, 'the scope was never cancelled');
    assert.equal(model.workspaces.state, 'loaded');
    assert.equal(model.workspaces.items.size, 200);
    assert.ok(rewrites >= 30, `${rewrites} rewrites`);
    assert.ok(duringListing >= 10, `${duringListing} rewrites during the listing`);
    assert.equal(h.emu.counts().byOp.DescribeWorkspaces, 8, 'listed once: ⌈200/25⌉ pages, no re-listing');
    const keys = new Set(h.emu.requests().map((r) => r.accessKeyId));
    assert.ok(keys.size >= 5, `the calls after a rewrite sign with the new keys (${keys.size} keys used)`);
    // The cache entry of the scope was saved after the listing and kept through the rewrites since.
    await cache.flush();
    const entry = await cache.load(profile, REGION, model.fingerprint ?? '');
    assert.equal(entry.status, 'hit');
    assert.equal(entry.status === 'hit' ? entry.snapshot.workspaces?.items.length : 0, 200);
    // The next call signs with the latest keys.
    h.emu.resetCounts();
    await model.refreshWorkspaces([...model.workspaces.items.keys()].slice(0, 1));
    assert.deepEqual(
      [...new Set(h.emu.requests().map((r) => r.accessKeyId))],
      [latestKey],
      'the next call uses the keys written last',
    );
  });

  it('a real change (another endpoint) still cancels the scope, re-lists it and drops its cached entry', async () => {
    const { profile, model, cancels } = await setUp({
      seed: { kind: 'fleet', workspaces: 40, accounts: 1, regions: [REGION], directories: 1, movingRate: 0 },
    });
    await model.refresh(['directories', 'workspaces']);
    await cache.flush();
    const before = model.fingerprint ?? '';
    assert.equal((await cache.load(profile, REGION, before)).status, 'hit');
    // A rotation changes nothing of that...
    rotate(profile);
    await fleet.loadProfiles(true);
    assert.equal(cancels(), 0);
    assert.equal(model.fingerprint, before);
    // ...another endpoint (the same emulator under another name) does.
    h.emu.resetCounts();
    const config = h.emu.awsConfigFiles({ endpointUrl: h.emu.url.replace('127.0.0.1', 'localhost') }).config;
    writeFileSync(h.env.AWS_CONFIG_FILE as string, config);
    await fleet.loadProfiles(true);
    assert.equal(cancels(), 1, 'the scope was cancelled');
    assert.notEqual(model.fingerprint, before);
    await waitFor(
      'the scope re-listed',
      () => model.workspaces.state === 'loaded' && h.emu.counts().byOp.DescribeWorkspaces === 2,
    );
    await waitFor('the old entry dropped', async () => (await cache.load(profile, REGION, before)).status !== 'hit');
  });
});
