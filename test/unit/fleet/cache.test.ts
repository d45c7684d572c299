// The persistent fleet cache (pure Node): round trip of real API data, versioning, damaged files,
// profile invalidation, size of a 10,000 fleet, no credentials in what is stored, private files,
// leftovers of dead writers removed, and no entry decompressed past its cap.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
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
import { CACHE_VERSION, FleetCache, MAX_ENTRY_BYTES, type ScopeSnapshot } from '../../../src/fleet/cache';
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

  it('writes the folder 0700 and the files 0600, also over a folder an older version left 0755', async () => {
    if (process.platform === 'win32') return;
    const folder = join(dir, 'fleet-cache');
    const cache = new FleetCache(folder, { clock: testClock(), saveDelayMs: 0 });
    cache.save('p', 'r', () => snapshotOf('p', 'r', 'fp', demo));
    await cache.flush();
    assert.equal(statSync(folder).mode & 0o777, 0o700, 'a new folder');
    assert.equal(statSync(cache.fileOf('p', 'r')).mode & 0o777, 0o600, 'a new file');

    const old = join(dir, 'old-cache');
    mkdirSync(old, { mode: 0o755 });
    chmodSync(old, 0o755);
    const again = new FleetCache(old, { clock: testClock(), saveDelayMs: 0 });
    assert.equal((await again.load('p', 'r', 'fp')).status, 'miss');
    assert.equal(statSync(old).mode & 0o777, 0o700, 'an existing folder is made private when the cache opens');
    again.save('p', 'r', () => snapshotOf('p', 'r', 'fp', demo));
    await again.flush();
    assert.equal(statSync(again.fileOf('p', 'r')).mode & 0o777, 0o600);
  });

  it("removes the temporary files of dead writers when it opens, never a live writer's", async () => {
    const cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 0 });
    const entry = cache.fileOf('p', 'r');
    // A pid that is surely gone: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const old = `${entry}.${process.pid}.1700000000000.tmp`; // this process, but written 10 minutes ago
    const deadWriter = `${entry}.${dead}.3.0b7e5c1e-7a8e-4c63-9d1f-2f1c5b0b3a11.tmp`;
    const live = `${entry}.${process.pid}.7.5f0c8a2e-1d2b-4c1e-8a7f-3b9e6d4c2a10.tmp`;
    const other = join(dir, 'notes.tmp'); // not a name the cache writes
    for (const f of [old, deadWriter, live, other]) writeFileSync(f, 'partial');
    const tenMinutesAgo = (statSync(live).mtimeMs - 600_000) / 1000;
    utimesSync(old, tenMinutesAgo, tenMinutesAgo);
    assert.equal((await cache.load('p', 'r', 'fp')).status, 'miss');
    await cache.tidy(); // started by the load, off its way
    assert.deepEqual(
      readdirSync(dir).sort(),
      [live, other].map((f) => f.slice(dir.length + 1)).sort(),
      'the old and the dead writer’s leftovers are gone, a live young one and foreign files stay',
    );
    // Its own writes leave no temporary file, and their names never repeat.
    for (let i = 0; i < 3; i++) cache.save('p', 'r', () => snapshotOf('p', 'r', 'fp', demo), 0);
    await cache.flush();
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.endsWith('.tmp') && n !== 'notes.tmp').length,
      1,
      'only the live one',
    );
  });

  it('drops an entry that decompresses past its cap (a gzip bomb) as damaged, quickly, without reading it all', async () => {
    assert.ok(MAX_ENTRY_BYTES <= 256 * 1024 * 1024, 'the default cap');
    const cap = 4 * 1024 * 1024;
    const cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 0, maxEntryBytes: cap });
    const file = cache.fileOf('p', 'r');
    // A well-formed entry of this version with 64 MB of padding: without the cap it is a hit.
    const head = JSON.stringify({
      format: 'workspaces-fleet-cache',
      version: CACHE_VERSION,
      savedAt: 1,
      profile: 'p',
      region: 'r',
      fingerprint: 'fp',
      pad: '',
    });
    const bomb = gzipSync(
      Buffer.concat([Buffer.from(head.slice(0, -2)), Buffer.alloc(64 * 1024 * 1024, 0x61), Buffer.from('"}')]),
      { level: 9 },
    );
    assert.ok(bomb.length < 200 * 1024, `the bomb is ${bomb.length} bytes on disk`);
    writeFileSync(file, bomb);
    const warnings: string[] = [];
    const c = new FleetCache(dir, {
      clock: testClock(),
      maxEntryBytes: cap,
      logger: { debug: () => undefined, warn: (m) => warnings.push(m) },
    });
    const before = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const r = await c.load('p', 'r', 'fp');
    const ms = performance.now() - started;
    const grew = process.memoryUsage().arrayBuffers - before;
    assert.equal(r.status, 'damaged');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /damaged/);
    assert.ok(ms < 2000, `rejected in ${ms.toFixed(0)} ms`);
    assert.ok(grew < 32 * 1024 * 1024, `memory kept: ${(grew / 1024 / 1024).toFixed(1)} MB`);
    assert.equal((await c.load('p', 'r', 'fp')).status, 'miss', 'and removed');
    // The same cap keeps real entries: one of the demo fleet loads.
    cache.save('p', 'r', () => snapshotOf('p', 'r', 'fp', demo));
    await cache.flush();
    assert.equal((await c.load('p', 'r', 'fp')).status, 'hit');
  });
});
