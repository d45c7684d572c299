/**
 * Deterministic usage of each emulated WorkSpace, the source of its CloudWatch metrics
 * (cloudwatch.ts). Every WorkSpace gets a profile from its id and the emulator's seed:
 * - heavy: on most working days (Monday to Friday, 9 in 10) one session of 8 to 10 hours;
 * - light: a session of 30 minutes to 2 hours on about 1 day in 12 (a few hours a month);
 * - never: nobody ever connected (no LastKnownUserConnectionTimestamp): no session at all.
 * The history agrees with what DescribeWorkspacesConnectionStatus reports: a CONNECTED WorkSpace is
 * in a session since its last connection time up to now; a DISCONNECTED one has its last session
 * end at its last connection time, and none after. Nothing before the WorkSpace was created.
 *
 * The WorkSpace runs (and so reports UserConnected, 0 or 1) always when ALWAYS_ON; when AUTO_STOP,
 * during each session and its AutoStop timeout after it, and in its current running state. It
 * reports nothing while stopped (or in any state but the running ones), and nothing after it
 * stopped for good.
 */
import type { WorkspaceState } from '@aws-sdk/client-workspaces';
import { hashString } from './rng';
import type { WorkspaceRecord } from './world';

export type UsageProfile = 'heavy' | 'light' | 'never';

/** [start, end) in ms. Lists are sorted and disjoint. */
export interface Interval {
  start: number;
  end: number;
}

export interface Usage {
  profile: UsageProfile;
  /** Times a user was connected. */
  sessions: Interval[];
  /** Times the WorkSpace ran (a superset of `sessions`). */
  running: Interval[];
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** States in which a WorkSpace runs and reports metrics. */
const RUNNING: ReadonlySet<WorkspaceState> = new Set<WorkspaceState>([
  'AVAILABLE',
  'IMPAIRED',
  'UNHEALTHY',
  'ADMIN_MAINTENANCE',
  'REBOOTING',
  'MAINTENANCE',
  'UPDATING',
]);

/** A number in [0, 1) fixed by `key`. */
export function unit(key: string): number {
  return hashString(key) / 4294967296;
}

export function usageProfile(rec: WorkspaceRecord, seedKey: string): UsageProfile {
  if (rec.connection.lastConnected === undefined) {
    return 'never';
  }
  return unit(`${seedKey}/profile/${rec.data.WorkspaceId}`) < 0.55 ? 'heavy' : 'light';
}

const floorMin = (t: number): number => Math.floor(t / MIN) * MIN;

/** The usage of a WorkSpace between `from` and `to` (clipped to its life and to `now`). */
export function usageOf(rec: WorkspaceRecord, seedKey: string, from: number, to: number, now: number): Usage {
  const id = rec.data.WorkspaceId;
  const key = `${seedKey}/${id}`;
  const profile = usageProfile(rec, seedKey);
  const props = rec.data.WorkspaceProperties ?? {};
  const alwaysOn = props.RunningMode === 'ALWAYS_ON';
  const timeout = alwaysOn ? 0 : (props.RunningModeAutoStopTimeoutInMinutes ?? 60) * MIN;
  const last = rec.connection.lastConnected;
  const connected = rec.connection.state === 'CONNECTED' && RUNNING.has(rec.data.State);
  const runningNow = RUNNING.has(rec.data.State);
  const begin = Math.max(from, rec.createdAt);
  const end = Math.min(to, now);

  // Sessions of the days around the range (a day's margin for the AutoStop tail).
  let sessions: Interval[] = [];
  if (profile !== 'never') {
    for (let day = Math.floor((begin - DAY) / DAY); day * DAY < end; day++) {
      const d = `${key}/${day}`;
      if (profile === 'heavy') {
        const weekday = new Date(day * DAY).getUTCDay();
        if (weekday >= 1 && weekday <= 5 && unit(`${d}/work`) < 0.9) {
          const start = floorMin(day * DAY + 7.5 * HOUR + unit(`${d}/start`) * 2 * HOUR);
          sessions.push({ start, end: floorMin(start + 8 * HOUR + unit(`${d}/length`) * 2 * HOUR) });
        }
      } else if (unit(`${d}/use`) < 1 / 12) {
        const start = floorMin(day * DAY + 9 * HOUR + unit(`${d}/start`) * 8 * HOUR);
        sessions.push({ start, end: floorMin(start + 30 * MIN + unit(`${d}/length`) * 90 * MIN) });
      }
    }
  }
  // Agree with the reported connection: nothing after the last connection, which ends (or, when
  // connected, starts) the last session.
  if (last !== undefined) {
    sessions = sessions.filter((s) => s.start < last).map((s) => ({ start: s.start, end: Math.min(s.end, last) }));
    if (connected) {
      sessions.push({ start: last, end: now });
    } else if (sessions.length === 0 || sessions[sessions.length - 1].end < last) {
      const length = profile === 'heavy' ? 8 * HOUR : HOUR;
      const prevEnd = sessions.length > 0 ? sessions[sessions.length - 1].end : -Infinity;
      sessions.push({ start: Math.max(last - length, prevEnd, rec.createdAt), end: last });
    }
  }
  // When the WorkSpace stopped for good: when its current non-running state began. Seeds may set a
  // last connection after that; then the connection report wins and it ran until the AutoStop
  // timeout after that session.
  const lastEnd = sessions.length > 0 ? sessions[sessions.length - 1].end : -Infinity;
  const runEnd = runningNow ? now : Math.min(now, rec.stateSince >= lastEnd ? rec.stateSince : lastEnd + timeout);
  sessions = clip(merge(sessions), rec.createdAt, runEnd);

  let running: Interval[];
  if (alwaysOn) {
    running = [{ start: rec.createdAt, end: runEnd }];
  } else {
    running = sessions.map((s) => ({ start: s.start, end: s.end + timeout }));
    if (runningNow) {
      running.push({ start: rec.stateSince, end: now });
    }
    running = clip(merge(running), rec.createdAt, runEnd);
  }
  return { profile, sessions: clip(sessions, begin, end), running: clip(running, begin, end) };
}

function merge(list: Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const prev = out[out.length - 1];
    if (prev && i.start <= prev.end) {
      prev.end = Math.max(prev.end, i.end);
    } else {
      out.push({ ...i });
    }
  }
  return out;
}

function clip(list: Interval[], lo: number, hi: number): Interval[] {
  return list.map((i) => ({ start: Math.max(i.start, lo), end: Math.min(i.end, hi) })).filter((i) => i.end > i.start);
}

/** How many multiples of `step` lie in [lo, hi). */
export function gridPoints(lo: number, hi: number, step: number): number {
  return hi > lo ? Math.ceil(hi / step) - Math.ceil(lo / step) : 0;
}
