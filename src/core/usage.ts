// Usage and cost advice of WorkSpaces, pure: calendar months, the session arithmetic of the AWS
// Cost Optimizer for Amazon WorkSpaces over hourly UserConnected data, the thresholds per compute
// type, and the advice per WorkSpace (keep, switch to AlwaysOn, switch to AutoStop, unused).
//
// Input: CloudWatch `AWS/WorkSpaces` `UserConnected` per WorkSpace, Period 3600, Stat Maximum (see
// src/aws/cloudwatch.ts for why hourly): one value per hour the WorkSpace reported anything, 1 when
// a user was connected at some time in that hour, 0 when it ran without a user; no value while it
// was stopped. The Cost Optimizer reads 5-minute Maximum values and:
// - a session is a run of 1s that ends after `timeout / 5 min` zeros in a row (AutoStop: the
//   WorkSpace's own AutoStop timeout; AlwaysOn: its AutoStopTimeoutHours parameter, default 1 h);
//   zeros inside a session count as session time; hours without data are skipped, not zeros;
// - a session's hours are rounded up (⌈points / 12⌉);
// - billable hours = Σ (session hours + timeout hours);
// - AutoStop → AlwaysOn as soon as this month's billable hours exceed the compute type's threshold;
//   AlwaysOn → AutoStop at month end when the month's billable hours are at most the threshold;
// - a `Skip_Convert` tag (key, case-insensitive) excludes the WorkSpace.
// Here the points are hours: a session is a run of connected hours (a clock hour with any connection
// counts whole, which is the rounding up already) ended by `timeout hours` zero hours. It can count
// one hour more than the 5-minute reading when a session straddles a clock hour (9:50–10:40 is two
// hours here, one there). Everything here is an estimate of billed hours, never the bill: CloudWatch
// hours and billed hours differ (AWS bills AutoStop by the hour of running, with a monthly fee).
import type { WorkspaceView } from './present';

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The Cost Optimizer's default monthly thresholds (hours) above which AlwaysOn is cheaper. */
export const DEFAULT_THRESHOLDS: Readonly<Record<string, number>> = {
  VALUE: 81,
  STANDARD: 85,
  PERFORMANCE: 80,
  POWER: 92,
  POWERPRO: 78,
  GRAPHICS_G4DN: 334,
  GRAPHICSPRO_G4DN: 80,
};

/** The tag key that excludes a WorkSpace from advice (the Cost Optimizer's). */
export const DEFAULT_SKIP_TAG = 'Skip_Convert';

export interface CostSettings {
  /** Hours per month above which AlwaysOn is cheaper, by compute type name (VALUE, STANDARD, ...). */
  readonly thresholds: Readonly<Record<string, number>>;
  /** Tag key (case-insensitive) that excludes a WorkSpace; '' = no tag check. */
  readonly skipTag: string;
  /** "Unused" after this many months without a connection. */
  readonly unusedMonths: number;
  /** Idle hours that end an AlwaysOn WorkSpace's session (the AutoStop time it would get). */
  readonly alwaysOnTimeoutHours: number;
}

export const DEFAULT_COST_SETTINGS: CostSettings = {
  thresholds: DEFAULT_THRESHOLDS,
  skipTag: DEFAULT_SKIP_TAG,
  unusedMonths: 2,
  alwaysOnTimeoutHours: 1,
};

// ---- months -------------------------------------------------------------------------------------

