/**
 * Amazon CloudWatch GetMetricData for the namespace AWS/WorkSpaces, on the same port as the
 * WorkSpaces API.
 *
 * Protocol: the installed @aws-sdk/client-cloudwatch (3.1048) speaks AWS JSON 1.0 (its
 * runtimeConfig.shared.js: AwsJson1_0Protocol, serviceTarget "GraniteServiceVersion20100801",
 * awsQueryCompatible): POST / with `X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`,
 * `Content-Type: application/x-amz-json-1.0`, `x-amzn-query-mode: true`, SigV4 with the service name
 * `monitoring`; timestamps as epoch seconds. Errors carry the query-protocol code in the header
 * `x-amzn-query-error: <Code>;<Sender|Receiver>`, which the SDK reads first (so an SDK error is named
 * `InvalidParameterValue`, `Throttling`, `AccessDenied`, ...). The exact `__type` strings of the
 * JSON body CloudWatch sends are unknown; the emulator sends the shape names.
 *
 * Rules (service model and CloudWatch docs): up to 500 queries a call (more: the first 500 are
 * answered and a top-level message says "Maximum number of allowed metrics exceeded", as the model's
 * example); at most 100,800 data points a call (MaxDatapoints, default 100,800), the rest behind a
 * NextToken, the queries cut short with StatusCode PartialData; ScanBy TimestampDescending (default)
 * or TimestampAscending; Period a multiple of 60 (1, 5, 10, 20, 30 are high-resolution periods, for
 * which these metrics have no data); StartTime rounded down to the minute (< 15 days ago), 5 minutes
 * (15 to 63 days) or the hour (older); retention: 1-minute data 15 days, 5-minute data 63 days,
 * hourly data 455 days — a period finer than what is kept for a time returns no point there.
 * How points are split between pages when several queries are cut is not documented: the emulator
 * lays the queries one after the other, each in ScanBy order.
 *
 * Quota: the AWS Knowledge Center ("GetMetricData or GetMetricStatistics?") documents GetMetricData
 * at 50 transactions per second per account and Region (and 180,000 / 396,000 data points per
 * second, not modelled). The burst is not documented: the emulator lets 50 through at once.
 *
 * Metrics (per WorkspaceId, from usage.ts): UserConnected (1 while a user is connected, 0 while the
 * WorkSpace runs without one, every 5 minutes; nothing while stopped), SessionLaunchTime (seconds, one
 * value per session start), InSessionLatency (milliseconds, every 5 minutes while connected),
 * ConnectionFailure (1 for a failed connection a minute before about one session start in four). Other
 * metric names, namespaces or dimensions have no data (StatusCode Complete, no points).
 */
import { ApiError } from './errors';
import type { Handler, OpContext } from './ops';
import { gridPoints, type Interval, unit, usageOf } from './usage';

export const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
export const SIGNING_NAME = 'monitoring';
export const JSON_TYPE = 'application/x-amz-json-1.0';
/** GetMetricData's documented quota (50 TPS); the burst is the emulator's guess. */
export const CLOUDWATCH_QUOTA = { rate: 50, burst: 50 };

export const MAX_QUERIES = 500;
export const MAX_DATAPOINTS = 100_800;
const SAMPLE_MS = 5 * 60_000;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type Params = Record<string, unknown>;

/** The query-protocol code CloudWatch puts in `x-amzn-query-error` for each error. */
const QUERY_CODES: Record<string, string> = {
  InvalidParameterValueException: 'InvalidParameterValue',
  MissingRequiredParameterException: 'MissingParameter',
  InvalidParameterCombinationException: 'InvalidParameterCombination',
  InvalidNextToken: 'InvalidNextToken',
  ThrottlingException: 'Throttling',
  AccessDeniedException: 'AccessDenied',
  InternalFailure: 'InternalServiceError',
  ServiceUnavailable: 'ServiceUnavailable',
  ExpiredTokenException: 'ExpiredToken',
  UnknownOperationException: 'InvalidAction',
  SerializationException: 'InvalidParameterValue',
};

