// The explorer's auto-refresh (vscode-free): the setting's floor and ceiling, and a tick that never
// starts a full re-list while one is in flight — over a real Fleet, the real AWS layer and the
// emulator, whose counters show what was sent.
import * as assert from 'node:assert/strict';
import {
  AUTO_REFRESH_MAX_MINUTES,
  AUTO_REFRESH_MIN_MINUTES,
  AutoRefresh,
  autoRefreshPeriodMs,
  boundedSetting,
} from '../../../src/fleet/autoRefresh';
import { type Fleet } from '../../../src/fleet/fleet';
import { waitFor } from '../../support/waitFor';
import { fleetOver, harness, type Harness } from '../aws/helpers';

describe('auto-refresh (workspacesFleet.autoRefreshMinutes)', function () {
  this.timeout(30_000);

  it('is off at 0 and for what is not a positive number; otherwise at least 5 minutes and at most a day', () => {
    const min = (m: unknown): number => autoRefreshPeriodMs(m) / 60_000;
    assert.equal(AUTO_REFRESH_MIN_MINUTES, 5);
    for (const off of [0, -1, -0.001, Number.NaN, undefined, null, '10', true]) assert.equal(min(off), 0, String(off));
    // 0.001 minutes was a 60 ms loop of full re-lists.
    for (const low of [0.001, 0.5, 1, 4.99, 5]) assert.equal(min(low), 5, String(low));
    assert.equal(min(30), 30);
    // Beyond 2³¹ ms a timer fires at once: a huge value is a day, not a loop.
    for (const high of [AUTO_REFRESH_MAX_MINUTES + 1, 1e12, Number.POSITIVE_INFINITY]) {
      assert.equal(min(high), AUTO_REFRESH_MAX_MINUTES, String(high));
    }
    assert.ok(autoRefreshPeriodMs(1e12) < 2 ** 31);
  });

  it('keeps the other timer settings within their bounds, whatever JSON a settings file holds', () => {
    // pollingIntervalSeconds (2–300, default 5): a huge value used to pass, and a timer over 2³¹ ms fires at once.
    assert.equal(boundedSetting(1e12, 2, 300, 5), 300);
    assert.equal(boundedSetting(0.01, 2, 300, 5), 2);
    assert.equal(boundedSetting(30, 2, 300, 5), 30);
    for (const junk of ['10', null, undefined, Number.NaN, [], {}]) assert.equal(boundedSetting(junk, 2, 300, 5), 5);
  });

  describe('over a real fleet', () => {
    let h: Harness;
    let fleet: Fleet;
    const listings = (): number => h.emu.counts().byOp.DescribeWorkspaceDirectories ?? 0;

    beforeEach(async () => {
      h = await harness({
        seed: { kind: 'fleet', workspaces: 60, accounts: 2, regions: ['us-east-1'], directories: 2, movingRate: 0 },
      });
      fleet = fleetOver(h.layer);
      await fleet.loadProfiles();
      assert.equal(fleet.allScopes().length, 2);
    });

    afterEach(async () => {
      fleet.dispose();
      await h.close();
    });

    it('re-lists every scope on a tick when nothing is being listed', async () => {
      await Promise.all(fleet.allScopes().map((s) => s.refresh()));
      h.emu.resetCounts();
      let refreshed = 0;
      const auto = new AutoRefresh(fleet, { refreshed: () => refreshed++ });
      assert.equal(await auto.tick(), true);
      assert.equal(listings(), 2, 'one directory listing per scope');
      assert.equal(refreshed, 1);
    });

    it('skips a tick while a listing runs (the first load, a Refresh, the previous tick), and re-lists at the next', async () => {
      const auto = new AutoRefresh(fleet);
      h.emu.setLatency(60);
      // The first listing of every scope is in flight.
      for (const s of fleet.allScopes()) s.ensureLoaded();
      assert.ok(auto.listing());
      assert.equal(await auto.tick(), false, 'nothing started on top of the first listing');
      await waitFor('listed', () => fleet.allScopes().every((s) => s.workspaces.state === 'loaded' && !s.loading));
      h.emu.resetCounts();

      // One scope re-listed by a person (Refresh on the region): the tick skips.
      const one = fleet.allScopes()[0].refresh();
      assert.equal(await auto.tick(), false, 'nothing started while one scope is re-listed');
      await one;
      assert.equal(listings(), 1, 'only the person’s refresh was sent');

      // Ticks that come while a tick's re-list runs (a short period, a slow endpoint) do nothing.
      h.emu.resetCounts();
      const first = auto.tick();
      const more = await Promise.all([auto.tick(), auto.tick(), auto.tick()]);
      assert.deepEqual(more, [false, false, false]);
      assert.equal(await first, true);
      assert.equal(listings(), 2, 'one re-list of the two scopes, not four');
      assert.deepEqual(auto.counts, { refreshed: 1, skipped: 5 });
      assert.equal(auto.listing(), false);
      assert.equal(await auto.tick(), true, 'the next tick re-lists');
    });

    it('is armed only with a period and while the view is visible', () => {
      const auto = new AutoRefresh(fleet);
      try {
        auto.arm(autoRefreshPeriodMs(0), true);
        assert.equal(auto.armed, false, 'off');
        auto.arm(autoRefreshPeriodMs(10), false);
        assert.equal(auto.armed, false, 'the view is hidden');
        auto.arm(autoRefreshPeriodMs(10), true);
        assert.equal(auto.armed, true);
        auto.stop();
        assert.equal(auto.armed, false);
      } finally {
        auto.stop();
      }
    });
  });
});
