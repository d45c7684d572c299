// The lease windows share (src/fleet/lease.ts) against a real file system: one holder at a time,
// renewal, expiry and takeover, a lost lease noticed at the next heartbeat, and processes racing
// for a free or a lapsed lease (exactly one wins).
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PinnedClock } from '../../../src/core/clock';
import { Lease } from '../../../src/fleet/lease';
import { clockEnvForChildren, testClock } from '../../support/clock';

const TIMING = { ttlMs: 1000, heartbeatMs: 300, settleMs: 30 };

describe('fleet/lease (real files)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsf-lease-'));
    file = join(dir, 'scope.lease');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('one holder at a time; the holder renews and releases; then another takes it', async () => {
    const clock = testClock();
    const a = new Lease(file, 'window-a', clock, TIMING);
    const b = new Lease(file, 'window-b', clock, TIMING);
    assert.equal(await a.acquire(), true);
    assert.equal(await b.acquire(), false, 'held by a');
    assert.equal((await b.holder())?.owner, 'window-a');
    assert.equal(await a.acquire(), true, 'a again: still a');
    assert.equal(await a.renew(), true);
    await a.release();
    assert.equal(await b.holder(), undefined);
    assert.equal(await b.acquire(), true);
    await a.release();
    assert.equal((await b.holder())?.owner, 'window-b', 'a cannot release what b holds');
  });

  it('a lease not renewed lapses after its ttl and is taken over; the old holder learns it at its next beat', async () => {
    let mono = 0;
    const clock = new PinnedClock(Date.UTC(2026, 10, 18, 10, 30), () => mono);
    const a = new Lease(file, 'window-a', clock, TIMING);
    const b = new Lease(file, 'window-b', clock, TIMING);
    assert.equal(await a.acquire(), true);
    mono += 999;
    assert.equal(await b.acquire(), false, 'not yet lapsed');
    mono += 2;
    assert.ok(await b.acquire(), 'lapsed: b takes over');
    assert.equal((await a.holder())?.owner, 'window-b');
    assert.equal(await a.renew(), false, 'a lost it');
    assert.equal((await a.read())?.owner, 'window-b', 'and left it to b');
  });

  it('a damaged or half-written lease file counts as free', async () => {
    writeFileSync(file, '{"owner": "window-x", "heartbeat');
    const a = new Lease(file, 'window-a', testClock(), TIMING);
    assert.equal(await a.holder(), undefined);
    assert.equal(await a.acquire(), true);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { owner: string }).owner, 'window-a');
  });

  it('processes racing for a free lease and for a lapsed one: exactly one wins each time', async function () {
    this.timeout(60_000);
    const racers = 6;
    const race = async (): Promise<string[]> => {
      const at = performance.timeOrigin + performance.now() + 700; // every racer starts at this instant
      const results = await Promise.all(
        Array.from(
          { length: racers },
          (_x, i) =>
            new Promise<string>((resolve, reject) => {
              const child = fork(join(__dirname, 'leaseRacer.js'), [file, `racer-${i}`, String(at)], {
                env: { ...process.env, WORKSPACES_FLEET_CLOCK: clockEnvForChildren() },
                stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
              });
              let out = '';
              child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
              child.on('error', reject);
              child.on('exit', () => resolve(out.trim()));
            }),
        ),
      );
      return results;
    };
    for (let round = 0; round < 3; round++) {
      rmSync(file, { force: true });
      const free = await race();
      assert.equal(free.filter((r) => r === 'won').length, 1, `free lease, round ${round}: ${free.join(' ')}`);
      assert.equal(free.filter((r) => r !== 'won' && r !== 'lost').length, 0, free.join(' '));
      // A lapsed lease of a crashed window.
      const old = testClock().now() - 10 * TIMING.ttlMs;
      writeFileSync(file, JSON.stringify({ owner: 'crashed', heartbeatAt: old, expiresAt: old + TIMING.ttlMs }));
      const lapsed = await race();
      assert.equal(lapsed.filter((r) => r === 'won').length, 1, `lapsed lease, round ${round}: ${lapsed.join(' ')}`);
      assert.equal(lapsed.filter((r) => r !== 'won' && r !== 'lost').length, 0, lapsed.join(' '));
    }
  });
});
