// The persistent fleet cache (pure Node): round trip of real API data, versioning, damaged files,
// profile invalidation, size of a 10,000 fleet, and no credentials in what is stored.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspacesPoolsCommand,
  paginateDescribeWorkspaces,
  type WorkspaceDirectory,
  type WorkspaceImage,
  type WorkspacesPool,
} from '@aws-sdk/client-workspaces';
import { CACHE_VERSION, FleetCache, type ScopeSnapshot } from '../../../src/fleet/cache';
import type { WorkspaceView } from '../../../src/core/present';
import { startEmulator, type Emulator } from '../../emulator';
import { clientFor } from '../emulator/helpers';
import { testClock } from '../../support/clock';

interface Listed {
  directories: WorkspaceDirectory[];
  workspaces: WorkspaceView[];
  images: WorkspaceImage[];
  pools: WorkspacesPool[];
}

/** What a scope's listing brings, read with the real SDK from the emulator. */
async function list(emu: Emulator, profile: string, region?: string): Promise<Listed> {
  const account = emu.account(profile);
  const c = clientFor(emu, account, region ?? account.regions[0]);
  const workspaces: WorkspaceView[] = [];
  for await (const page of paginateDescribeWorkspaces({ client: c, pageSize: 25 }, {})) {
    workspaces.push(...(page.Workspaces ?? []));
  }
  for (let i = 0; i < workspaces.length; i += 25) {
    const part = workspaces.slice(i, i + 25);
    const st = await c.send(
      new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: part.map((w) => w.WorkspaceId!) }),
    );
    const byId = new Map((st.WorkspacesConnectionStatus ?? []).map((s) => [s.WorkspaceId, s]));
    for (const w of part) w.connection = byId.get(w.WorkspaceId);
  }
  workspaces[0].tags = [{ Key: 'team', Value: 'blue' }];
  const directories = (await c.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories ?? [];
  const images = (await c.send(new DescribeWorkspaceImagesCommand({}))).Images ?? [];
  const pools = (await c.send(new DescribeWorkspacesPoolsCommand({}))).WorkspacesPools ?? [];
  return { directories, workspaces, images, pools };
}

function snapshotOf(
  profile: string,
  region: string,
  fingerprint: string,
  l: Listed,
  at = 1_700_000_000_000,
): ScopeSnapshot {
  return {
    profile,
    region,
    fingerprint,
    accountId: '111111111111',
    directories: { loadedAt: at, items: l.directories },
    workspaces: { loadedAt: at, items: l.workspaces },
    images: { loadedAt: at, items: l.images },
    pools: { loadedAt: at, items: l.pools },
    firstSeen: Object.fromEntries(l.workspaces.map((w) => [w.WorkspaceId!, at - 1000])),
  };
}

