// The session arithmetic, thresholds and advice of src/core/usage.ts, against hand-computed cases.
import * as assert from 'node:assert/strict';
import type { WorkspaceView } from '../../../src/core/present';
import {
  advise,
  DEFAULT_COST_SETTINGS,
  DEFAULT_THRESHOLDS,
  elapsedHours,
  hasSkipTag,
  idleBucket,
  monthOf,
  monthUsage,
  NO_DATA,
  previousMonth,
  sessionsOf,
  timeoutHoursOf,
  type CostSettings,
  type MonthUsage,
} from '../../../src/core/usage';

const H = 3_600_000;
const DAY = 24 * H;
const _ = NO_DATA;

/** A series from a compact picture: '.' no data, '0' running idle, '1' connected. */
function series(picture: string): Int8Array {
  return Int8Array.from([...picture.replace(/\s/g, '')].map((c) => (c === '.' ? _ : Number(c))));
}

function ws(over: Partial<WorkspaceView> & { mode?: string; compute?: string; minutes?: number } = {}): WorkspaceView {
  const { mode = 'AUTO_STOP', compute = 'STANDARD', minutes = 60, ...rest } = over;
  return {
    WorkspaceId: 'ws-a1c3e5g7i',
    State: 'AVAILABLE',
    WorkspaceProperties: {
      RunningMode: mode as 'AUTO_STOP',
      ComputeTypeName: compute as 'STANDARD',
      ...(mode === 'AUTO_STOP' ? { RunningModeAutoStopTimeoutInMinutes: minutes } : {}),
    },
    connection: { ConnectionState: 'DISCONNECTED', LastKnownUserConnectionTimestamp: new Date(NOW - 2 * H) },
    tags: [],
    ...rest,
  };
}

/** A month's figures with `billable` hours (as if read). */
function month(over: Partial<MonthUsage> = {}): MonthUsage {
  return {
    month: '2026-10',
    hours: 744,
    dataHours: 744,
    connectedHours: 0,
    sessions: 0,
    sessionHours: 0,
    timeoutHours: 1,
    billableHours: 0,
    ...over,
  };
}

const NOW = Date.UTC(2026, 10, 20, 12, 0); // 2026-11-20 12:00 UTC
const S: CostSettings = DEFAULT_COST_SETTINGS;

describe('usage: months (UTC)', () => {
  it('this month, the last, and the hours elapsed (rounded up to the hour)', () => {
    const m = monthOf(NOW);
    assert.equal(m.key, '2026-11');
    assert.equal(m.start, Date.UTC(2026, 10, 1));
    assert.equal(m.end, Date.UTC(2026, 11, 1));
    const last = previousMonth(m);
    assert.equal(last.key, '2026-10');
    assert.deepEqual(elapsedHours(last, NOW), { start: Date.UTC(2026, 9, 1), hours: 31 * 24 });
    // 19 days and 12 hours, plus a started hour.
    assert.deepEqual(elapsedHours(m, NOW + 1), { start: m.start, hours: 19 * 24 + 12 + 1 });
    assert.equal(previousMonth(monthOf(Date.UTC(2027, 0, 15))).key, '2026-12', 'across a year');
    assert.equal(elapsedHours(monthOf(NOW), m.start).hours, 0);
  });
});

