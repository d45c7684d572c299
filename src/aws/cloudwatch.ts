// CloudWatch for one scope (profile × region): the hourly `AWS/WorkSpaces` `UserConnected` of many
// WorkSpaces through GetMetricData, batched, each call through CloudWatch's own request scheduler
// (src/aws/scheduler.ts: its own bucket per account and region, at GetMetricData's documented
// 50 calls per second). Part of the AWS layer bundle (dist/aws.js): never loaded at activation.
//
// Why hourly Maximum, and how many calls. GetMetricData takes up to 500 queries and returns up to
// 100,800 points a call, the rest behind a NextToken (each page is a new call that names the same
// queries again, and CloudWatch bills GetMetricData per metric named: whether a NextToken page is
// billed again is not documented). The Cost Optimizer's session arithmetic (src/core/usage.ts)
// needs UserConnected's Maximum over time; the choices:
// - 5-minute points (what the Cost Optimizer reads): exact, but 8,928 points per WorkSpace-month,
//   so 11 WorkSpaces a call: ~12× the calls and points of hourly;
// - hourly points (chosen): a session is a run of connected hours, already rounded up to the hour
//   (at most one hour more than the 5-minute reading per session, see core/usage.ts); a month has
//   at most 744 points per WorkSpace, so 135 WorkSpaces fit one call;
// - daily Sum and SampleCount: 500 WorkSpaces a call (⌈N/500⌉), but no sessions, so not the Cost
//   Optimizer's arithmetic.
// The batch size is ⌊100,800 / hours in the range⌋ (at most 500): every call fits in one page
// whatever the usage (an AlwaysOn WorkSpace reports every hour), each metric is named once, and
// a month of N WorkSpaces takes ⌈N / ⌊100,800 / hours⌋⌉ calls (⌈N/135⌉ for a 31-day month) — the
// fewest for hourly data when every WorkSpace may have run every hour. A NextToken, should one come
// anyway, is followed.
import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { chunk } from '../core/chunk';
import {
  clipToWindow,
  DIAGNOSE_WINDOWS,
  metricsRange,
  queryId,
  SESSION_METRICS,
  type MetricPoint,
  type MetricSeries,
} from '../core/diagnose';
import type { Scope } from '../core/types';
import { emptySeries, HOUR_MS, type HourlySeries, type HourRange } from '../core/usage';
import type { ErrorHints } from './errors';
import type { SchedulerStats, SchedulerTuning } from './scheduler';
import { ServiceCalls, type CallOptions, type ServiceDeps } from './service';

/** GetMetricData's limits (CloudWatch API reference). */
export const MAX_QUERIES = 500;
export const MAX_DATAPOINTS = 100_800;

/**
 * GetMetricData's quota: 50 transactions per second per account and Region (AWS Knowledge Center,
 * "GetMetricData or GetMetricStatistics?"). The burst is not documented: the local bucket assumes
 * a second's worth, and the scheduler slows down if CloudWatch throttles.
 */
export const CLOUDWATCH_TUNING: Partial<SchedulerTuning> = { rate: 50, burst: 50, maxInFlight: 4, maxRate: 200 };

/** WorkSpaces per call for hourly data over `hours` hours: every call fits in one page. */
export function hourlyBatchSize(hours: number): number {
  return Math.max(1, Math.min(MAX_QUERIES, Math.floor(MAX_DATAPOINTS / Math.max(1, hours))));
}

/** The calls `userConnectedHourly` makes for `n` WorkSpaces over `hours` hours (none for none). */
export function hourlyCalls(n: number, hours: number): number {
  return Math.ceil(n / hourlyBatchSize(hours));
}

/** The client and schedulers of a scope's CloudWatch calls (its own bucket per account and region). */
export type CloudWatchDeps = Omit<ServiceDeps<CloudWatchClient>, 'service' | 'hints'>;

export interface FetchStats {
  /** GetMetricData calls (NextToken pages included). */
  calls: number;
  /** Metrics named over all calls (what CloudWatch bills). */
  metrics: number;
  /** Data points received. */
  points: number;
  /** WorkSpaces whose query did not complete (StatusCode Forbidden or InternalError). */
  incomplete: string[];
}

export interface HourlyOptions extends CallOptions {
  /** Called after each batch with the WorkSpaces done so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface HourlyResult {
  /** One series per WorkSpace id asked for, hour by hour from `range.start`. */
  series: Map<string, HourlySeries>;
  stats: FetchStats;
}

/** What CloudWatch's errors say in place of the WorkSpaces hints. */
const HINTS: ErrorHints = {
  accessDenied:
    'The identity of this profile lacks cloudwatch:GetMetricData (IAM policy or SCP): usage and cost advice need it; everything else works without it.',
  badResponse:
    'This endpoint may not serve CloudWatch: set a `cloudwatch` endpoint_url in the profile’s services section, or none to use AWS’s.',
};

/** CloudWatch of one profile and region. Obtain it with `AwsLayer.cloudwatch(scope)`. */
export class CloudWatchApi {
  readonly scope: Scope;
  private readonly calls: ServiceCalls<CloudWatchClient>;