/** A calendar month in UTC (AWS bills by UTC months): [start, end) in ms. */
export interface Month {
  /** "2026-11" */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

export function monthOf(t: number): Month {
  const d = new Date(t);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return { key: new Date(start).toISOString().slice(0, 7), start, end };
}

export function previousMonth(m: Month): Month {
  return monthOf(m.start - 1);
}

/** "November 2026". */
export function monthName(m: Month): string {
  return new Date(m.start).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The hours of a month that have happened by `now`: [start, start + hours × 1 h), hour-aligned. */
export interface HourRange {
  readonly start: number;
  readonly hours: number;
}

export function elapsedHours(m: Month, now: number): HourRange {
  const end = Math.min(m.end, Math.max(m.start, now));
  return { start: m.start, hours: Math.ceil((end - m.start) / HOUR_MS) };
}

// ---- sessions -----------------------------------------------------------------------------------

/** One value per hour of a range: -1 no data (not running), 0 running without a user, 1 connected. */
export type HourlySeries = Int8Array;

export const NO_DATA = -1;

export function emptySeries(hours: number): HourlySeries {
  return new Int8Array(hours).fill(NO_DATA);
}

export interface Session {
  /** Hour index of the first connected hour. */
  readonly start: number;
  /** Session hours: from its first to its last connected hour, idle hours inside included. */
  readonly hours: number;
}

/**
 * The Cost Optimizer's sessions over hourly data: a run of connected hours, ended by `zeroHours`
 * zero hours in a row (hours without data are skipped); zeros inside a session count as session
 * time; a session still open at the end of the data counts up to its last connected hour.
 */
export function sessionsOf(series: HourlySeries, zeroHours: number): Session[] {
  const close = Math.max(1, Math.round(zeroHours));
  const out: Session[] = [];
  let open = false;
  let startHour = 0;
  let zeros = 0;
  // The hours between the first and last 1 that had data (CO counts data points, not clock hours).
  let points = 0;
  let pointsAtLastOne = 0;
  for (let h = 0; h < series.length; h++) {
    const v = series[h];
    if (v === NO_DATA) continue;
    if (open) points++;
    if (v === 1) {
      if (!open) {
        open = true;
        startHour = h;
        points = 1;
      }
      zeros = 0;
      pointsAtLastOne = points;
    } else if (open && ++zeros >= close) {
      out.push({ start: startHour, hours: pointsAtLastOne });
      open = false;
    }
  }
  if (open) out.push({ start: startHour, hours: pointsAtLastOne });
  return out;
}

/** What one month of hourly data says about a WorkSpace. */
export interface MonthUsage {
  /** "2026-11" */
  readonly month: string;
  /** Hours of the month covered by the data asked for (all of a past month; the elapsed part of this one). */
  readonly hours: number;
  /** Hours with data (the WorkSpace reported, so it ran). */
  readonly dataHours: number;
  /** Hours in which a user was connected. */
  readonly connectedHours: number;
  readonly sessions: number;
  /** Σ session hours. */
  readonly sessionHours: number;
  /** Idle hours added per session (the AutoStop time, or the AlwaysOn setting). */
  readonly timeoutHours: number;
  /** Σ (session hours + timeout hours): the Cost Optimizer's estimate of AutoStop billed hours. */
  readonly billableHours: number;
  /** Hour index (in the month) of the first data, when there is any. */
  readonly firstDataHour?: number;
  /** Connected hours on Saturdays and Sundays (UTC): none means a working-days pattern. */
  readonly weekendConnectedHours?: number;
}

/** True for a Saturday or Sunday (UTC) hour. */
function isWeekend(t: number): boolean {
  const d = new Date(t).getUTCDay();
  return d === 0 || d === 6;
}

/** The start (ms) of a month key "2026-11". */
function startOfMonthKey(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m - 1, 1);
}

export function monthUsage(month: string, series: HourlySeries, timeoutHours: number): MonthUsage {
  let dataHours = 0;
  let connectedHours = 0;
  let weekendConnectedHours = 0;
  let firstDataHour: number | undefined;
  const start = startOfMonthKey(month);
  for (let h = 0; h < series.length; h++) {
    if (series[h] === NO_DATA) continue;
    dataHours++;
    firstDataHour ??= h;
    if (series[h] === 1) {
      connectedHours++;
      if (isWeekend(start + h * HOUR_MS)) weekendConnectedHours++;
    }
  }
  const sessions = sessionsOf(series, timeoutHours);
  const sessionHours = sessions.reduce((a, s) => a + s.hours, 0);
  return {
    month,
    hours: series.length,
    dataHours,
    connectedHours,
    sessions: sessions.length,
    sessionHours,
    timeoutHours,
    billableHours: sessionHours + sessions.length * timeoutHours,
    weekendConnectedHours,
    firstDataHour,
  };
}

// ---- this month's pace ---------------------------------------------------------------------------

/** What this month's billable hours are on pace for, and how that was estimated. */
export interface Projection {
  /** Estimated billable hours of the whole month. */
  readonly hours: number;
  /** Hours so far this month. */
  readonly soFar: number;
  /**
   * 'workingDays': the hours so far per working day (Monday–Friday, UTC) elapsed, times the month's
   * working days (the WorkSpace was used on working days only); 'days': per calendar day;
   * 'lastMonth': too early in the month to tell, last month's hours stand in.
   */
  readonly basis: 'workingDays' | 'days' | 'lastMonth';
  /** The day of the month (UTC, 1–31) from which the hours pass `threshold`, when they do this month. */
  readonly crossingDay?: number;
}

/** Days (or working days) of this month elapsed before projecting from them rather than last month. */
const MIN_ELAPSED_DAYS = 3;
const MIN_ELAPSED_WORKING_DAYS = 2;

/** Days of [from, to) that count (all, or Monday–Friday UTC), fractions of a day included. */
function countedDays(from: number, to: number, workingOnly: boolean): number {
  let n = 0;
  for (let t = from; t < to;) {
    const dayEnd = Math.min(to, Math.floor(t / DAY_MS) * DAY_MS + DAY_MS);
    if (!workingOnly || !isWeekend(t)) n += (dayEnd - t) / DAY_MS;
    t = dayEnd;
  }
  return n;
}

/**
 * This month's pace: the hours so far, projected over the days (or working days) left. Early in the
 * month (fewer than 3 days, or 2 working days) last month's hours stand in, when it ran last month;
 * else there is no projection. An estimate, never the bill: a person's month is not even.
 */
export function projectMonth(
  usage: WorkspaceUsage,
  month: Month,
  now: number,
  threshold: number,
): Projection | undefined {
  const current = usage.thisMonth;
  const last = usage.lastMonth;
  const soFar = current?.billableHours ?? 0;
  const until = Math.min(Math.max(now, month.start), month.end);
  const connected = (current?.connectedHours ?? 0) + (last?.connectedHours ?? 0);
  const weekend = (current?.weekendConnectedHours ?? 0) + (last?.weekendConnectedHours ?? 0);
  const workingOnly = connected > 0 && weekend === 0;
  const elapsed = countedDays(month.start, until, workingOnly);
  const total = countedDays(month.start, month.end, workingOnly);
  let perDay: number;
  let basis: Projection['basis'];
  if (elapsed >= (workingOnly ? MIN_ELAPSED_WORKING_DAYS : MIN_ELAPSED_DAYS)) {
    perDay = soFar / elapsed;
    basis = workingOnly ? 'workingDays' : 'days';
  } else if (last && last.dataHours > 0) {
    // An AutoStop WorkSpace reports only while it runs: last month's hours count whatever its data
    // hours (a WorkSpace created during last month has fewer: the estimate is low, not wrong).
    const lastStart = startOfMonthKey(last.month);
    perDay = last.billableHours / Math.max(1, countedDays(lastStart, month.start, workingOnly));
    basis = 'lastMonth';
  } else {
    return undefined;
  }
  const hours = soFar + perDay * (total - elapsed);
  let crossingDay: number | undefined;
  if (soFar <= threshold && hours > threshold && perDay > 0) {
    // Walk the days left until the hours so far plus the pace pass the threshold.
    let acc = soFar;
    for (let t = until; t < month.end;) {
      const dayEnd = Math.min(month.end, Math.floor(t / DAY_MS) * DAY_MS + DAY_MS);
      acc += perDay * countedDays(t, dayEnd, workingOnly);
      if (acc > threshold) {
        crossingDay = new Date(t).getUTCDate();
        break;
      }
      t = dayEnd;
    }
  }
  return { hours, soFar, basis, crossingDay };
}

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinalDay(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A WorkSpace's usage of this month and the last, as read with the running mode it had then. */
export interface WorkspaceUsage {
  /** The running mode when the usage was read (sessions end after its timeout). */
  readonly mode: string | undefined;
  readonly lastMonth?: MonthUsage;
  readonly thisMonth?: MonthUsage;
}

/** The idle hours that end a session of this WorkSpace (its AutoStop time; the setting when AlwaysOn). */
export function timeoutHoursOf(ws: WorkspaceView, s: CostSettings): number {
  const p = ws.WorkspaceProperties;
  if (p?.RunningMode === 'AUTO_STOP' && p.RunningModeAutoStopTimeoutInMinutes) {
    return Math.max(1, Math.round(p.RunningModeAutoStopTimeoutInMinutes / 60));
  }
  return Math.max(1, Math.round(s.alwaysOnTimeoutHours));
}

// ---- advice -------------------------------------------------------------------------------------

export type AdviceKind = 'toAlwaysOn' | 'onPace' | 'toAutoStop' | 'unused' | 'keep' | 'skipped' | 'none';

/** In the order the tree and the report list them. */
export const ADVICE_KINDS: readonly AdviceKind[] = [
  'toAlwaysOn',
  'onPace',
  'toAutoStop',
  'unused',
  'keep',
  'skipped',
  'none',
];

export const ADVICE_TITLES: Readonly<Record<AdviceKind, string>> = {
  toAlwaysOn: 'Switch to AlwaysOn',
  onPace: 'On pace for AlwaysOn (estimate)',
  toAutoStop: 'Switch to AutoStop',
  unused: 'Unused — consider terminating',
  keep: 'Keep',
  skipped: 'Skipped (tag)',
  none: 'No advice',
};

export interface Advice {
  readonly kind: AdviceKind;
  /** "switch to AlwaysOn (97 h this month > 85 h)" */
  readonly text: string;
  /** The running mode to set, for the switches. */
  readonly targetMode?: 'ALWAYS_ON' | 'AUTO_STOP';
  /** The estimated hours the advice is about (billable AutoStop hours, or idle months for unused). */
  readonly hours?: number;
  readonly threshold?: number;
  /** Hours that move between hourly and monthly billing if the advice is followed. */
  readonly hoursMoved?: number;
  /** Months without a connection (unused). */
  readonly idleMonths?: number;
  /** This month's pace (AutoStop WorkSpaces), an estimate. */
  readonly projection?: Projection;
  /**
   * True when the advice rests on the projection (kind 'onPace'): Apply Recommendation leaves such
   * WorkSpaces out unless the person includes them (the Cost Optimizer's rule switches only once
   * the threshold is passed).
   */
  readonly estimate?: boolean;
}

/** True when the WorkSpace carries the skip tag (key compared case-insensitively, as the Cost Optimizer does). */
export function hasSkipTag(ws: WorkspaceView, skipTag: string): boolean {
  const key = skipTag.trim().toLowerCase();
  return key !== '' && (ws.tags ?? []).some((t) => (t.Key ?? '').toLowerCase() === key);
}

/** Whole months (30 days) since the last connection; undefined when connected or unknown or never. */
export function idleMonths(ws: WorkspaceView, now: number): number | undefined {
  const c = ws.connection;
  if (!c || c.ConnectionState === 'CONNECTED' || !c.LastKnownUserConnectionTimestamp) return undefined;
  return Math.floor((now - new Date(c.LastKnownUserConnectionTimestamp).getTime()) / (30 * DAY_MS));
}

const h = (n: number): string => `${Math.round(n).toLocaleString('en-US')} h`;

/** States in which a WorkSpace without any usage data has not just been created. */
const IDLE_STATES: ReadonlySet<string> = new Set(['STOPPED', 'SUSPENDED', 'ERROR']);

/** A month counts for AlwaysOn → AutoStop only when the data covers most of it (a whole month's use). */
const FULL_MONTH_SHARE = 0.9;

/**
 * The advice for one WorkSpace: the Cost Optimizer's rules, plus "unused" from the last connection
 * (or no connection and no use in the months read). `usage` comes from CloudWatch; the tags, mode,
 * state and connection from the WorkSpace as the tree knows it now.
 */
export function advise(ws: WorkspaceView, usage: WorkspaceUsage | undefined, s: CostSettings, now: number): Advice {
  if (hasSkipTag(ws, s.skipTag)) return { kind: 'skipped', text: `skipped (tag ${s.skipTag.trim()})` };
  const months = idleMonths(ws, now);
  if (months !== undefined && months >= Math.max(1, s.unusedMonths)) {
    return {
      kind: 'unused',
      text: `unused for ${months} months — consider terminating`,
      idleMonths: months,
    };
  }
  if (!usage) return { kind: 'none', text: 'no usage read yet' };
  const last = usage.lastMonth;
  const current = usage.thisMonth;
  const c = ws.connection;
  const neverConnected = c !== undefined && c.ConnectionState !== 'CONNECTED' && !c.LastKnownUserConnectionTimestamp;
  if (
    neverConnected &&
    (last?.connectedHours ?? 0) + (current?.connectedHours ?? 0) === 0 &&
    // It ran from the first day of last month on (so it is older than that), or it did not run at
    // all in the two months and is not running now (a new WorkSpace has no data for a while).
    ((last?.firstDataHour ?? Infinity) < 24 ||
      ((last?.dataHours ?? 0) + (current?.dataHours ?? 0) === 0 && IDLE_STATES.has(ws.State ?? '')))
  ) {
    return { kind: 'unused', text: 'never connected, not used this month or the last — consider terminating' };
  }
  const mode = ws.WorkspaceProperties?.RunningMode;
  if (mode !== 'AUTO_STOP' && mode !== 'ALWAYS_ON') {
    return { kind: 'none', text: mode === 'MANUAL' ? 'Manual running mode: no advice' : 'running mode unknown' };
  }
  const type = ws.WorkspaceProperties?.ComputeTypeName;
  const threshold = type && Object.hasOwn(s.thresholds, type) ? s.thresholds[type] : undefined;
  if (threshold === undefined || !Number.isFinite(threshold)) {
    return { kind: 'none', text: `no threshold for ${type ?? 'an unknown compute type'}` };
  }
  if (usage.mode !== mode) return { kind: 'keep', text: 'running mode changed since the usage was read' };
  if (mode === 'AUTO_STOP') {
    const hours = current?.billableHours ?? 0;
    if (hours > threshold) {
      return {
        kind: 'toAlwaysOn',
        text: `switch to AlwaysOn (${h(hours)} this month > ${h(threshold)})`,
        targetMode: 'ALWAYS_ON',
        hours,
        threshold,
        hoursMoved: hours,
      };
    }
    const p = projectMonth(usage, monthOf(now), now, threshold);
    if (p && p.hours > threshold) {
      const from =
        p.crossingDay !== undefined ? `: AlwaysOn is cheaper from about the ${ordinalDay(p.crossingDay)}` : '';
      const text =
        p.basis === 'lastMonth'
          ? `on pace for AlwaysOn: ${h(last?.billableHours ?? 0)} last month, ${h(hours)} so far this month${from} (estimate)`
          : `on pace for ~${h(p.hours)} this month (${h(hours)} so far${p.basis === 'workingDays' ? ', working days' : ''})${from} (estimate)`;
      return {
        kind: 'onPace',
        text,
        targetMode: 'ALWAYS_ON',
        hours,
        threshold,
        hoursMoved: Math.round(p.hours),
        projection: p,
        estimate: true,
      };
    }
    const pace = p ? `; on pace for ~${h(p.hours)}` : '';
    return {
      kind: 'keep',
      text: `keep AutoStop (${h(hours)} this month ≤ ${h(threshold)}${pace})`,
      hours,
      threshold,
      projection: p,
    };
  }
  // AlwaysOn: judged on a whole last month (the Cost Optimizer switches back only at month end), and
  // not while this month already passed the threshold.
  if (!last || last.dataHours < FULL_MONTH_SHARE * last.hours) {
    const seen = last ? `${h(last.dataHours)} of ${h(last.hours)}` : 'none';
    return { kind: 'keep', text: `keep AlwaysOn (last month not fully recorded: data for ${seen})`, threshold };
  }
  const hours = last.billableHours;
  const now_ = current?.billableHours ?? 0;
  if (hours <= threshold && now_ <= threshold) {
    return {
      kind: 'toAutoStop',
      text: `switch to AutoStop (${h(hours)} last month ≤ ${h(threshold)})`,
      targetMode: 'AUTO_STOP',
      hours,
      threshold,
      hoursMoved: hours,
    };
  }
  const why =
    hours > threshold ? `${h(hours)} last month > ${h(threshold)}` : `${h(now_)} this month > ${h(threshold)}`;
  return { kind: 'keep', text: `keep AlwaysOn (${why})`, hours: Math.max(hours, now_), threshold };
}

// ---- days since the last connection ---------------------------------------------------------------

export const IDLE_BUCKETS = [
  'connected',
  '< 1 d',
  '1–7 d',
  '7–30 d',
  '30–60 d',
  '60–90 d',
  '> 90 d',
  'never',
  'unknown',
] as const;
export type IdleBucket = (typeof IDLE_BUCKETS)[number];

/** The histogram bucket of a WorkSpace's days since its user last connected. */
export function idleBucket(ws: WorkspaceView, now: number): IdleBucket {
  const c = ws.connection;
  if (!c) return 'unknown';
  if (c.ConnectionState === 'CONNECTED') return 'connected';
  if (!c.LastKnownUserConnectionTimestamp) return 'never';
  const days = (now - new Date(c.LastKnownUserConnectionTimestamp).getTime()) / DAY_MS;
  if (days < 1) return '< 1 d';
  if (days < 7) return '1–7 d';
  if (days < 30) return '7–30 d';
  if (days < 60) return '30–60 d';
  if (days < 90) return '60–90 d';
  return '> 90 d';
}
