// The session metrics of the Diagnose WorkSpace panel, pure: which CloudWatch metrics, over which
// windows, and how one GetMetricData call brings them all (src/aws/cloudwatch.ts sends it).
//
// AWS/WorkSpaces publishes per WorkspaceId (admin guide, "Monitor your WorkSpaces using CloudWatch
// metrics"): InSessionLatency (round-trip time between the client and the WorkSpace, ms),
// SessionLaunchTime (time to start a session, s) and ConnectionFailure (failed connections, count).
// Both windows come from one call: GetMetricData has one StartTime/EndTime per call but a Period
// per query, so the call covers the 7 days and names each metric twice, at 5 minutes (of which the
// last 24 h are kept) and at an hour (the 7 days). 3 × 2016 + 3 × 168 = 6,552 points, far below the
// 100,800 a call returns, and 6 metrics billed. 5-minute data is kept 15 days at 1-minute resolution,
// so the 7 days are within reach of both periods.
import { HOUR_MS } from './usage';

export type SessionMetric = 'InSessionLatency' | 'SessionLaunchTime' | 'ConnectionFailure';
export type DiagnoseWindow = 'day' | 'week';

export interface MetricSpec {
  name: SessionMetric;
  /** What the panel draws: the average latency and launch time, the failures summed. */
  stat: 'Average' | 'Sum';
  unit: string;
  title: string;
}

export const SESSION_METRICS: readonly MetricSpec[] = [
  { name: 'InSessionLatency', stat: 'Average', unit: 'ms', title: 'In-session latency' },
  { name: 'SessionLaunchTime', stat: 'Average', unit: 's', title: 'Session launch time' },
  { name: 'ConnectionFailure', stat: 'Sum', unit: 'failures', title: 'Connection failures' },
];

export interface WindowSpec {
  key: DiagnoseWindow;
  label: string;
  hours: number;
  /** Seconds between points. */
  period: number;
}

export const DIAGNOSE_WINDOWS: readonly WindowSpec[] = [
  { key: 'day', label: 'Last 24 hours', hours: 24, period: 300 },
  { key: 'week', label: 'Last 7 days', hours: 168, period: 3600 },
];

export interface MetricPoint {
  /** Epoch ms of the period's start. */
  t: number;
  v: number;
}

export interface MetricSeries {
  metric: SessionMetric;
  window: DiagnoseWindow;
  /** Ascending by time. */
  points: MetricPoint[];
}

/** [start, end) of the one call: the longest window, its start on the hour. */
export function metricsRange(now: number): { start: number; end: number } {
  const longest = Math.max(...DIAGNOSE_WINDOWS.map((w) => w.hours));
  return { start: Math.floor((now - longest * HOUR_MS) / HOUR_MS) * HOUR_MS, end: now };
}

/** The query id of a metric in a window ("m0day"): GetMetricData ids start with a lower-case letter. */
export function queryId(metric: number, window: DiagnoseWindow): string {
  return `m${metric}${window}`;
}

/** A series cut to its window's span before `now` (5-minute points of the 7 days: the last 24 h). */
export function clipToWindow(points: readonly MetricPoint[], window: DiagnoseWindow, now: number): MetricPoint[] {
  const spec = DIAGNOSE_WINDOWS.find((w) => w.key === window);
  const from = now - (spec?.hours ?? 0) * HOUR_MS;
  return points.filter((p) => p.t >= from && p.t <= now).sort((a, b) => a.t - b.t);
}

/** A series' summary for the panel's headline: average (or total for a Sum), max, points. */
export function summarize(spec: MetricSpec, points: readonly MetricPoint[]): { value?: number; max?: number } {
  if (points.length === 0) return {};
  const values = points.map((p) => p.v);
  const total = values.reduce((a, b) => a + b, 0);
  return { value: spec.stat === 'Sum' ? total : total / values.length, max: Math.max(...values) };
}