  constructor(deps: CloudWatchDeps) {
    this.scope = deps.scope;
    this.calls = new ServiceCalls({ ...deps, service: 'CloudWatch', hints: HINTS });
  }

  stats(): SchedulerStats {
    return this.calls.stats();
  }

  /**
   * `UserConnected` (Maximum, hourly) of each WorkSpace over `range`: batches of
   * `hourlyBatchSize(range.hours)` queries, sent at once (the scheduler paces them). Throws the
   * first call's error that is not throttling (which the scheduler absorbs).
   */
  async userConnectedHourly(ids: readonly string[], range: HourRange, o: HourlyOptions = {}): Promise<HourlyResult> {
    const unique = [...new Set(ids)];
    const series = new Map<string, HourlySeries>();
    const stats: FetchStats = { calls: 0, metrics: 0, points: 0, incomplete: [] };
    if (unique.length === 0 || range.hours <= 0) return { series, stats };
    for (const id of unique) series.set(id, emptySeries(range.hours));
    const start = new Date(range.start);
    const end = new Date(range.start + range.hours * HOUR_MS);
    let done = 0;
    await Promise.all(
      chunk(unique, hourlyBatchSize(range.hours)).map(async (batch) => {
        const queries: MetricDataQuery[] = batch.map((id, i) => ({
          Id: `w${i}`,
          Label: id,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/WorkSpaces',
              MetricName: 'UserConnected',
              Dimensions: [{ Name: 'WorkspaceId', Value: id }],
            },
            Period: 3600,
            Stat: 'Maximum',
          },
          ReturnData: true,
        }));
        const input: GetMetricDataCommandInput = {
          MetricDataQueries: queries,
          StartTime: start,
          EndTime: end,
          ScanBy: 'TimestampAscending',
        };
        const pages = this.calls.pages('GetMetricData', o, input, (i) => new GetMetricDataCommand(i));
        for await (const page of pages) {
          stats.calls++;
          stats.metrics += queries.length;
          for (const r of page.MetricDataResults ?? []) {
            const index = r.Id ? Number(r.Id.slice(1)) : NaN;
            const id = batch[index];
            const s = id === undefined ? undefined : series.get(id);
            if (!id || !s) continue;
            if (r.StatusCode === 'Forbidden' || r.StatusCode === 'InternalError') stats.incomplete.push(id);
            const times = r.Timestamps ?? [];
            const values = r.Values ?? [];
            for (let k = 0; k < times.length && k < values.length; k++) {
              const hour = Math.floor((times[k].getTime() - range.start) / HOUR_MS);
              if (hour < 0 || hour >= range.hours) continue;
              stats.points++;
              // Maximum of 0/1 samples; anything above 0 means a user was connected in that hour.
              if (values[k] > 0) s[hour] = 1;
              else if (s[hour] !== 1) s[hour] = 0;
            }
          }
          for (const m of page.Messages ?? []) {
            this.calls.logger?.warn(
              `CloudWatch ${this.scope.profile} ${this.scope.region}: ${m.Code ?? ''} ${m.Value ?? ''}`.trim(),
            );
          }
        }
        done += batch.length;
        o.onProgress?.(done, unique.length);
      }),
    );
    return { series, stats };
  }

  /**
   * The session metrics of one WorkSpace (core/diagnose.ts) over the last 24 h (5-minute points)
   * and 7 days (hourly), in one GetMetricData call (a NextToken page, should one come, is followed).
   * Throws AwsError.
   */
  async sessionMetrics(workspaceId: string, now: number, o: CallOptions = {}): Promise<MetricSeries[]> {
    const range = metricsRange(now);
    const queries: MetricDataQuery[] = [];
    const points = new Map<string, MetricPoint[]>();
    SESSION_METRICS.forEach((m, i) => {
      for (const w of DIAGNOSE_WINDOWS) {
        const id = queryId(i, w.key);
        points.set(id, []);
        queries.push({
          Id: id,
          Label: `${m.name} ${w.key}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/WorkSpaces',
              MetricName: m.name,
              Dimensions: [{ Name: 'WorkspaceId', Value: workspaceId }],
            },
            Period: w.period,
            Stat: m.stat,
          },
          ReturnData: true,
        });
      }
    });
    const input: GetMetricDataCommandInput = {
      MetricDataQueries: queries,
      StartTime: new Date(range.start),
      EndTime: new Date(range.end),
      ScanBy: 'TimestampAscending',
    };
    for await (const page of this.calls.pages('GetMetricData', o, input, (i) => new GetMetricDataCommand(i))) {
      for (const r of page.MetricDataResults ?? []) {
        const list = r.Id ? points.get(r.Id) : undefined;
        if (!list) continue;
        const times = r.Timestamps ?? [];
        const values = r.Values ?? [];
        for (let k = 0; k < times.length && k < values.length; k++) list.push({ t: times[k].getTime(), v: values[k] });
      }
    }
    return SESSION_METRICS.flatMap((m, i) =>
      DIAGNOSE_WINDOWS.map((w) => ({
        metric: m.name,
        window: w.key,
        points: clipToWindow(points.get(queryId(i, w.key)) ?? [], w.key, now),
      })),
    );
  }
}
