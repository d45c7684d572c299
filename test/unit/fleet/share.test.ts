// Windows sharing the fleet (src/fleet/share.ts): separate Node processes (the benchmark's measured
// client, test/bench/client.ts, each a fleet model with its own AWS layer, cache and lease) over one
// cache folder, against the emulator over HTTP. One listing is sent for every window; a window
// opened on fresh data sends none; a window killed mid-listing is taken over once its lease lapses.
import * as assert from 'node:assert/strict';
import { type RecordedRequest } from '../../emulator';
import type { CompleteReply, InitRequest, ReadyReply } from '../../bench/client';
import { Client, openFleet, type BenchFleet } from '../../bench/driver';
import { waitFor } from '../../support/waitFor';

const SHARE = { ttlMs: 1500, heartbeatMs: 300, pollMs: 100 };

/** The calls of a listing (directories, WorkSpaces pages, connection status), not by-id re-reads. */
function listingCalls(log: readonly RecordedRequest[], ua?: string): number {
  return log.filter(
    (r) =>
      (ua === undefined || (r.userAgent ?? '').includes(ua)) &&
      (r.op === 'DescribeWorkspaceDirectories' ||
        r.op === 'DescribeWorkspacesConnectionStatus' ||
        (r.op === 'DescribeWorkspaces' && r.params.WorkspaceIds === undefined)),
  ).length;
}

describe('fleet/share: windows share one listing (separate processes, one cache folder)', function () {
  this.timeout(60_000);
  let f: BenchFleet;
  const clients: Client[] = [];

  before(async () => {
    f = await openFleet(
      { kind: 'fleet', workspaces: 300, accounts: 1, regions: ['us-east-1'], movingRate: 0 },
      {
        latencyMs: 40,
      },
    );
  });
  after(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await f.close();
  });

  const open = async (windowId: string, freshnessMs = 5 * 60_000): Promise<Client> => {
    const c = new Client(f.env);
    clients.push(c);
    const init: InitRequest = {
      type: 'init',
      ...f.scopes,
      cacheDir: `${f.dir}/cache`,
      open: true,
      scheduler: { rate: 10_000, burst: 10_000, adaptive: false },
      share: { windowId, freshnessMs, ...SHARE },
    };
    await c.ask<ReadyReply>(init);
    return c;
  };
  const complete = (c: Client): Promise<CompleteReply> => c.ask<CompleteReply>({ type: 'waitComplete' });
  const oneListing = (): number => listingCalls(f.emu.requests());

  it('window B opened while A lists follows A: one listing for both, B shows every row', async () => {
    f.emu.resetCounts();
    const a = await open('A');
    await waitFor('A lists', () => f.emu.requests().some((r) => r.op === 'DescribeWorkspaces'));
    const b = await open('B');
    const [ra, rb] = await Promise.all([complete(a), complete(b)]);
    assert.equal(ra.rows, 300);
    assert.equal(rb.rows, 300);
    assert.equal(ra.listedHere, 1);
    assert.equal(rb.listedHere, 0, 'B did not list');
    assert.equal(rb.followed, 1, 'B followed A');
    const log = f.emu.requests();
    assert.equal(listingCalls(log, 'bench-B'), 0, 'no listing call from B');
    // 1 directories + 12 pages + 12 status calls.
    assert.equal(listingCalls(log), 25, 'one listing in all');
  });

  it('window C opened on fresh data shows it at once and sends no listing', async () => {
    f.emu.resetCounts();
    const c = await open('C');
    const rc = await complete(c);
    assert.equal(rc.rows, 300);
    assert.equal(rc.listedHere, 0);
    assert.equal(oneListing(), 0, 'no listing call at all');
  });

  it('data older than the freshness window is revalidated, by one window', async () => {
    f.emu.resetCounts();
    const [d, e] = await Promise.all([open('D', 0), open('E', 0)]);
    const [rd, re] = await Promise.all([complete(d), complete(e)]);
    assert.equal(rd.listedHere + re.listedHere, 1, 'one of the two listed');
    assert.equal(oneListing(), 25);
  });

  it('a window killed mid-listing: another takes the listing over once its lease lapses, and completes it', async () => {
    f.emu.resetCounts();
    f.emu.setLatency(120);
    try {
      const k = await open('K', 0);
      await waitFor('K lists', () => f.emu.requests().some((r) => r.op === 'DescribeWorkspaces'));
      const w = await open('W', 0);
      await waitFor('W follows', () => listingCalls(f.emu.requests(), 'bench-K') >= 3);
      const killedAt = performance.timeOrigin + performance.now();
      await k.kill();
      const rw = await complete(w);
      assert.equal(rw.rows, 300);
      assert.equal(rw.listedHere, 1, 'W listed it');
      const firstOfW = f.emu
        .requests()
        .find((r) => (r.userAgent ?? '').includes('bench-W') && r.op === 'DescribeWorkspaces');
      assert.ok(firstOfW, 'W sent the listing');
      assert.ok(
        firstOfW.time - killedAt <= SHARE.ttlMs + SHARE.heartbeatMs + 500,
        `taken over after ${firstOfW.time - killedAt} ms`,
      );
    } finally {
      f.emu.setLatency(40);
    }
  });
});
