// The AWS layer's CloudWatch usage reads (src/aws/cloudwatch.ts) with the real SDK against the
// emulator's GetMetricData: batching, the series, errors in both of CloudWatch's shapes, its own
// quota, the endpoint and the credentials it shares with the WorkSpaces client.
import * as assert from 'node:assert/strict';
import { GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { hourlyBatchSize, hourlyCalls } from '../../../src/aws/cloudwatch';
import { toAwsError } from '../../../src/aws/errors';
import { elapsedHours, HOUR_MS, monthOf, NO_DATA, previousMonth } from '../../../src/core/usage';
import { usageOf } from '../../emulator';
import { cloudwatchFor } from '../emulator/helpers';
import { harness, rejection, UNPACED, type Harness } from './helpers';

const PROD = 'sandbox-prod';

describe('AWS layer: CloudWatch usage (GetMetricData, hourly UserConnected)', function () {
  this.timeout(60_000);
  let h: Harness;

  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 300, movingRate: 0 }, cloudwatchQuota: false });
  });
  after(() => h.close());
  beforeEach(() => {
    h.emu.resetCounts();
    h.emu.setFaults({ cloudwatchDenied: [] });
    h.emu.setCloudwatchQuota(false);
  });

  const scope = { profile: PROD, region: 'us-east-1' };
  const world = (): ReturnType<Harness['emu']['world']> => h.emu.world(PROD, 'us-east-1');

  it('batch size: every call fits in one page of 100,800 points, at most 500 queries', () => {
    assert.equal(hourlyBatchSize(744), 135, 'a 31-day month: 135 × 744 = 100,440 ≤ 100,800');
    assert.equal(hourlyBatchSize(720), 140);
    assert.equal(hourlyBatchSize(100), 500, 'early in a month: the 500-query limit');
    assert.equal(hourlyBatchSize(0), 500);
    assert.equal(hourlyCalls(10_000, 744), 75);
    assert.equal(hourlyCalls(0, 744), 0);
  });

  it('reads a month in ⌈N/batch⌉ calls, each metric once, no page beyond the first; the series is the emulator’s', async () => {
    const now = world().now();
    const last = previousMonth(monthOf(now));
    const range = elapsedHours(last, now);
    const ids = world().workspaceIds();
    const cw = h.layer.cloudwatch(scope);
    const r = await cw.userConnectedHourly(ids, range);
    const calls = h.emu.requests().filter((q) => q.op === 'GetMetricData');
    assert.equal(r.stats.calls, hourlyCalls(ids.length, range.hours));
    assert.equal(calls.length, r.stats.calls);
    assert.ok(
      calls.every((c) => c.params.NextToken === undefined),
      'no NextToken page',
    );
    assert.equal(r.stats.metrics, ids.length, 'each WorkSpace named once');
    const sizes = calls.map((c) => (c.params.MetricDataQueries as unknown[]).length).sort((a, b) => b - a);
    assert.equal(sizes[0], hourlyBatchSize(range.hours));
    // Every hour of the series agrees with the emulator's usage model (5-minute samples).
    const key = `1/${world().accountId}/us-east-1`;
    const samples = (lo: number, hi: number): number =>
      hi > lo ? Math.ceil(hi / 300_000) - Math.ceil(lo / 300_000) : 0;
    const within = (list: Array<{ start: number; end: number }>, lo: number, hi: number): boolean =>
      list.some((i) => samples(Math.max(lo, i.start), Math.min(hi, i.end)) > 0);
    let checked = 0;
    for (const id of ids.slice(0, 40)) {
      const rec = world().requireWorkspace(id);
      const u = usageOf(rec, key, range.start - HOUR_MS, range.start + range.hours * HOUR_MS, now);
      const s = r.series.get(id)!;
      for (let hour = 0; hour < range.hours; hour++) {
        const lo = range.start + hour * HOUR_MS;
        const hi = lo + HOUR_MS;
        const expected = within(u.sessions, lo, hi) ? 1 : within(u.running, lo, hi) ? 0 : NO_DATA;
        assert.equal(s[hour], expected, `${id} hour ${hour}`);
        checked++;
      }
    }
    assert.ok(checked > 10_000);
    assert.ok(
      [...r.series.values()].some((s) => s.includes(1)),
      'some use',
    );
  });

  it('a profile without cloudwatch:GetMetricData: access denied with a CloudWatch hint; WorkSpaces calls still work', async () => {
    h.emu.setFaults({ cloudwatchDenied: [PROD] });
    const range = elapsedHours(monthOf(world().now()), world().now());
    const e = await rejection(h.layer.cloudwatch(scope).userConnectedHourly(['ws-x'], range));
    assert.equal(e.kind, 'accessDenied');
    assert.equal(e.code, 'AccessDenied', 'the query code the SDK names it by');
    assert.equal(e.operation, 'GetMetricData');
    assert.match(String(e.hint), /cloudwatch:GetMetricData/);
    assert.match(e.message, /not authorized to perform: cloudwatch:GetMetricData/);
    const first = await h.layer.api(scope).workspaces().next();
    assert.ok(!first.done && first.value.length > 0, 'the WorkSpaces are listed');
  });

  it('an endpoint that answers GetMetricData with an HTML page: badResponse naming the CloudWatch API and its endpoint setting', async () => {
    h.emu.failNext('GetMetricData', 'html', 2);
    const range = elapsedHours(monthOf(world().now()), world().now());
    const e = await rejection(h.layer.cloudwatch(scope).userConnectedHourly(['ws-x'], range));
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.operation, 'GetMetricData');
    assert.match(e.message, /did not answer GetMetricData like the CloudWatch API \(HTTP 500 HTML page\)/);
    assert.match(String(e.hint), /a `cloudwatch` endpoint_url/);
  });

  it('classifies CloudWatch’s errors in both shapes (modeled names, query codes) and retries unreadable answers', async () => {
    const raw = cloudwatchFor(h.emu, h.emu.account(PROD), 'us-east-1', { maxAttempts: 1 });
    const now = world().now();
    const query = {
      Id: 'm',
      MetricStat: {
        Metric: { Namespace: 'AWS/WorkSpaces', MetricName: 'UserConnected', Dimensions: [] },
        Period: 3600,
        Stat: 'Maximum',
      },
    };
    const send = (input: Partial<GetMetricDataCommandInput>): Promise<unknown> =>
      raw.send(
        new GetMetricDataCommand({
          MetricDataQueries: [query],
          StartTime: new Date(now - HOUR_MS),
          EndTime: new Date(now),
          ...input,
        }),
      );
    const invalid = toAwsError(await rejection(send({ StartTime: new Date(now), EndTime: new Date(now - HOUR_MS) })));
    assert.equal(invalid.code, 'InvalidParameterValueException', 'modeled: named after its shape');
    assert.equal(invalid.kind, 'invalidParameter');
    const token = toAwsError(await rejection(send({ NextToken: 'forged' })));
    assert.equal(token.kind, 'invalidParameter');
    h.emu.failNext('GetMetricData', 'throttle');
    const throttled = toAwsError(await rejection(send({})));
    assert.equal(throttled.code, 'Throttling', 'not modeled: named after its query code');
    assert.equal(throttled.kind, 'throttled');
    h.emu.failNext('GetMetricData', 'expiredToken');
    const expired = toAwsError(await rejection(send({})));
    assert.equal(expired.kind, 'credentials');
    raw.destroy();
    // A truncated 200 answer is read again by the SDK (a read), within its attempts.
    h.emu.resetCounts();
    h.emu.failNext('GetMetricData', 'truncated');
    const ok = await h.layer.cloudwatch(scope).userConnectedHourly(['ws-x'], elapsedHours(monthOf(now), now));
    assert.equal(ok.stats.calls, 1);
    assert.equal(h.emu.counts().byOp.GetMetricData, 2, 'the truncated answer was asked again');
  });

  it('its own quota: throttling is absorbed by CloudWatch’s scheduler, the WorkSpaces bucket is not touched', async () => {
    h.emu.setCloudwatchQuota({ rate: 2, burst: 1 });
    const layer = h.newLayer({ cloudwatchScheduler: { rate: 20, burst: 20, adaptive: true, minRate: 1 } });
    const ids = world().workspaceIds();
    const now = world().now();
    const r = await layer.cloudwatch(scope).userConnectedHourly(ids, elapsedHours(previousMonth(monthOf(now)), now));
    assert.equal(r.series.size, ids.length);
    const counts = h.emu.counts();
    assert.ok((counts.throttledByOp.GetMetricData ?? 0) > 0, 'the emulator throttled some calls');
    assert.equal(counts.byOp.GetMetricData - (counts.throttledByOp.GetMetricData ?? 0), r.stats.calls);
    assert.ok(layer.cloudwatch(scope).stats().throttled > 0);
    assert.equal(layer.api(scope).stats().calls, 0, 'no token of the WorkSpaces bucket spent');
  });

  it('a reload that moves the profile’s endpoint: the same CloudWatchApi’s next call goes through a new client', async () => {
    const files = h.emu.awsConfigFiles();
    const dead = 'http://127.0.0.1:9';
    h.writeConfig(files.config.replace(new RegExp(`endpoint_url = ${h.emu.url}`, 'g'), `endpoint_url = ${dead}`));
    const layer = h.newLayer({ scheduler: UNPACED, maxAttempts: 1 });
    const cw = layer.cloudwatch(scope);
    const range = { start: world().now() - 2 * HOUR_MS, hours: 1 };
    assert.equal((await rejection(cw.userConnectedHourly(['ws-x'], range))).kind, 'network');
    h.writeConfig();
    assert.ok((await layer.reload()).changed.includes(PROD), 'its settings changed');
    assert.equal((await cw.userConnectedHourly(['ws-x'], range)).stats.calls, 1, 'reached at the new endpoint');
  });

  it('the endpoint: a services section’s `cloudwatch` (or `monitoring`) endpoint_url, else the profile’s', async () => {
    const files = h.emu.awsConfigFiles();
    const dead = 'http://127.0.0.1:9';
    // WorkSpaces at a dead endpoint, CloudWatch at the emulator through the services section.
    const config = files.config
      .replace(`[profile ${PROD}]\n`, `[profile ${PROD}]\nservices = split\n`)
      .replace(new RegExp(`endpoint_url = ${h.emu.url}`, 'g'), `endpoint_url = ${dead}`);
    for (const key of ['cloudwatch', 'monitoring']) {
      h.writeConfig(`${config}\n[services split]\n${key} =\n  endpoint_url = ${h.emu.url}\n`, files.credentials);
      const layer = h.newLayer({ scheduler: UNPACED, maxAttempts: 1 });
      const r = await layer
        .cloudwatch(scope)
        .userConnectedHourly(['ws-x'], { start: world().now() - 2 * HOUR_MS, hours: 1 });
      assert.equal(r.stats.calls, 1, `CloudWatch reached through services.${key}`);
      const e = await rejection(layer.api(scope).workspaces().next());
      assert.equal(e.kind, 'network', 'WorkSpaces calls still go to the profile’s endpoint_url');
    }
    h.writeConfig();
  });

  it('Diagnose: the three session metrics for 24 h and 7 days in one GetMetricData call', async () => {
    const now = world().now();
    const id = world().workspaceIds()[0];
    const series = await h.layer.cloudwatch(scope).sessionMetrics(id, now);
    const calls = h.emu.requests().filter((q) => q.op === 'GetMetricData');
    assert.equal(calls.length, 1, 'one call for both windows');
    assert.equal((calls[0].params.MetricDataQueries as unknown[]).length, 6, '3 metrics × 2 periods');
    assert.deepEqual(series.map((x) => `${x.metric}/${x.window}`).sort(), [
      'ConnectionFailure/day',
      'ConnectionFailure/week',
      'InSessionLatency/day',
      'InSessionLatency/week',
      'SessionLaunchTime/day',
      'SessionLaunchTime/week',
    ]);
    assert.ok(
      series.some((x) => x.metric === 'InSessionLatency' && x.points.length > 0),
      'the emulator has latency samples for a seeded WorkSpace',
    );
    for (const x of series) {
      assert.ok(
        x.points.every((p, k) => k === 0 || x.points[k - 1].t < p.t),
        'ascending',
      );
    }
  });
});