describe('usage: sessions (the Cost Optimizer’s arithmetic over hourly points)', () => {
  it('a run of connected hours is one session; one idle hour ends it with a 1-hour timeout', () => {
    // 9:00–17:10 connected, AutoStop 1 h: hours 9..17 are 1, hour 18 ran 10 min idle (0), then stopped.
    const s = series('.........111111111 0 ......');
    assert.deepEqual(sessionsOf(s, 1), [{ start: 9, hours: 9 }]);
    const u = monthUsage('2026-11', s, 1);
    assert.equal(u.sessions, 1);
    assert.equal(u.sessionHours, 9);
    assert.equal(u.connectedHours, 9);
    assert.equal(u.dataHours, 10);
    assert.equal(u.billableHours, 9 + 1, 'Σ (session hours + timeout hours)');
    assert.equal(u.firstDataHour, 9);
  });

  it('idle hours inside a session count when fewer than the timeout; more end it', () => {
    // 1 1 0 1: with a 2-hour timeout the zero is inside the session (4 hours).
    assert.deepEqual(sessionsOf(series('1101 00'), 2), [{ start: 0, hours: 4 }]);
    // With a 1-hour timeout the zero ends the first session: 2 h + 1 h.
    assert.deepEqual(sessionsOf(series('1101 00'), 1), [
      { start: 0, hours: 2 },
      { start: 3, hours: 1 },
    ]);
    // Trailing zeros after the last 1 are not session time.
    assert.deepEqual(sessionsOf(series('10'), 3), [{ start: 0, hours: 1 }]);
  });

  it('hours without data (stopped) are skipped, not counted as idle', () => {
    // Connected, stopped for hours, connected again: with a 1-hour timeout the gap has no zero, so
    // it is one session; its hours are the data points from the first to the last 1 (3), as the
    // Cost Optimizer counts points.
    assert.deepEqual(sessionsOf(series('11....1'), 1), [{ start: 0, hours: 3 }]);
    assert.deepEqual(sessionsOf(series('11 0 ....1'), 1), [
      { start: 0, hours: 2 },
      { start: 7, hours: 1 },
    ]);
  });

  it('a session still open at the end of the data counts up to its last connected hour', () => {
    assert.deepEqual(sessionsOf(series('0011'), 1), [{ start: 2, hours: 2 }]);
    assert.deepEqual(sessionsOf(series(''), 1), []);
    assert.deepEqual(sessionsOf(series('0000....'), 1), []);
  });

  it('a month of two working weeks: 10 sessions of 8 h, AutoStop 2 h → 100 billable hours', () => {
    const day = '........11111111 00 ......'; // 8 connected hours, 2 idle, then stopped
    const s = series(day.repeat(10) + '.'.repeat(24 * 4));
    const u = monthUsage('2026-11', s, 2);
    assert.equal(u.sessions, 10);
    assert.equal(u.sessionHours, 80);
    assert.equal(u.billableHours, 80 + 10 * 2);
    assert.equal(u.connectedHours, 80);
    assert.equal(u.dataHours, 100);
  });

  it('the timeout: AutoStop minutes / 60, else the AlwaysOn setting', () => {
    assert.equal(timeoutHoursOf(ws({ minutes: 180 }), S), 3);
    assert.equal(timeoutHoursOf(ws({ mode: 'ALWAYS_ON' }), S), 1);
    assert.equal(timeoutHoursOf(ws({ mode: 'ALWAYS_ON' }), { ...S, alwaysOnTimeoutHours: 4 }), 4);
  });
});