/** `x-amzn-query-error` for an error answer: `<Code>;<Sender|Receiver>`. */
export function queryError(err: ApiError): string {
  const code = QUERY_CODES[err.code] ?? err.code.replace(/Exception$/, '');
  return `${code};${err.status >= 500 ? 'Receiver' : 'Sender'}`;
}

/** AccessDenied as IAM words it for a Query-compatible service (HTTP 403 is the emulator's choice). */
export function accessDenied(accountId: string | undefined, op: string): ApiError {
  return new ApiError(
    'AccessDeniedException',
    `User: arn:aws:iam::${accountId ?? '000000000000'}:user/emulator is not authorized to perform: cloudwatch:${op} because no identity-based policy allows the cloudwatch:${op} action`,
    403,
  );
}

const invalid = (message: string): ApiError => new ApiError('InvalidParameterValueException', message);
const missing = (name: string): ApiError =>
  new ApiError('MissingRequiredParameterException', `The parameter ${name} is required.`);

function time(p: Params, name: string): number {
  const v = p[name];
  if (v === undefined || v === null) {
    throw missing(name);
  }
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) {
    throw invalid(`The parameter ${name} must be a timestamp.`);
  }
  return ms;
}

interface Query {
  id: string;
  label: string;
  returnData: boolean;
  namespace: string;
  metric: string;
  workspaceId?: string;
  otherDimensions: boolean;
  period: number;
  stat: string;
  unit?: string;
}

const STATS = /^(SampleCount|Average|Sum|Minimum|Maximum|p\d{1,2}(\.\d{1,2})?|p100)$/;
const METRIC_UNITS: Record<string, string> = {
  UserConnected: 'Count',
  SessionLaunchTime: 'Seconds',
  InSessionLatency: 'Milliseconds',
  ConnectionFailure: 'Count',
};

