// Many calls under one AbortSignal (a bulk Rebuild or Restore, one call per WorkSpace; an export's
// DescribeTags, one call per WorkSpace): each call used to add its own abort listeners (the
// scheduler's wait, the SDK's HTTP request) to the shared signal, and at 11 Node printed
// MaxListenersExceededWarning (Node 20; Node 24 no longer limits an AbortSignal's listeners, so the
// count on the shared signal is checked too). The AWS layer now listens to a shared signal once,
// for WorkSpaces and CloudWatch calls alike (src/aws/service.ts).
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { hourlyCalls } from '../../../src/aws/cloudwatch';
import { HOUR_MS } from '../../../src/core/usage';
import { harness, type Harness } from './helpers';
import type { World } from '../../emulator';

/**
 * Runs `run` under one AbortSignal and reports the MaxListenersExceededWarnings Node emitted (they
 * come on nextTick: a macrotask after is waited for) and the most abort listeners the shared
 * signal had at once (sampled while the calls run).
 */
async function underOneSignal(
  run: (signal: AbortSignal) => Promise<unknown>,
): Promise<{ warnings: string[]; most: number }> {
  const abort = new AbortController();
  const warnings: string[] = [];
  const on = (w: Error): void => {
    if (w.name === 'MaxListenersExceededWarning') warnings.push(w.message);
  };
  let most = 0;
  const sample = (): void => void (most = Math.max(most, getEventListeners(abort.signal, 'abort').length));
  process.on('warning', on);
  const watch = setInterval(sample, 2);
  try {
    const done = run(abort.signal);
    sample();
    await done;
    await new Promise((r) => setTimeout(r, 10));
  } finally {
    clearInterval(watch);
    process.off('warning', on);
  }
  return { warnings, most };
}

describe('aws layer: many calls under one AbortSignal', function () {
  this.timeout(20_000);
  let h: Harness;
  /** 30 AVAILABLE WorkSpaces of the first account, each call held 50 ms at the endpoint (all in flight at once). */
  let ids: string[] = [];

  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 30, directories: 1, movingRate: 0 } });
  });
  after(() => h.close());
  beforeEach(() => {
    h.emu.reset();
    const w: World = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    ids = w.workspaceIds();
    ids.forEach((id) => w.setState(id, 'AVAILABLE'));
    h.emu.setLatency(50);
  });
  afterEach(() => h.emu.setLatency(0));

  it('rebuilds 30 WorkSpaces (one call each) under one signal: one listener on it, no MaxListenersExceededWarning', async () => {
    const r = await underOneSignal(async (abortSignal) => {
      const out = await h.api().rebuild(ids, { abortSignal });
      assert.equal(out.filter((o) => o.ok).length, 30);
    });
    assert.deepEqual(r.warnings, []);
    assert.ok(r.most <= 1, `listeners on the shared signal at most: ${r.most}`);
    assert.ok(ids.every((id) => h.emu.actionCount(id, 'RebuildWorkspaces') === 1));
  });

  it('restores 30 WorkSpaces under one signal: one listener on it, no warning', async () => {
    const r = await underOneSignal((abortSignal) => h.api().restore(ids, { abortSignal }));
    assert.deepEqual(r.warnings, []);
    assert.ok(r.most <= 1, `listeners on the shared signal at most: ${r.most}`);
  });

  it("reads the tags of 30 WorkSpaces at once under one signal (an export's tag reads): one listener on it, no warning", async () => {
    const r = await underOneSignal((abortSignal) =>
      Promise.all(ids.map((id) => h.api().tags(id, { priority: 'background', abortSignal }))),
    );
    assert.deepEqual(r.warnings, []);
    assert.ok(r.most <= 1, `listeners on the shared signal at most: ${r.most}`);
  });

  it('reads the usage of 30 WorkSpaces in 15 GetMetricData calls at once under one signal: one listener on it, no warning', async () => {
    const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    // 50,400 hours: two WorkSpaces a call (100,800 points each at most), all 15 calls sent at once.
    const hours = 50_400;
    assert.equal(hourlyCalls(ids.length, hours), 15);
    const range = { start: Math.floor(world.now() / HOUR_MS) * HOUR_MS - hours * HOUR_MS, hours };
    const scope = { profile: h.emu.accounts[0].profile, region: 'us-east-1' };
    const r = await underOneSignal(async (abortSignal) => {
      const out = await h.layer.cloudwatch(scope).userConnectedHourly(ids, range, { abortSignal });
      assert.equal(out.stats.calls, 15);
    });
    assert.deepEqual(r.warnings, []);
    assert.ok(r.most <= 1, `listeners on the shared signal at most: ${r.most}`);
  });

  it('a cancel still reaches every call in flight at once: each ends cancelled (or unknown, if sent)', async () => {
    const abort = new AbortController();
    h.emu.setLatency(2000);
    const pending = h.api().rebuild(ids, { abortSignal: abort.signal });
    await new Promise((r) => setTimeout(r, 200));
    abort.abort();
    const started = performance.now();
    const out = await pending;
    assert.ok(performance.now() - started < 1500, 'the calls in flight were abandoned at once');
    assert.equal(out.length, 30);
    assert.ok(
      out.every((o) => !o.ok && (o.kind === 'cancelled' || o.unknown === true)),
      JSON.stringify(out.slice(0, 2)),
    );
  });
});
