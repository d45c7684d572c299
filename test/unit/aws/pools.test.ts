// The pool calls beyond Start/Stop (src/aws/pools.ts) with the real SDK against the emulator: a
// pool's sessions over pages of 50, ending one session, and capacity and timeouts within the
// service model's limits.
import * as assert from 'node:assert/strict';
import { POOL_SESSIONS_PAGE } from '../../../src/aws/pools';
import { addPoolSession } from '../../emulator/poolSessions';
import { testClock } from '../../support/clock';
import { harness, rejection, type Harness } from './helpers';

describe('AWS layer: pool sessions and capacity', function () {
  this.timeout(60_000);
  let h: Harness;

  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 20, movingRate: 0 } });
  });
  after(() => h.close());
  beforeEach(() => h.emu.resetCounts());

  const world = (): ReturnType<Harness['emu']['world']> => h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
  const runningPool = (): string => {
    const p = [...world().pools.values()].map((x) => x.data).find((x) => x.State === 'RUNNING');
    assert.ok(p, 'the seed has a running pool');
    return p.PoolId;
  };

  it('reads every session of a pool, at most 50 a call', async () => {
    const pool = runningPool();
    const before = await h.api().poolSessions(pool);
    const now = testClock().now();
    for (let i = 0; i < 60; i++) addPoolSession(world(), pool, `pool-user-${i}`, now);
    h.emu.resetCounts();
    const all = await h.api().poolSessions(pool);
    assert.equal(all.length, before.length + 60);
    assert.equal(new Set(all.map((s) => s.SessionId)).size, all.length, 'no session twice across pages');
    assert.ok(all.some((s) => s.UserId === 'pool-user-59'));
    assert.equal(h.emu.counts().byOp.DescribeWorkspacesPoolSessions, Math.ceil(all.length / POOL_SESSIONS_PAGE));
  });

  it('ends one session; a second end of it is refused as not found', async () => {
    const pool = runningPool();
    const s = addPoolSession(world(), pool, 'stuck-user', testClock().now());
    const ended = await h.api().terminatePoolSession(s.SessionId as string);
    assert.ok(ended.ok);
    const left = await h.api().poolSessions(pool);
    assert.ok(!left.some((x) => x.SessionId === s.SessionId));
    const again = await h.api().terminatePoolSession(s.SessionId as string);
    assert.ok(!again.ok && again.code === 'ResourceNotFoundException', JSON.stringify(again));
  });

  it('sets capacity and timeouts, and the model limits are enforced by the service', async () => {
    const pool = runningPool();
    const updated = await h
      .api()
      .updatePoolCapacity(pool, { desiredUserSessions: 7, timeouts: { DisconnectTimeoutInSeconds: 900 } });
    assert.equal(updated?.CapacityStatus?.DesiredUserSessions, 7);
    assert.equal(updated?.TimeoutSettings?.DisconnectTimeoutInSeconds, 900);
    const tooShort = await rejection(
      h.api().updatePoolCapacity(pool, { timeouts: { DisconnectTimeoutInSeconds: 59 } }),
    );
    assert.equal(tooShort.kind, 'invalidParameter');
    const tooLong = await rejection(
      h.api().updatePoolCapacity(pool, { timeouts: { MaxUserDurationInSeconds: 432_001 } }),
    );
    assert.equal(tooLong.kind, 'invalidParameter');
  });
});
