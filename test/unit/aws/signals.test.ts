// Many calls under one AbortSignal (a bulk Rebuild or Restore, one call per WorkSpace; an export's
// DescribeTags, one call per WorkSpace): each call used to add its own abort listeners (the
// scheduler's wait, the SDK's HTTP request) to the shared signal, and at 11 Node printed
// MaxListenersExceededWarning. The AWS layer now listens to a shared signal once.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { harness, type Harness } from './helpers';
import type { World } from '../../emulator';

/** Warnings Node emits while `run` runs (and a macrotask after: they are emitted on nextTick). */
async function warningsDuring(run: () => Promise<unknown>): Promise<Error[]> {
  const seen: Error[] = [];
  const on = (w: Error): void => void seen.push(w);
  process.on('warning', on);
  try {
    await run();
    await new Promise((r) => setTimeout(r, 10));
  } finally {
    process.off('warning', on);
  }
  return seen;
}

const maxListeners = (ws: Error[]): string[] =>
  ws.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message);

describe('aws layer: many calls under one AbortSignal', function () {
  this.timeout(20_000);
  let h: Harness;
  let world: World;
  let ids: string[];

  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 40, directories: 1, movingRate: 0 } });
  });
  after(async () => h.close());
  beforeEach(() => {
    h.emu.reset();
    h.emu.resetCounts();
    world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    ids = world.workspaceIds().slice(0, 30);
    for (const id of ids) world.setState(id, 'AVAILABLE');
    // Every call waits a little at the endpoint: all of them are in flight at once.
    h.emu.setLatency(50);
  });
  afterEach(() => h.emu.setLatency(0));

  it('rebuilds 30 WorkSpaces (one call each) under one signal without MaxListenersExceededWarning', async () => {
    const abort = new AbortController();
    const warnings = await warningsDuring(async () => {
      const out = await h.api().rebuild(ids, { abortSignal: abort.signal });
      assert.equal(out.filter((o) => o.ok).length, 30);
    });
    assert.deepEqual(maxListeners(warnings), []);
    assert.ok(ids.every((id) => h.emu.actionCount(id, 'RebuildWorkspaces') === 1));
  });

  it('restores 30 WorkSpaces under one signal without MaxListenersExceededWarning', async () => {
    const abort = new AbortController();
    const warnings = await warningsDuring(() => h.api().restore(ids, { abortSignal: abort.signal }));
    assert.deepEqual(maxListeners(warnings), []);
  });

  it('reads the tags of 30 WorkSpaces at once under one signal: one listener on it', async () => {
    const abort = new AbortController();
    let most = 0;
    const warnings = await warningsDuring(async () => {
      const reads = ids.map((id) => h.api().tags(id, { priority: 'background', abortSignal: abort.signal }));
      const watch = setInterval(() => (most = Math.max(most, getEventListeners(abort.signal, 'abort').length)), 5);
      try {
        await Promise.all(reads);
      } finally {
        clearInterval(watch);
      }
    });
    assert.deepEqual(maxListeners(warnings), []);
    assert.ok(most <= 1, `listeners on the shared signal at most: ${most}`);
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