describe('fleet cache (persistent, per scope)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let dir: string;
  let demo: Listed;

  before(async () => {
    emu = await startEmulator({ seed: 'demo', quota: false, transitionMs: 600_000 });
    demo = await list(emu, 'sandbox-prod');
  });
  after(() => emu.stop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsf-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips what the API returned, dates as dates, tags and connection status included', async () => {
    const cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 10 });
    cache.save('sandbox-prod', 'us-east-1', () => snapshotOf('sandbox-prod', 'us-east-1', 'fp1', demo));
    await cache.flush();
    const r = await cache.load('sandbox-prod', 'us-east-1', 'fp1');
    assert.equal(r.status, 'hit');
    if (r.status !== 'hit') return;
    assert.deepEqual(r.snapshot.workspaces?.items, demo.workspaces, 'every WorkSpace, field for field');
    assert.deepEqual(r.snapshot.directories?.items, demo.directories);
    assert.deepEqual(r.snapshot.images?.items, demo.images);
    assert.deepEqual(r.snapshot.pools?.items, demo.pools);
    const withDate = r.snapshot.workspaces.items.find((w) => w.connection?.LastKnownUserConnectionTimestamp);
    assert.ok(withDate?.connection?.LastKnownUserConnectionTimestamp instanceof Date, 'timestamps come back as Date');
    assert.deepEqual(r.snapshot.workspaces.items[0].tags, [{ Key: 'team', Value: 'blue' }]);
    assert.equal(r.snapshot.workspaces.loadedAt, 1_700_000_000_000);
    assert.equal(r.snapshot.accountId, '111111111111');
    assert.ok(r.savedAt > 0 && r.bytes > 0);
  });

  it('coalesces a burst of saves into one write with the latest data', async () => {
    const cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 50 });
    let calls = 0;
    for (let i = 0; i < 10; i++) {
      cache.save('p', 'r', () => {
        calls++;
        return snapshotOf('p', 'r', 'fp', { ...demo, workspaces: demo.workspaces.slice(0, i + 1) });
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await cache.flush();
    assert.equal(calls, 1);
    const r = await cache.load('p', 'r', 'fp');
    assert.equal(r.status === 'hit' && r.snapshot.workspaces?.items.length, 10);
  });

  it('ignores an entry of other profile settings, of another version, and a damaged file (then rewrites it)', async () => {
    const cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 0 });
    cache.save('p', 'r', () => snapshotOf('p', 'r', 'fp-old', demo));
    await cache.flush();
    assert.equal((await cache.load('p', 'r', 'fp-new')).status, 'stale');
    assert.equal((await cache.load('p', 'other-region', 'fp-old')).status, 'miss');

    const file = cache.fileOf('p', 'r');
    const stored = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Record<string, unknown>;
    writeFileSync(file, gzipSync(JSON.stringify({ ...stored, version: CACHE_VERSION + 1 })));
    assert.equal((await cache.load('p', 'r', 'fp-old')).status, 'otherVersion');

    for (const damaged of [
      Buffer.from('not gzip at all'),
      gzipSync('{"format":"workspaces-fleet-cache",'),
      gzipSync('null'),
    ]) {
      writeFileSync(file, damaged);
      const warnings: string[] = [];
      const c2 = new FleetCache(dir, {
        clock: testClock(),
        logger: { debug: () => undefined, warn: (m) => warnings.push(m) },
      });
      assert.equal((await c2.load('p', 'r', 'fp-old')).status, 'damaged');
      assert.equal(warnings.length, 1, 'a damaged file is logged once');
      assert.equal((await c2.load('p', 'r', 'fp-old')).status, 'miss', 'and removed');
    }
    cache.save('p', 'r', () => snapshotOf('p', 'r', 'fp-old', demo));
    await cache.flush();
    assert.equal((await cache.load('p', 'r', 'fp-old')).status, 'hit', 'the next listing rewrites it');
  });

  it('drops the entries of a removed or changed profile, keeps the others, and clears everything', async () => {
    const cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 0 });
    for (const [p, r] of [
      ['a', 'us-east-1'],
      ['a', 'eu-west-1'],
      ['b', 'us-east-1'],
      ['weird name/../x', 'us-east-1'],
    ]) {
      cache.save(p, r, () => snapshotOf(p, r, 'fp', demo));
    }
    await cache.flush();
    assert.equal((await cache.size()).entries, 4);
    await cache.dropProfile('a');
    assert.equal((await cache.load('a', 'us-east-1', 'fp')).status, 'miss');
    assert.equal((await cache.load('b', 'us-east-1', 'fp')).status, 'hit');
    assert.equal(await cache.retainProfiles(['b']), 1, 'the profile no longer in the shared files goes');
    assert.equal((await cache.load('weird name/../x', 'us-east-1', 'fp')).status, 'miss');
    assert.deepEqual(readdirSync(dir).length, 1, 'profile names never become paths');
    await cache.clear();
    assert.deepEqual(await cache.size(), { entries: 0, bytes: 0 });
  });

  it('stores 10,000 WorkSpaces (with status) well under 10 MB and never a credential', async () => {
    const big = await startEmulator({
      seed: { kind: 'fleet', workspaces: 10_000, directories: 8, movingRate: 0 },
      quota: false,
    });
    try {
      const listed = await list(big, 'sandbox-prod');
      assert.equal(listed.workspaces.length, 10_000);
      const cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 0 });
      cache.save('sandbox-prod', 'us-east-1', () => snapshotOf('sandbox-prod', 'us-east-1', 'fp', listed));
      await cache.flush();
      const { bytes } = await cache.size();
      assert.ok(bytes < 3 * 1024 * 1024, `10,000 WorkSpaces take ${(bytes / 1024 / 1024).toFixed(2)} MB`);
      const text = gunzipSync(readFileSync(cache.fileOf('sandbox-prod', 'us-east-1'))).toString('utf8');
      const account = big.account('sandbox-prod');
      for (const secret of [account.accessKeyId, account.secretAccessKey, account.sessionToken].filter(Boolean)) {
        assert.ok(!text.includes(secret!), 'no credential in the cache file');
      }
      assert.ok(!/aws_secret_access_key|Authorization|X-Amz-Security-Token/i.test(text));
    } finally {
      await big.stop();
    }
  });
});
