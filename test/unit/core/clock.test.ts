// The one clock (src/core/clock.ts): pinned clocks advance with the monotonic clock only, and every
// clock made from one WORKSPACES_FLEET_CLOCK value reads the same time.
import * as assert from 'node:assert/strict';
import { CLOCK_ENV, clockFromEnvironment, parseInstant, PinnedClock, SYSTEM_CLOCK } from '../../../src/core/clock';

describe('core/clock', () => {
  it('a pinned clock reads its instant, then advances with the monotonic clock; set and advance move it', () => {
    let mono = 1000;
    const c = new PinnedClock(Date.UTC(2028, 1, 29, 23, 40), () => mono);
    assert.equal(new Date(c.now()).toISOString(), '2028-02-29T23:40:00.000Z');
    mono += 20 * 60_000;
    assert.equal(new Date(c.now()).toISOString(), '2028-03-01T00:00:00.000Z', 'crosses midnight as a person would');
    c.advance(-60_000);
    assert.equal(new Date(c.now()).toISOString(), '2028-02-29T23:59:00.000Z');
    c.set(Date.UTC(2027, 0, 1));
    mono += 5;
    assert.equal(c.now(), Date.UTC(2027, 0, 1) + 5);
    assert.throws(() => new PinnedClock(Number.NaN));
  });

  it('parses ISO instants only', () => {
    assert.equal(parseInstant('2026-11-18T10:30:00Z'), Date.UTC(2026, 10, 18, 10, 30));
    assert.equal(parseInstant('2026-11-18T10:30:00+01:00'), Date.UTC(2026, 10, 18, 9, 30));
    for (const bad of [undefined, '', 'tomorrow', '1765100000000', '2026-13-45T99:00:00Z', '2026-11-18 10:30']) {
      assert.equal(parseInstant(bad), undefined, String(bad));
    }
  });

  it('from the environment: the system clock unless pinned; an anchored pin reads the same in every process', () => {
    assert.equal(clockFromEnvironment({}), SYSTEM_CLOCK);
    assert.equal(clockFromEnvironment({ [CLOCK_ENV]: 'not a date' }), SYSTEM_CLOCK);
    const at = Date.UTC(2026, 11, 7, 9);
    // Pinned 10 s ago (wall clock ms): reads the instant plus those 10 s.
    const anchor = performance.timeOrigin + performance.now() - 10_000;
    const a = clockFromEnvironment({ [CLOCK_ENV]: `2026-12-07T09:00:00Z@${anchor}` });
    const b = clockFromEnvironment({ [CLOCK_ENV]: `2026-12-07T09:00:00Z@${anchor}` });
    const [ta, tb] = [a.now(), b.now()];
    assert.ok(Math.abs(ta - tb) <= 1, `${ta} vs ${tb}`);
    assert.ok(ta - at >= 10_000 && ta - at < 15_000, String(ta - at));
    // Without an anchor: the instant is the process's start.
    const p = clockFromEnvironment({ [CLOCK_ENV]: '2026-12-07T09:00:00Z' });
    assert.ok(Math.abs(p.now() - (at + performance.now())) <= 2);
  });
});
