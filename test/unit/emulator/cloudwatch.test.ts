import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { DescribeWorkspacesCommand, StopWorkspacesCommand } from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import {
  CLOUDWATCH_QUOTA,
  type Emulator,
  MAX_DATAPOINTS,
  startEmulator,
  usageProfile,
  type World,
} from '../../emulator';
import { clientFor, cloudwatchFor, rawRequest, rejection } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function query(
  id: string,
  workspaceId: string,
  opts: { metric?: string; stat?: string; period?: number } = {},
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/WorkSpaces',
        MetricName: opts.metric ?? 'UserConnected',
        Dimensions: [{ Name: 'WorkspaceId', Value: workspaceId }],
      },
      Period: opts.period ?? 3600,
      Stat: opts.stat ?? 'Maximum',
    },
  };
}

const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;

describe('emulator: CloudWatch GetMetricData (AWS/WorkSpaces) with the real CloudWatch client', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let cw: CloudWatchClient;
  let world: World;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionMs: 60_000, quota: false, cloudwatchQuota: false });
    cw = cloudwatchFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
  });
  beforeEach(() => {
    emu.reset('demo');
    emu.resetCounts();
    emu.setCloudwatchQuota(false);
    emu.setFaults({ cloudwatchDenied: [] });
    world = emu.world('sandbox-prod', 'us-east-1');
  });
  after(() => emu.stop());

  const get = (input: GetMetricDataCommandInput, c = cw): Promise<GetMetricDataCommandOutput> =>
    c.send(new GetMetricDataCommand(input));
  /** One query's points, oldest first. */
  async function points(
    workspaceId: string,
    start: number,
    end: number,
    opts: { metric?: string; stat?: string; period?: number } = {},
  ): Promise<Array<[number, number]>> {
    const out = await get({
      MetricDataQueries: [query('m', workspaceId, opts)],
      StartTime: new Date(start),
      EndTime: new Date(end),
      ScanBy: 'TimestampAscending',
    });
    const r = out.MetricDataResults![0];
    assert.equal(r.StatusCode, 'Complete');
    return r.Timestamps!.map((t, i) => [t.getTime(), r.Values![i]]);
  }

  it('speaks the installed client’s protocol: JSON 1.0, GraniteServiceVersion20100801, SigV4 for "monitoring"', async () => {
    const now = world.now();
    const out = await get({
      MetricDataQueries: [query('alice', 'ws-a1c3e5g7i')],
      StartTime: new Date(now - DAY),
      EndTime: new Date(now),
    });
    assert.equal(out.MetricDataResults?.[0].Id, 'alice');
    assert.equal(out.MetricDataResults?.[0].Label, 'UserConnected');
    assert.deepEqual(out.Messages, []);
    const rec = emu.requests().at(-1)!;
    assert.equal(rec.op, 'GetMetricData');
    assert.equal(rec.accountId, '111111111111');
    const body = JSON.stringify({ MetricDataQueries: [query('m', 'ws-a1c3e5g7i')], StartTime: 1, EndTime: 2 });
    const raw = await rawRequest(emu, {
      target: 'GraniteServiceVersion20100801.GetMetricData',
      account: emu.account('sandbox-prod'),
      region: 'us-east-1',
      service: 'monitoring',
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body,
    });
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get('content-type'), 'application/x-amz-json-1.0');
    const wrongScope = await rawRequest(emu, {
      target: 'GraniteServiceVersion20100801.GetMetricData',
      account: emu.account('sandbox-prod'),
      region: 'us-east-1',
      service: 'workspaces',
      body,
    });
    assert.equal(wrongScope.status, 403);
    assert.equal(wrongScope.headers.get('x-amzn-query-error'), 'InvalidSignature;Sender');
  });

  it('UserConnected agrees with the connection status: connected now, last connection, never, stopped', async () => {
    const now = world.now();
    // alice: ALWAYS_ON, connected for the last 30 minutes: a point every 5 minutes, the last ones 1.
    world.setConnection('ws-a1c3e5g7i', 'CONNECTED', now - 30 * MIN);
    const alice = await points('ws-a1c3e5g7i', floorTo(now - 6 * HOUR, 5 * MIN), now, { period: 300 });
    assert.ok(alice.length >= 70, `${alice.length} points`);
    assert.ok(alice.filter(([t]) => t >= now - 25 * MIN).every(([, v]) => v === 1));
    // bob: STOPPED for 10 hours, last connected 45 hours ago.
    const bob = world.requireWorkspace('ws-b2d4f6h8j');
    const last = bob.connection.lastConnected!;
    const bobPoints = await points('ws-b2d4f6h8j', floorTo(now - 4 * DAY, HOUR), now, { period: 300 });
    const ones = bobPoints.filter(([, v]) => v === 1);
    assert.ok(ones.length > 0, 'bob was connected before');
    const lastOne = ones.at(-1)![0];
    assert.ok(lastOne <= last && last - lastOne <= 10 * MIN, 'his last session ends at his last connection');
    assert.ok(
      bobPoints.every(([t]) => t < bob.stateSince),
      'no points while stopped',
    );
    // heidi: never connected, AUTO_STOP, running for an hour: zeros only.
    const heidi = await points('ws-h8j0l2n4p', now - 3 * DAY, now, { period: 300 });
    assert.ok(heidi.every(([, v]) => v === 0));
    // peggy: never connected and STOPPED: nothing at all.
    assert.deepEqual(await points('ws-n4p6r8t0v', now - 30 * DAY, now), []);
  });

  it('a stop ends the points: nothing after StopWorkspaces', async () => {
    const id = 'ws-k1m3o5q7s'; // mallory: AUTO_STOP, AVAILABLE
    world.setConnection(id, 'CONNECTED', world.now() - 2 * HOUR);
    const ws = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1');
    await ws.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    const stopped = world.now();
    emu.advanceTime(3 * HOUR);
    assert.equal(
      (await ws.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces![0].State,
      'STOPPED',
    );
    const pts = await points(id, floorTo(stopped - 3 * HOUR, 5 * MIN), world.now(), { period: 300 });
    assert.ok(
      pts.some(([, v]) => v === 1),
      'connected before the stop',
    );
    assert.ok(
      pts.every(([t]) => t <= stopped + 60_000),
      'none once STOPPED (one transition after the call)',
    );
  });

  it('heavy, light and never-used WorkSpaces over two weeks (deterministic from the id and the seed)', async () => {
    emu.reset({ kind: 'fleet', workspaces: 60, movingRate: 0 });
    world = emu.world('sandbox-prod', 'us-east-1');
    const key = `1/${world.accountId}/us-east-1`;
    const seen = { heavy: 0, light: 0, never: 0 };
    for (const id of world.workspaceIds()) {
      const rec = world.requireWorkspace(id);
      const profile = usageProfile(rec, key);
      seen[profile]++;
      const connected = rec.connection.state === 'CONNECTED' && rec.data.State === 'AVAILABLE';
      const end = connected ? world.now() : (rec.connection.lastConnected ?? world.now());
      const start = floorTo(end - 14 * DAY, HOUR);
      const pts = await points(id, start, end + HOUR, { period: 3600, stat: 'Sum' });
      const hours = pts.reduce((a, [, v]) => a + v, 0) / 12;
      if (profile === 'heavy') {
        // Ten working days in any two weeks, 9 in 10 used for 8–10 hours (a WorkSpace launched
        // within the two weeks has fewer).
        if (rec.createdAt <= start) {
          assert.ok(hours >= 30, `${id} heavy: ${hours} h in 2 weeks`);
        }
      } else if (profile === 'light') {
        assert.ok(hours > 0 && hours <= 12, `${id} light: ${hours} h in 2 weeks`);
      } else {
        assert.equal(hours, 0, `${id} never used`);
      }
    }
    assert.ok(seen.heavy > 5 && seen.light > 5 && seen.never > 0, JSON.stringify(seen));
    // The same again: deterministic.
    const id = world.workspaceIds()[0];
    const now = world.now();
    assert.deepEqual(await points(id, now - 7 * DAY, now), await points(id, now - 7 * DAY, now));
  });

  it('statistics, other metrics, and what has no data', async () => {
    const now = world.now();
    const start = floorTo(now - 2 * DAY, HOUR);
    world.setConnection('ws-a1c3e5g7i', 'CONNECTED', now - 3 * HOUR); // a session whatever the weekday
    const out = await get({
      MetricDataQueries: [
        query('max', 'ws-a1c3e5g7i'),
        query('sum', 'ws-a1c3e5g7i', { stat: 'Sum' }),
        query('avg', 'ws-a1c3e5g7i', { stat: 'Average' }),
        query('n', 'ws-a1c3e5g7i', { stat: 'SampleCount' }),
        query('lat', 'ws-a1c3e5g7i', { metric: 'InSessionLatency', stat: 'Average' }),
        query('launch', 'ws-a1c3e5g7i', { metric: 'SessionLaunchTime', stat: 'Maximum', period: 86400 }),
        query('unknown', 'ws-000000000'),
        {
          ...query('other', 'ws-a1c3e5g7i'),
          MetricStat: {
            ...query('x', 'ws-a1c3e5g7i').MetricStat!,
            Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' },
          },
        },
      ],
      StartTime: new Date(start),
      EndTime: new Date(now),
      ScanBy: 'TimestampAscending',
    });
    const r = Object.fromEntries(out.MetricDataResults!.map((x) => [x.Id!, x]));
    const n = r.n.Values!;
    r.sum.Values!.forEach((s, i) => {
      assert.ok(s >= 0 && s <= n[i] && n[i] <= 12, 'Sum counts the connected 5-minute samples of the hour');
      assert.equal(r.avg.Values![i], s / n[i]);
      assert.equal(r.max.Values![i], s > 0 ? 1 : 0);
    });
    assert.ok(r.lat.Values!.length > 0 && r.lat.Values!.every((v) => v >= 40 && v <= 120));
    assert.ok(r.launch.Values!.every((v) => v >= 10 && v <= 40));
    assert.deepEqual(r.unknown.Values, []);
    assert.equal(r.unknown.StatusCode, 'Complete');
    assert.deepEqual(r.other.Values, []);
  });

  it('retention: 5-minute data 63 days, hourly 455 days; a finer period returns nothing for older times', async () => {
    const now = world.now();
    const alice = 'ws-a1c3e5g7i'; // ALWAYS_ON: a point for every period of its life
    world.requireWorkspace(alice).createdAt = now - 600 * DAY;
    const fine = await points(alice, floorTo(now - 100 * DAY, HOUR), floorTo(now - 50 * DAY, HOUR), { period: 300 });
    assert.ok(fine.length > 0);
    assert.ok(
      fine.every(([t]) => now - t <= 63 * DAY),
      '5-minute points only for the last 63 days',
    );
    const hourly = await points(alice, floorTo(now - 100 * DAY, HOUR), floorTo(now - 50 * DAY, HOUR), { period: 3600 });
    assert.equal(hourly.length, 50 * 24);
    const oldest = await points(alice, floorTo(now - 500 * DAY, HOUR), floorTo(now - 400 * DAY, HOUR), {
      period: 3600,
    });
    assert.ok(oldest.length > 0);
    assert.ok(
      oldest.every(([t]) => now - t <= 455 * DAY),
      'nothing older than 455 days',
    );
  });

  it('pages at 100,800 points with NextToken and PartialData; 500 queries a call', async () => {
    const now = floorTo(world.now(), HOUR);
    const input: GetMetricDataCommandInput = {
      // alice is ALWAYS_ON: 720 hourly points in 30 days; 500 queries = 360,000 points.
      MetricDataQueries: Array.from({ length: 500 }, (_, i) => query(`q${i}`, 'ws-a1c3e5g7i')),
      StartTime: new Date(now - 30 * DAY),
      EndTime: new Date(now),
    };
    const pages: GetMetricDataCommandOutput[] = [];
    let token: string | undefined;
    do {
      const page = await get({ ...input, NextToken: token });
      pages.push(page);
      token = page.NextToken;
    } while (token);
    assert.equal(pages.length, 4);
    const perPage = pages.map((p) => p.MetricDataResults!.reduce((a, r) => a + r.Values!.length, 0));
    assert.deepEqual(perPage, [MAX_DATAPOINTS, MAX_DATAPOINTS, MAX_DATAPOINTS, 360_000 - 3 * MAX_DATAPOINTS]);
    // 140 × 720 = 100,800: the first page holds queries 0–139; the others wait for the next pages.
    assert.equal(pages[0].MetricDataResults![139].StatusCode, 'Complete');
    assert.equal(pages[0].MetricDataResults![140].StatusCode, 'PartialData');
    assert.deepEqual(pages[0].MetricDataResults![140].Values, []);
    assert.equal(pages[1].MetricDataResults![0].StatusCode, 'Complete');
    assert.deepEqual(pages[1].MetricDataResults![0].Values, [], 'already sent');
    assert.equal(pages[3].MetricDataResults![499].StatusCode, 'Complete');
    // Every query's points over the pages = its full series, newest first (TimestampDescending).
    const q7 = pages.flatMap((p) => p.MetricDataResults![7].Timestamps!.map((t) => t.getTime()));
    assert.equal(q7.length, 720);
    assert.ok(q7.every((t, i) => i === 0 || t < q7[i - 1]));
    // A smaller MaxDatapoints pages sooner; more than 500 queries: the first 500 and a message.
    const small = await get({ ...input, MetricDataQueries: input.MetricDataQueries!.slice(0, 2), MaxDatapoints: 1000 });
    assert.deepEqual(
      small.MetricDataResults!.map((r) => [r.Values!.length, r.StatusCode]),
      [
        [720, 'Complete'],
        [280, 'PartialData'],
      ],
    );
    const tooMany = await get({
      ...input,
      MetricDataQueries: Array.from({ length: 501 }, (_, i) => query(`q${i}`, 'ws-000000000')),
    });
    assert.equal(tooMany.MetricDataResults!.length, 500);
    assert.deepEqual(tooMany.Messages, [
      { Code: 'MaxMetricsExceeded', Value: 'Maximum number of allowed metrics exceeded' },
    ]);
  });

  it('validation errors as CloudWatch names them', async () => {
    const now = world.now();
    const range = { StartTime: new Date(now - DAY), EndTime: new Date(now) };
    const name = async (input: Partial<GetMetricDataCommandInput>): Promise<string> =>
      (await rejection(get({ MetricDataQueries: [query('m', 'ws-a1c3e5g7i')], ...range, ...input }))).name;
    // The SDK names modeled errors by their shape (found through the x-amzn-query-error code).
    const IPV = 'InvalidParameterValueException';
    assert.equal(await name({ StartTime: new Date(now), EndTime: new Date(now - DAY) }), IPV);
    assert.equal(await name({ MetricDataQueries: [query('m', 'a'), query('m', 'b')] }), IPV);
    assert.equal(await name({ MetricDataQueries: [query('M1', 'a')] }), IPV);
    assert.equal(await name({ MetricDataQueries: [query('m', 'a', { period: 90 })] }), IPV);
    assert.equal(await name({ MetricDataQueries: [query('m', 'a', { stat: 'Median' })] }), IPV);
    assert.equal(await name({ MetricDataQueries: [{ Id: 'e', Expression: 'SUM(METRICS())' }] }), IPV);
    assert.equal(await name({ MetricDataQueries: [{ Id: 'e' }] }), 'InvalidParameterCombinationException');
    assert.equal(await name({ NextToken: 'forged' }), 'InvalidNextToken');
  });

  it('its own quota per account and region (documented 50/s), separate from the WorkSpaces one', async () => {
    assert.deepEqual(emu.cloudwatchQuota(), { rate: 0, burst: CLOUDWATCH_QUOTA.burst });
    const other = await startEmulator({ seed: 'empty', quota: { rate: 0.1, burst: 1 } });
    try {
      assert.deepEqual(other.cloudwatchQuota(), CLOUDWATCH_QUOTA);
    } finally {
      await other.stop();
    }
    emu.setQuota({ rate: 0.1, burst: 1 });
    const verb = await fetch(`${emu.url}/__emulator/setCloudwatchQuota`, {
      method: 'POST',
      body: JSON.stringify({ rate: 0.1, burst: 3 }),
    });
    assert.deepEqual(await verb.json(), { rate: 0.1, burst: 3 });
    try {
      const now = world.now();
      const input = {
        MetricDataQueries: [query('m', 'ws-a1c3e5g7i')],
        StartTime: new Date(now - HOUR),
        EndTime: new Date(now),
      };
      for (let i = 0; i < 3; i++) {
        await get(input);
      }
      const e = await rejection(get(input));
      assert.equal(e.name, 'Throttling', 'the query-protocol code the SDK reads');
      assert.equal(e.message, 'Rate exceeded');
      // The WorkSpaces bucket is untouched by the three CloudWatch calls.
      const ws = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
      await ws.send(new DescribeWorkspacesCommand({}));
      assert.equal(emu.counts().throttledByOp.GetMetricData, 1);
    } finally {
      emu.setQuota(false);
    }
  });

  it('denies cloudwatch:GetMetricData per account as CloudWatch does; the fault switches apply', async () => {
    emu.setFaults({ cloudwatchDenied: ['sandbox-dev'] });
    const dev = emu.account('sandbox-dev');
    const now = world.now();
    const input = {
      MetricDataQueries: [query('m', 'ws-dv1a2b3c4')],
      StartTime: new Date(now - HOUR),
      EndTime: new Date(now),
    };
    const e = await rejection(get(input, cloudwatchFor(emu, dev, 'us-west-2', { maxAttempts: 1 })));
    assert.equal(e.name, 'AccessDenied');
    assert.equal(e.$metadata?.httpStatusCode, 403);
    assert.match(e.message, /is not authorized to perform: cloudwatch:GetMetricData/);
    // The same account's WorkSpaces calls and the other account's CloudWatch calls work.
    await clientFor(emu, dev, 'us-west-2').send(new DescribeWorkspacesCommand({}));
    await get({ ...input, MetricDataQueries: [query('m', 'ws-a1c3e5g7i')] });

    emu.failNext('GetMetricData', 'throttle');
    assert.equal((await rejection(get(input))).name, 'Throttling');
    emu.failNext('GetMetricData', 'internal');
    const internal = await rejection(get(input));
    assert.equal(internal.$metadata?.httpStatusCode, 500);
    emu.failNext('GetMetricData', 'html');
    assert.equal((await rejection(get(input))).$metadata?.httpStatusCode, 500);
    emu.failNext('GetMetricData', 'truncated');
    assert.ok((await rejection(get(input))) instanceof Error);
  });
});