describe('usage: advice', () => {
  const usage = (mode: string, thisMonth: Partial<MonthUsage>, lastMonth: Partial<MonthUsage> = {}) => ({
    mode,
    thisMonth: month({ month: '2026-11', hours: 468, ...thisMonth }),
    lastMonth: month(lastMonth),
  });

  it('thresholds are the Cost Optimizer’s defaults', () => {
    assert.deepEqual(DEFAULT_THRESHOLDS, {
      VALUE: 81,
      STANDARD: 85,
      PERFORMANCE: 80,
      POWER: 92,
      POWERPRO: 78,
      GRAPHICS_G4DN: 334,
      GRAPHICSPRO_G4DN: 80,
    });
  });

  it('AutoStop above the threshold this month → AlwaysOn, at or below → keep', () => {
    const a = advise(ws(), usage('AUTO_STOP', { billableHours: 97 }), S, NOW);
    assert.equal(a.kind, 'toAlwaysOn');
    assert.equal(a.targetMode, 'ALWAYS_ON');
    assert.equal(a.text, 'switch to AlwaysOn (97 h this month > 85 h)');
    assert.equal(a.hoursMoved, 97);
    const k = advise(ws(), usage('AUTO_STOP', { billableHours: 85 }), S, NOW);
    assert.equal(k.kind, 'keep');
    assert.equal(k.text, 'keep AutoStop (85 h this month ≤ 85 h)');
    // The threshold is the compute type's.
    assert.equal(advise(ws({ compute: 'POWER' }), usage('AUTO_STOP', { billableHours: 90 }), S, NOW).kind, 'keep');
    assert.equal(
      advise(ws({ compute: 'VALUE' }), usage('AUTO_STOP', { billableHours: 82 }), S, NOW).kind,
      'toAlwaysOn',
    );
  });

  it('AlwaysOn at or below the threshold for a whole last month (and this month so far) → AutoStop', () => {
    const on = ws({ mode: 'ALWAYS_ON' });
    const a = advise(on, usage('ALWAYS_ON', { billableHours: 12 }, { billableHours: 23 }), S, NOW);
    assert.equal(a.kind, 'toAutoStop');
    assert.equal(a.text, 'switch to AutoStop (23 h last month ≤ 85 h)');
    assert.equal(a.targetMode, 'AUTO_STOP');
    const heavy = advise(on, usage('ALWAYS_ON', { billableHours: 12 }, { billableHours: 140 }), S, NOW);
    assert.equal(heavy.kind, 'keep');
    assert.equal(heavy.text, 'keep AlwaysOn (140 h last month > 85 h)');
    // Light last month but already above the threshold this month: no flip-flop.
    const busy = advise(on, usage('ALWAYS_ON', { billableHours: 100 }, { billableHours: 20 }), S, NOW);
    assert.equal(busy.kind, 'keep');
    assert.match(busy.text, /100 h this month > 85 h/);
    // A last month the WorkSpace did not run all of (created during it): no advice to switch.
    const partial = advise(on, usage('ALWAYS_ON', {}, { billableHours: 5, dataHours: 300 }), S, NOW);
    assert.equal(partial.kind, 'keep');
    assert.match(partial.text, /not fully recorded: data for 300 h of 744 h/);
  });

  it('unused: no connection for N months, or never connected and no use in the months read', () => {
    const old = ws({
      connection: { ConnectionState: 'DISCONNECTED', LastKnownUserConnectionTimestamp: new Date(NOW - 95 * DAY) },
    });
    const a = advise(old, usage('AUTO_STOP', {}), S, NOW);
    assert.equal(a.kind, 'unused');
    assert.equal(a.text, 'unused for 3 months — consider terminating');
    assert.equal(advise(old, usage('AUTO_STOP', {}), { ...S, unusedMonths: 4 }, NOW).kind, 'keep');
    const never = ws({ State: 'STOPPED', connection: { ConnectionState: 'DISCONNECTED' } });
    assert.equal(
      advise(never, usage('AUTO_STOP', { dataHours: 0 }, { dataHours: 0 }), S, NOW).kind,
      'unused',
      'never ran in two months',
    );
    assert.equal(
      advise(never, usage('AUTO_STOP', { dataHours: 5, firstDataHour: 400 }, { dataHours: 0 }), S, NOW).kind,
      'keep',
      'new this month: too new to judge',
    );
    for (const State of ['PENDING', 'AVAILABLE'] as const) {
      assert.equal(
        advise({ ...never, State }, usage('AUTO_STOP', { dataHours: 0 }, { dataHours: 0 }), S, NOW).kind,
        'keep',
        `${State} without any data: just created`,
      );
    }
    assert.equal(
      advise({ ...never, State: 'AVAILABLE' }, usage('ALWAYS_ON', {}, { firstDataHour: 3 }), S, NOW).kind,
      'unused',
      'ran all of last month, nobody ever connected',
    );
  });

  it('the skip tag (any case) excludes; no threshold, Manual mode, a mode changed since the read: no switch', () => {
    const tagged = ws({ tags: [{ Key: 'skip_convert', Value: '' }] });
    assert.ok(hasSkipTag(tagged, 'Skip_Convert'));
    assert.equal(advise(tagged, usage('AUTO_STOP', { billableHours: 300 }), S, NOW).kind, 'skipped');
    assert.equal(
      advise(tagged, usage('AUTO_STOP', { billableHours: 300 }), { ...S, skipTag: '' }, NOW).kind,
      'toAlwaysOn',
    );
    const g6 = advise(ws({ compute: 'GRAPHICS_G6_XLARGE' }), usage('AUTO_STOP', { billableHours: 300 }), S, NOW);
    assert.equal(g6.kind, 'none');
    assert.equal(g6.text, 'no threshold for GRAPHICS_G6_XLARGE');
    assert.equal(
      advise(
        ws({ compute: 'GRAPHICS_G6_XLARGE' }),
        usage('AUTO_STOP', { billableHours: 300 }),
        { ...S, thresholds: { GRAPHICS_G6_XLARGE: 200 } },
        NOW,
      ).kind,
      'toAlwaysOn',
      'a threshold from the settings',
    );
    assert.equal(advise(ws({ mode: 'MANUAL' }), usage('MANUAL', {}), S, NOW).kind, 'none');
    const switched = advise(ws({ mode: 'ALWAYS_ON' }), usage('AUTO_STOP', { billableHours: 300 }), S, NOW);
    assert.equal(switched.kind, 'keep');
    assert.equal(switched.text, 'running mode changed since the usage was read');
    assert.equal(advise(ws(), undefined, S, NOW).kind, 'none');
  });
});

describe('usage: days since the last connection', () => {
  it('buckets', () => {
    const at = (days: number): WorkspaceView =>
      ws({
        connection: { ConnectionState: 'DISCONNECTED', LastKnownUserConnectionTimestamp: new Date(NOW - days * DAY) },
      });
    assert.equal(idleBucket(ws({ connection: { ConnectionState: 'CONNECTED' } }), NOW), 'connected');
    assert.equal(idleBucket(at(0.5), NOW), '< 1 d');
    assert.equal(idleBucket(at(3), NOW), '1–7 d');
    assert.equal(idleBucket(at(29), NOW), '7–30 d');
    assert.equal(idleBucket(at(45), NOW), '30–60 d');
    assert.equal(idleBucket(at(61), NOW), '60–90 d');
    assert.equal(idleBucket(at(400), NOW), '> 90 d');
    assert.equal(idleBucket(ws({ connection: { ConnectionState: 'DISCONNECTED' } }), NOW), 'never');
    assert.equal(idleBucket(ws({ connection: undefined }), NOW), 'unknown');
  });
});
