// The request scheduler (src/aws/scheduler.ts) through the real layer, SDK and HTTP against the
// emulator with its API quota on (AWS's 2 calls/s burst 5, or raised where only the order of the
// calls matters, to keep the stage short). Every claim is read from the emulator's request log and
// counters, never from wall-clock thresholds.
import assert from 'node:assert/strict';
import { DescribeWorkspaceDirectoriesCommand } from '@aws-sdk/client-workspaces';
import type { WorkspacesApi } from '../../../src/aws';
import { minimumListingCalls } from '../../../src/fleet/scopeModel';
import type { FleetSeed } from '../../emulator';
import { clientFor } from '../emulator/helpers';
import { collect, fleetOver, harness, type Harness } from './helpers';
import { waitFor } from '../../support/waitFor';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function seed(workspaces: number, directories = 4, accounts = 1): FleetSeed {
  return { kind: 'fleet', workspaces, directories, accounts, regions: ['us-east-1'], movingRate: 0 };
}

async function until(what: string, cond: () => boolean, ms = 30_000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(10);
  }
}

/** The index in the request log of the first request of `op`. */
function indexOf(h: Harness, op: string): number {
  return h.emu.requests().findIndex((r) => r.op === op);
}

describe('aws request scheduler (emulator with its API quota)', function () {
  this.timeout(60_000);
  let h: Harness;
  afterEach(async () => h?.close());

  it("a person's action is sent next while a background listing waits in the queue (at most the calls already in flight go first)", async () => {
    // A raised quota (the order is what matters) and a scheduler that knows it.
    h = await harness(
      { seed: seed(1000), quota: { rate: 20, burst: 5 } },
      { scheduler: { rate: 20, adaptive: false } },
    );
    const api = h.api();
    const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    const ids = world.workspaceIds();
    const target = ids[0];
    world.setState(target, 'AVAILABLE');
    world.requireWorkspace(target).data.WorkspaceProperties = { RunningMode: 'AUTO_STOP' };
    // 40 status calls queued at once in the background (2 s at 20/s).
    const background = api.connectionStatus(ids, { priority: 'background' });
    await until('the background calls are flowing', () => h.emu.requests().length >= 5);
    const before = api.stats();
    assert.ok(before.queued.background > 20, `a long background queue: ${JSON.stringify(before.queued)}`);
    const received = h.emu.requests().length;
    const stop = api.stop([target]);
    assert.deepEqual(await stop, [{ id: target, ok: true }]);
    await background;
    const at = indexOf(h, 'StopWorkspaces');
    assert.ok(
      at <= received + before.inFlight,
      `StopWorkspaces is request #${at}; ${received} had arrived and ${before.inFlight} were in flight when it was asked`,
    );
    assert.equal(h.emu.counts().byOp.DescribeWorkspacesConnectionStatus, 40, 'the background calls all went too');
    assert.equal(h.emu.counts().throttled, 0);
  });

  it('nothing starves: a background listing gets calls through while interactive calls keep coming', async () => {
    h = await harness(
      { seed: seed(200, 1), quota: { rate: 20, burst: 5 } },
      { scheduler: { rate: 20, adaptive: false, starveMs: 500 } },
    );
    const api = h.api();
    const ids = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1').workspaceIds();
    // 80 interactive calls (4 s at 20/s) queued first, then a background listing.
    const interactive = Promise.all(ids.slice(0, 80).map((id) => api.tags(id, { priority: 'interactive' })));
    const listing = collect(api.workspaces({ priority: 'background' }));
    await Promise.all([interactive, listing]);
    const ops = h.emu.requests().map((r) => r.op);
    const lastTags = ops.lastIndexOf('DescribeTags');
    const listed = ops.slice(0, lastTags).filter((op) => op === 'DescribeWorkspaces').length;
    assert.ok(listed >= 2, `the listing got ${listed} pages through during the interactive calls: ${ops.join(' ')}`);
    assert.ok(ops.indexOf('DescribeWorkspaces') < lastTags);
  });

  it('a raised priority moves waiting calls ahead of the queue (PriorityRef)', async () => {
    h = await harness(
      { seed: seed(600, 1), quota: { rate: 20, burst: 5 } },
      { scheduler: { rate: 20, adaptive: false } },
    );
    const api = h.api();
    const ids = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1').workspaceIds();
    const bulk = api.connectionStatus(ids.slice(0, 500), { priority: 'background' }); // 20 calls
    const ref = api.priorityRef('background');
    const visible = api.connectionStatus(ids.slice(500, 525), { priority: ref }); // queued last
    await until('some calls went', () => h.emu.requests().length >= 3);
    ref.raise('interactive');
    await Promise.all([bulk, visible]);
    const status = h.emu.requests().filter((r) => r.op === 'DescribeWorkspacesConnectionStatus');
    const at = status.findIndex((r) => (r.params.WorkspaceIds as string[]).includes(ids[500]));
    assert.ok(at >= 0 && at < status.length - 5, `the raised call went at #${at} of ${status.length}`);
  });

  it('throttled calls are not lost: a listing completes with every WorkSpace while a second client drains the same bucket', async () => {
    h = await harness({ seed: seed(200), quota: { rate: 10, burst: 5 } }, { scheduler: { rate: 10 } });
    const raw = clientFor(h.emu, h.emu.accounts[0], 'us-east-1', { maxAttempts: 1 });
    const fleet = fleetOver(h.layer);
    await fleet.loadProfiles();
    // Both clients warmed up (SDK loaded, credentials resolved) before they compete.
    await raw.send(new DescribeWorkspaceDirectoriesCommand({}));
    await collect(h.api().directories());
    let draining = true;
    const started = performance.now();
    // For its first second the other client asks ten times the quota (it takes nearly every token
    // as it appears: the layer's calls are refused), then half of it (they share).
    const loop = async (hard: boolean, offset = 0): Promise<void> => {
      await sleep(offset); // staggered: an attempt every 10 ms
      while (draining && (!hard || performance.now() - started < 1000)) {
        await raw.send(new DescribeWorkspaceDirectoriesCommand({})).catch(() => undefined);
        await sleep(hard ? 100 : 200);
      }
    };
    // The bucket is empty when the listing starts (the other client took the last token) and
    // refills slowly until the layer has been refused once, whatever the machine's timing; then the
    // quota goes back to 10/s and the loops keep competing for it.
    for (let i = 0; i < 20; i++) {
      const refused = await raw.send(new DescribeWorkspaceDirectoriesCommand({})).then(
        () => false,
        () => true,
      );
      if (refused) break;
    }
    h.emu.setQuota({ rate: 0.5, burst: 5 });
    const drainer = Promise.all([...Array.from({ length: 10 }, (_, i) => loop(true, i * 10)), loop(false)]);
    try {
      const scope = fleet.allScopes()[0];
      const listing = scope.load('workspaces');
      await waitFor(
        'the layer refused by the quota',
        () => h.emu.requests().some((r) => r.fault === 'quota' && r.op !== 'DescribeWorkspaceDirectories'),
        20_000,
      );
      h.emu.setQuota({ rate: 10, burst: 5 });
      await listing;
      const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
      assert.equal(scope.workspaces.state, 'loaded', scope.workspaces.error?.message);
      assert.deepEqual([...scope.workspaces.items.keys()].sort(), world.workspaceIds().sort());
      assert.ok(
        [...scope.workspaces.items.values()].every((w) => w.connection),
        'every status too',
      );
      assert.equal(scope.statusError, undefined);
      const throttled = h.emu
        .requests()
        .filter((r) => r.fault === 'quota' && r.op !== 'DescribeWorkspaceDirectories').length;
      assert.ok(throttled > 0, 'the layer was throttled (the contention happened)');
      assert.ok(h.layer.stats(scope.scope).throttled >= throttled);
    } finally {
      draining = false;
      await drainer;
      raw.destroy();
      fleet.dispose();
    }
  });

  it('cancellation drops the waiting calls at once: the emulator receives nothing more', async () => {
    h = await harness({ seed: seed(500, 1) }, { scheduler: {} });
    h.emu.setQuota({ rate: 2, burst: 5 });
    const api = h.api();
    const ids = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1').workspaceIds();
    const ac = new AbortController();
    const calls = api.connectionStatus(ids, { abortSignal: ac.signal, priority: 'background' }); // 20 calls at 2/s
    await until('the burst went', () => h.emu.requests().length >= 4);
    ac.abort();
    assert.deepEqual(api.stats().queued, { action: 0, interactive: 0, background: 0 }, 'dropped at once');
    await assert.rejects(calls, (e: { kind?: string }) => e.kind === 'cancelled');
    await until('nothing in flight', () => api.stats().inFlight === 0);
    const n = h.emu.requests().length;
    await sleep(1500); // three tokens' worth at 2/s
    assert.equal(h.emu.requests().length, n, 'nothing sent after the cancel');
    assert.ok(n < 20);
  });

  it('probes upward when the quota is raised (well above 2/s) and comes back down when it is lowered', async () => {
    // The first probe after 1 s of full use (20 s in the extension) to keep the test short.
    h = await harness({ seed: seed(2000, 1) }, { scheduler: { probeAfterMs: 1000 } });
    h.emu.setQuota({ rate: 30, burst: 5 });
    const api = h.api();
    const ids = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1').workspaceIds();
    assert.equal(api.stats().rate, 2, 'starts at the documented 2/s');
    await api.connectionStatus(ids.slice(0, 2000), { priority: 'background' }); // 80 calls
    const raised = api.stats();
    assert.ok(raised.rate >= 8, `rate after 80 calls at a 30/s quota: ${JSON.stringify(raised)}`);
    assert.ok(h.emu.counts().throttled <= 3, `only failed probes are throttled: ${h.emu.counts().throttled}`);
    h.emu.setQuota({ rate: 5, burst: 5 });
    h.emu.resetCounts();
    const statuses = await api.connectionStatus(ids.slice(0, 500), { priority: 'background' }); // 20 calls
    assert.equal(statuses.size, 500, 'every status, throttled or not');
    const lowered = api.stats();
    assert.ok(h.emu.counts().throttled > 0, 'the lowered quota was felt');
    assert.ok(
      lowered.goodRate <= Math.max(raised.goodRate, 8) / 2 && lowered.goodRate <= 6,
      `came down: ${JSON.stringify(raised)} → ${JSON.stringify(lowered)}`,
    );
  });

  it('a rate cut by throttling returns to the documented 2/s step by step once throttling has stopped for a while', async () => {
    // A minute in the extension; 1.5 s here.
    h = await harness({ seed: seed(500, 1) }, { scheduler: { recoverAfterMs: 1500 } });
    h.emu.setQuota({ rate: 1, burst: 2 }); // tighter than documented: the scheduler is throttled and slows down
    const api = h.api();
    const ids = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1').workspaceIds();
    await api.connectionStatus(ids.slice(0, 200), { priority: 'background' }); // 8 calls
    assert.ok(h.emu.counts().throttled > 0, 'throttled');
    const cut = api.stats().rate;
    assert.ok(cut < 2, `slowed down: ${cut}`);
    h.emu.setQuota({ rate: 2, burst: 5 });
    // Each calm period gives back a quarter (× 1.25), never the whole quota at once: a client
    // that caused the cut may still be there.
    const rates = [cut];
    for (let i = 0; i < 10 && rates[rates.length - 1] < 2; i++) {
      await sleep(1600);
      await api.connectionStatus(ids.slice(0, 25), { priority: 'background' });
      rates.push(api.stats().rate);
    }
    assert.equal(rates[rates.length - 1], 2, `back to the documented rate: ${rates.join(' → ')}`);
    for (let i = 1; i < rates.length; i++) {
      assert.ok(rates[i] <= Math.min(2, rates[i - 1] * 1.25 + 0.01), `a step at a time: ${rates.join(' → ')}`);
    }
    assert.ok(rates.length > 2, `more than one step: ${rates.join(' → ')}`);
  });

  it('profiles of one account share its bucket once bound: both list at once without a throttle', async () => {
    h = await harness({ seed: seed(200) }, { scheduler: { rate: 10, adaptive: false } });
    h.emu.setQuota({ rate: 10, burst: 5 });
    const a = h.emu.accounts[0];
    const keys = `aws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n`;
    h.writeConfig(
      `[profile one]\nregion = us-east-1\nendpoint_url = ${h.emu.url}\n\n[profile two]\nregion = us-east-1\nendpoint_url = ${h.emu.url}\n`,
      `[one]\n${keys}\n[two]\n${keys}`,
    );
    const layer = h.newLayer({ scheduler: { rate: 10, adaptive: false } });
    const fleet = fleetOver(layer);
    try {
      await fleet.loadProfiles();
      const [one, two] = fleet.allScopes();
      assert.notEqual(
        layer.stats(one.scope).name,
        layer.stats(two.scope).name,
        'a bucket each until the account is known',
      );
      // The directories tell the account (IamRoleId); then both list at once.
      await Promise.all([one.load('directories'), two.load('directories')]);
      assert.equal(layer.stats(one.scope).name, `account ${a.accountId} us-east-1`);
      assert.equal(layer.stats(two.scope).name, layer.stats(one.scope).name);
      h.emu.resetCounts();
      await Promise.all([one.load('workspaces'), two.load('workspaces')]);
      assert.equal(one.workspaces.items.size, 200);
      assert.equal(two.workspaces.items.size, 200);
      assert.equal(h.emu.counts().throttled, 0, 'one bucket for both: no throttling');
      assert.equal(h.emu.counts().total, 2 * (1 + 8 + 8));
    } finally {
      fleet.dispose();
    }
  });

  it('a profile whose settings name its account shares the bucket from its first call', async () => {
    h = await harness({ seed: seed(10) });
    const a = h.emu.accounts[0];
    const keys = `aws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n`;
    h.writeConfig(
      `[profile one]\nregion = us-east-1\nendpoint_url = ${h.emu.url}\naws_account_id = ${a.accountId}\n\n[profile two]\nregion = us-east-1\nendpoint_url = ${h.emu.url}\naws_account_id = ${a.accountId}\n`,
      `[one]\n${keys}\n[two]\n${keys}`,
    );
    const layer = h.newLayer();
    const one: WorkspacesApi = layer.api({ profile: 'one', region: 'us-east-1' });
    const two = layer.api({ profile: 'two', region: 'us-east-1' });
    await Promise.all([collect(one.workspaces()), collect(two.workspaces())]);
    assert.equal(one.stats().name, `account ${a.accountId} us-east-1`);
    assert.equal(two.stats().name, one.stats().name);
    assert.equal(one.stats().calls, 2, 'one bucket counted both calls');
  });

  it('lists a scope at the real 2/5 quota with exactly the minimum calls and no throttle, no error', async () => {
    h = await harness({ seed: seed(100) });
    h.emu.setQuota({ rate: 2, burst: 5 });
    const layer = h.newLayer({ scheduler: {} });
    const fleet = fleetOver(layer);
    try {
      await fleet.loadProfiles();
      const scope = fleet.allScopes()[0];
      scope.ensureLoaded();
      await until('listed', () => !scope.loading && scope.workspaces.state !== 'idle');
      assert.equal(scope.workspaces.state, 'loaded');
      assert.equal(scope.workspaces.items.size, 100);
      assert.ok([...scope.workspaces.items.values()].every((w) => w.connection));
      const min = minimumListingCalls({ directories: 4, workspaces: 100 });
      assert.equal(min.total, 9);
      assert.deepEqual(h.emu.counts().byOp, {
        DescribeWorkspaceDirectories: min.directories,
        DescribeWorkspaces: min.workspaces,
        DescribeWorkspacesConnectionStatus: min.status,
      });
      assert.equal(h.emu.counts().throttled, 0);
    } finally {
      fleet.dispose();
    }
  });

  it("an SDK retry attempt (5xx) takes a token too: the scheduler's calls are the requests AWS counts", async () => {
    h = await harness({ seed: seed(60, 1) }, { scheduler: { rate: 20, adaptive: false }, maxAttempts: 3 });
    h.emu.setQuota({ rate: 20, burst: 5 });
    h.emu.failNext('DescribeWorkspaces', 'internal', 2);
    const api = h.api();
    const { items } = await collect(api.workspaces());
    assert.equal(items.length, 60);
    assert.equal(h.emu.counts().byOp.DescribeWorkspaces, 3 + 2, '3 pages + 2 SDK retries');
    assert.equal(api.stats().calls, h.emu.counts().total);
  });
});