function parseQuery(raw: unknown, n: number): Query {
  const where = `MetricDataQueries.member.${n}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(`The parameter ${where} must be a structure.`);
  }
  const q = raw as Params;
  const id = q.Id;
  if (typeof id !== 'string' || !/^[a-z][a-zA-Z0-9_]*$/.test(id) || id.length > 255) {
    throw invalid(
      `The value ${String(id)} for parameter ${where}.Id is not valid. It must start with a lowercase letter and contain only letters, numbers and underscores.`,
    );
  }
  const stat = q.MetricStat as Params | undefined;
  if ((stat === undefined) === (q.Expression === undefined)) {
    throw new ApiError(
      'InvalidParameterCombinationException',
      `Exactly one of the parameters ${where}.MetricStat and ${where}.Expression must be specified.`,
    );
  }
  if (stat === undefined) {
    throw invalid(`The emulator does not evaluate metric math or Metrics Insights expressions (${where}.Expression).`);
  }
  const metric = (stat.Metric ?? {}) as Params;
  if (typeof metric.MetricName !== 'string' || metric.MetricName === '') {
    throw missing(`${where}.MetricStat.Metric.MetricName`);
  }
  const period = stat.Period;
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 1) {
    throw invalid(`The parameter ${where}.MetricStat.Period must be a positive integer.`);
  }
  if (period % 60 !== 0 && ![1, 5, 10, 20, 30].includes(period)) {
    throw invalid(`The parameter ${where}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple of 60.`);
  }
  if (typeof stat.Stat !== 'string' || !STATS.test(stat.Stat)) {
    throw invalid(`The value ${String(stat.Stat)} for parameter ${where}.MetricStat.Stat is not a valid statistic.`);
  }
  const dims = Array.isArray(metric.Dimensions) ? (metric.Dimensions as Params[]) : [];
  if (dims.length > 30) {
    throw invalid(`The collection ${where}.MetricStat.Metric.Dimensions must not have more than 30 members.`);
  }
  const wsDim = dims.find((d) => d.Name === 'WorkspaceId');
  return {
    id,
    label: typeof q.Label === 'string' ? q.Label : metric.MetricName,
    returnData: q.ReturnData !== false,
    namespace: typeof metric.Namespace === 'string' ? metric.Namespace : '',
    metric: metric.MetricName,
    ...(typeof wsDim?.Value === 'string' ? { workspaceId: wsDim.Value } : {}),
    otherDimensions: dims.some((d) => d.Name !== 'WorkspaceId'),
    period,
    stat: stat.Stat,
    ...(typeof stat.Unit === 'string' ? { unit: stat.Unit } : {}),
  };
}

/** A statistic over the samples of one period. */
function statistic(stat: string, values: number[]): number {
  const n = values.length;
  switch (stat) {
    case 'SampleCount':
      return n;
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / n;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    default: {
      const sorted = [...values].sort((a, b) => a - b);
      const rank = Math.ceil((Number(stat.slice(1)) / 100) * n);
      return sorted[Math.min(n, Math.max(1, rank)) - 1];
    }
  }
}

/** The start of the request's time range as CloudWatch rounds it. */
function roundStart(start: number, now: number): number {
  const age = now - start;
  const step = age < 15 * DAY ? MIN : age < 63 * DAY ? 5 * MIN : HOUR;
  return Math.floor(start / step) * step;
}

/** Whether data of this period is still kept for a point at `t` (retention by resolution). */
function retained(t: number, period: number, now: number): boolean {
  const age = now - t;
  if (period < 60 || age > 455 * DAY) {
    return false;
  }
  if (age > 63 * DAY) {
    return period % 3600 === 0;
  }
  if (age > 15 * DAY) {
    return period % 300 === 0;
  }
  return true;
}

/** The samples of one WorkSpace's metric within [lo, hi) (5-minute grid; sessions for launch times). */
type Sampler = (lo: number, hi: number) => number[];

function samplerFor(q: Query, ctx: OpContext, from: number, to: number): Sampler | undefined {
  if (q.namespace !== 'AWS/WorkSpaces' || q.otherDimensions || q.workspaceId === undefined) {
    return undefined;
  }
  if (q.unit !== undefined && METRIC_UNITS[q.metric] !== q.unit) {
    return undefined; // CloudWatch does not convert units: no data in another one.
  }
  const rec = ctx.world.visibleWorkspace(q.workspaceId);
  if (!rec) {
    return undefined;
  }
  const key = `${ctx.rngSeed}/${ctx.account.accountId}/${ctx.region}`;
  const usage = usageOf(rec, key, from - HOUR, to, ctx.now);
  const sessions = usage.sessions;
  switch (q.metric) {
    case 'UserConnected': {
      const running = cursor(usage.running);
      const connected = cursor(sessions);
      return (lo, hi) => {
        const n = running(lo, hi);
        const c = connected(lo, hi);
        return [...new Array<number>(n - c).fill(0), ...new Array<number>(c).fill(1)];
      };
    }
    case 'InSessionLatency':
      return (lo, hi) => {
        const out: number[] = [];
        for (const s of sessions) {
          for (
            let t = Math.ceil(Math.max(lo, s.start) / SAMPLE_MS) * SAMPLE_MS;
            t < Math.min(hi, s.end);
            t += SAMPLE_MS
          ) {
            out.push(Math.round(40 + 80 * unit(`${key}/${rec.data.WorkspaceId}/latency/${t}`)));
          }
        }
        return out;
      };
    case 'SessionLaunchTime':
      return (lo, hi) =>
        sessions
          .filter((s) => s.start >= lo && s.start < hi && s.start >= rec.createdAt)
          .map((s) => Math.round(10 + 30 * unit(`${key}/${rec.data.WorkspaceId}/launch/${s.start}`)));
    case 'ConnectionFailure':
      // About one session start in four follows a failed attempt a minute before it.
      return (lo, hi) =>
        sessions
          .map((s) => s.start - MIN)
          .filter((t) => t >= lo && t < hi && t >= rec.createdAt)
          .filter((t) => unit(`${key}/${rec.data.WorkspaceId}/failure/${t}`) < 0.25)
          .map(() => 1);
    default:
      return undefined;
  }
}

/** Counts 5-minute samples inside sorted intervals for ascending, non-overlapping [lo, hi) windows. */
function cursor(list: Interval[]): (lo: number, hi: number) => number {
  let i = 0;
  return (lo, hi) => {
    while (i < list.length && list[i].end <= lo) {
      i++;
    }
    let n = 0;
    for (let j = i; j < list.length && list[j].start < hi; j++) {
      n += gridPoints(Math.max(lo, list[j].start), Math.min(hi, list[j].end), SAMPLE_MS);
    }
    return n;
  };
}

interface Series {
  q: Query;
  timestamps: number[];
  values: number[];
}

function series(q: Query, ctx: OpContext, start: number, end: number, ascending: boolean): Series {
  const out: Series = { q, timestamps: [], values: [] };
  const sample = samplerFor(q, ctx, start, end);
  if (sample) {
    const last = Math.min(end, ctx.now);
    for (let t = start; t < last; t += q.period * 1000) {
      if (!retained(t, q.period, ctx.now)) {
        continue;
      }
      const values = sample(t, Math.min(t + q.period * 1000, end));
      if (values.length > 0) {
        out.timestamps.push(t);
        out.values.push(statistic(q.stat, values));
      }
    }
  }
  if (!ascending) {
    out.timestamps.reverse();
    out.values.reverse();
  }
  return out;
}

const getMetricData: Handler = (ctx, p) => {
  const rawQueries = p.MetricDataQueries;
  if (!Array.isArray(rawQueries) || rawQueries.length === 0) {
    throw missing('MetricDataQueries');
  }
  const start = time(p, 'StartTime');
  const end = time(p, 'EndTime');
  if (start >= end) {
    throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  }
  const scanBy = p.ScanBy ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalid(`The value ${JSON.stringify(scanBy)} for parameter ScanBy is not valid.`);
  }
  const max = p.MaxDatapoints ?? MAX_DATAPOINTS;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
    throw invalid('The parameter MaxDatapoints must be a positive integer.');
  }
  const messages: Array<{ Code: string; Value: string }> = [];
  let list = rawQueries;
  if (list.length > MAX_QUERIES) {
    messages.push({ Code: 'MaxMetricsExceeded', Value: 'Maximum number of allowed metrics exceeded' });
    list = list.slice(0, MAX_QUERIES);
  }
  const queries = list.map((q, i) => parseQuery(q, i + 1));
  if (new Set(queries.map((q) => q.id)).size !== queries.length) {
    throw invalid('The values for parameter Id in MetricDataQueries are not unique.');
  }
  const binding = {
    op: 'GetMetricData',
    account: ctx.account.accountId,
    region: ctx.region,
    p: { ...p, NextToken: 0 },
  };
  let offset = 0;
  if (p.NextToken !== undefined) {
    const key = typeof p.NextToken === 'string' ? ctx.pager.open(binding, p.NextToken) : undefined;
    if (key === undefined) {
      throw new ApiError('InvalidNextToken', 'The service returned an invalid NextToken.');
    }
    offset = Number(key);
  }
  const from = roundStart(start, ctx.now);
  const all = queries
    .filter((q) => q.returnData)
    .map((q) => series(q, ctx, from, end, scanBy === 'TimestampAscending'));
  const budget = Math.min(max, MAX_DATAPOINTS);
  // The points of all queries one after the other; this page is [offset, offset + budget).
  let skip = offset;
  let room = budget;
  let more = false;
  const results = all.map((s) => {
    const first = Math.min(skip, s.timestamps.length);
    skip -= first;
    const take = Math.min(room, s.timestamps.length - first);
    room -= take;
    const partial = first + take < s.timestamps.length;
    more ||= partial;
    return {
      Id: s.q.id,
      Label: s.q.label,
      Timestamps: s.timestamps.slice(first, first + take).map((t) => new Date(t)),
      Values: s.values.slice(first, first + take),
      StatusCode: partial ? 'PartialData' : 'Complete',
      Messages: [],
    };
  });
  return {
    MetricDataResults: results,
    ...(more ? { NextToken: ctx.pager.seal(binding, String(offset + budget)) } : {}),
    Messages: messages,
  };
};

export const CLOUDWATCH_OPERATIONS: Record<string, Handler> = {
  GetMetricData: getMetricData,
};
