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
  ordinalDay,
  projectMonth,
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
    // 40 h in 19.5 days: on pace for 40 / 19.5 × 30 ≈ 62 h, under the threshold.
    const k = advise(ws(), usage('AUTO_STOP', { billableHours: 40 }), S, NOW);
    assert.equal(k.kind, 'keep');
    assert.equal(k.text, 'keep AutoStop (40 h this month ≤ 85 h; on pace for ~62 h)');
    // The threshold is the compute type's.
    assert.equal(advise(ws({ compute: 'POWER' }), usage('AUTO_STOP', { billableHours: 90 }), S, NOW).kind, 'onPace');
    assert.equal(advise(ws({ compute: 'POWER' }), usage('AUTO_STOP', { billableHours: 50 }), S, NOW).kind, 'keep');
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

describe('usage: this month’s pace (an estimate)', () => {
  const at = (iso: string): number => Date.parse(iso);
  const usageAt = (now: number, thisMonth: Partial<MonthUsage>, lastMonth: Partial<MonthUsage> = {}) => {
    const m = monthOf(now);
    return {
      mode: 'AUTO_STOP',
      thisMonth: month({ month: m.key, hours: elapsedHours(m, now).hours, dataHours: 100, ...thisMonth }),
      lastMonth: month({ month: previousMonth(m).key, ...lastMonth }),
    };
  };

  it('on the 7th, 54 h so far on working days: on pace for AlwaysOn, cheaper from about the 9th', () => {
    // December 2026: the 1st is a Tuesday. By Monday the 7th 09:00 UTC: Tue–Fri (4 working days)
    // and 9 h of Monday = 4.375 working days; the month has 23.
    const now = at('2026-12-07T09:00:00Z');
    const u = usageAt(now, { billableHours: 54, connectedHours: 45, weekendConnectedHours: 0 });
    const p = projectMonth(u, monthOf(now), now, 85)!;
    assert.equal(p.basis, 'workingDays');
    const perDay = 54 / 4.375;
    assert.ok(Math.abs(p.hours - (54 + perDay * (23 - 4.375))) < 1e-9, String(p.hours));
    // 54 + 0.625 × 12.3 = 61.7 (the 7th), 74.1 (the 8th), 86.4 (the 9th) > 85.
    assert.equal(p.crossingDay, 9);
    const a = advise(ws(), u, S, now);
    assert.equal(a.kind, 'onPace');
    assert.equal(a.targetMode, 'ALWAYS_ON');
    assert.equal(a.estimate, true);
    assert.equal(
      a.text,
      'on pace for ~284 h this month (54 h so far, working days): AlwaysOn is cheaper from about the 9th (estimate)',
    );
  });

  it('used on weekends too: per calendar day', () => {
    const now = at('2026-12-07T09:00:00Z');
    const u = usageAt(now, { billableHours: 54, connectedHours: 45, weekendConnectedHours: 6 });
    const p = projectMonth(u, monthOf(now), now, 85)!;
    assert.equal(p.basis, 'days');
    assert.ok(Math.abs(p.hours - (54 / 6.375) * 31) < 1e-9, String(p.hours));
  });

  it('1 January 00:20: too early to tell, last month stands in (a whole one), across the year', () => {
    const now = at('2027-01-01T00:20:00Z');
    const u = usageAt(now, { billableHours: 0, dataHours: 1 }, { billableHours: 190, connectedHours: 160 });
    const p = projectMonth(u, monthOf(now), now, 85)!;
    assert.equal(p.basis, 'lastMonth');
    assert.equal(u.lastMonth.month, '2026-12');
    const a = advise(ws(), u, S, now);
    assert.equal(a.kind, 'onPace');
    assert.match(
      a.text,
      /^on pace for AlwaysOn: 190 h last month, 0 h so far this month: AlwaysOn is cheaper from about the \d+(st|nd|rd|th) \(estimate\)$/,
    );
    // An AutoStop WorkSpace runs only part of the month: its hours count (a light user keeps AutoStop).
    const light = usageAt(now, { billableHours: 0 }, { billableHours: 30, dataHours: 40 });
    assert.equal(projectMonth(light, monthOf(now), now, 85)?.basis, 'lastMonth');
    assert.equal(advise(ws(), light, S, now).kind, 'keep');
    // It did not run last month (a new WorkSpace): no projection, keep.
    const fresh = usageAt(now, { billableHours: 0 }, { billableHours: 0, dataHours: 0 });
    assert.equal(projectMonth(fresh, monthOf(now), now, 85), undefined);
    assert.equal(advise(ws(), fresh, S, now).text, 'keep AutoStop (0 h this month ≤ 85 h)');
  });

  it('29 February 23:40 of a leap year and the last day of a 31-day month: the month’s own length', () => {
    const leap = at('2028-02-29T23:40:00Z');
    const p = projectMonth(usageAt(leap, { billableHours: 58 }), monthOf(leap), leap, 85)!;
    assert.equal(monthOf(leap).key, '2028-02');
    // 28.986 days of 29 elapsed: the pace adds 20 minutes' worth.
    const elapsed = 28 + (23 * 60 + 40) / (24 * 60);
    assert.ok(Math.abs(p.hours - (58 + (58 / elapsed) * (29 - elapsed))) < 1e-9, String(p.hours));
    assert.equal(p.crossingDay, undefined, 'never passes 85 h this month');
    const seen = { ConnectionState: 'DISCONNECTED' as const, LastKnownUserConnectionTimestamp: new Date(leap - 2 * H) };
    assert.equal(advise(ws({ connection: seen }), usageAt(leap, { billableHours: 58 }), S, leap).kind, 'keep');
    const last = at('2026-12-31T12:00:00Z');
    const q = projectMonth(usageAt(last, { billableHours: 80 }), monthOf(last), last, 85)!;
    assert.ok(q.hours > 80 && q.hours < 82, String(q.hours));
  });

  it('past the threshold: the Cost Optimizer’s rule, not a projection', () => {
    const now = at('2026-12-07T09:00:00Z');
    const a = advise(ws(), usageAt(now, { billableHours: 90 }), S, now);
    assert.equal(a.kind, 'toAlwaysOn');
    assert.equal(a.estimate, undefined);
  });

  it('ordinal days', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(ordinalDay), [
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '31st',
    ]);
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
