// Usage and advice per scope (src/fleet/usage.ts) over the real AWS layer, SDK and the emulator's
// CloudWatch: what is read, how often, the advice of the demo fleet, the skip tag, and a profile
// without cloudwatch:GetMetricData.
import * as assert from 'node:assert/strict';
import { hourlyCalls } from '../../../src/aws/cloudwatch';
import {
  DEFAULT_COST_SETTINGS,
  elapsedHours,
  monthOf,
  previousMonth,
  type CostSettings,
} from '../../../src/core/usage';
import { type Fleet } from '../../../src/fleet/fleet';
import type { ScopeModel } from '../../../src/fleet/scopeModel';
import { FleetUsage } from '../../../src/fleet/usage';
import { usageProfile } from '../../emulator';
import { allRegions, fleetOver, harness, type Harness } from '../aws/helpers';

const PROD = 'sandbox-prod';

describe('fleet usage: CloudWatch usage and advice per scope (AWS layer + emulator)', function () {
  this.timeout(60_000);
  let h: Harness;
  let fleet: Fleet;
  let usage: FleetUsage;
  let settings: CostSettings;
  let now: number;

  beforeEach(async () => {
    h = await harness({ seed: 'demo', cloudwatchQuota: false });
    fleet = fleetOver(h.layer, allRegions(h.emu));
    await fleet.loadProfiles();
    settings = DEFAULT_COST_SETTINGS;
    now = h.emu.world(PROD, 'us-east-1').now();
    usage = new FleetUsage({
      cloudwatch: (m) => Promise.resolve(h.layer.cloudwatch(m.scope)),
      workspaces: (m) => Promise.resolve(h.layer.api(m.scope)),
      settings: () => settings,
      clock: { now: () => now },
    });
  });

  afterEach(async () => {
    usage.dispose();
    fleet.dispose();
    await h.close();
  });

  const scope = (profile: string, region: string): ScopeModel =>
    fleet.allScopes().find((s) => s.scope.profile === profile && s.scope.region === region)!;
  const metricCalls = (): number => h.emu.requests().filter((r) => r.op === 'GetMetricData').length;
  const tagCalls = (): string[] =>
    h.emu
      .requests()
      .filter((r) => r.op === 'DescribeTags')
      .map((r) => String(r.params.ResourceId));

  it('reads both months on demand in the fewest calls, then only this month on a refresh', async () => {
    const east = scope(PROD, 'us-east-1');
    assert.equal(usage.of(east).state, 'idle');
    assert.equal(metricCalls(), 0, 'nothing is read before it is asked for');
    await usage.load(east);
    const u = usage.of(east);
    assert.equal(u.state, 'loaded', u.error?.message);
    const n = east.workspaces.items.size;
    assert.equal(u.records.size, n);
    const month = monthOf(now);
    const minimum =
      hourlyCalls(n, elapsedHours(month, now).hours) + hourlyCalls(n, elapsedHours(previousMonth(month), now).hours);
    assert.equal(u.stats.calls, minimum);
    assert.equal(metricCalls(), minimum);
    assert.equal(u.stats.metrics, 2 * n, 'each WorkSpace named once per month');
    h.emu.resetCounts();
    await usage.load(east);
    assert.equal(metricCalls(), hourlyCalls(n, elapsedHours(month, now).hours), 'last month is kept');
    // The other scopes were never read.
    assert.ok(
      fleet
        .allScopes()
        .filter((s) => s !== east)
        .every((s) => usage.of(s).state === 'idle'),
    );
  });

  it('advice of the demo fleet: never-used WorkSpaces unused, light AlwaysOn ones to AutoStop, heavy ones kept', async () => {
    const east = scope(PROD, 'us-east-1');
    await usage.load(east);
    const world = h.emu.world(PROD, 'us-east-1');
    const key = `1/${world.accountId}/us-east-1`;
    const advice = (id: string) => usage.advice(east, id)!;
    // peggy: never connected, stopped for two days, AutoStop: never ran in the months read.
    assert.equal(advice('ws-n4p6r8t0v').kind, 'unused');
    // heidi: created 5 hours ago, never connected: too new to judge.
    assert.notEqual(advice('ws-h8j0l2n4p').kind, 'unused');
    for (const id of ['ws-a1c3e5g7i', 'ws-m3o5q7s9u']) {
      const rec = world.requireWorkspace(id);
      const a = advice(id);
      const last = usage.of(east).records.get(id)!.lastMonth!;
      if (rec.createdAt > previousMonth(monthOf(now)).start) continue; // not a whole last month
      if (usageProfile(rec, key) === 'light') {
        assert.equal(a.kind, 'toAutoStop', `${id}: ${a.text}`);
        assert.ok(last.billableHours <= 85);
      } else {
        assert.equal(a.kind, 'keep', `${id}: ${a.text}`);
        assert.ok(last.billableHours > 85, `${id}: ${last.billableHours} h`);
      }
    }
    const kinds = new Set(usage.advised(east).map((x) => x.advice.kind));
    assert.ok(kinds.has('unused') && kinds.has('keep'), [...kinds].join());
  });

  it('reads the tags of the WorkSpaces to change (background, once each); the skip tag turns their advice off', async () => {
    const east = scope(PROD, 'us-east-1');
    // peggy carries the skip tag in another case.
    await h.layer.api(east.scope).createTags(['ws-n4p6r8t0v'], [{ Key: 'skip_CONVERT', Value: 'yes' }]);
    h.emu.resetCounts();
    await usage.load(east);
    const candidates = usage
      .advised(east)
      .filter((a) => ['toAlwaysOn', 'onPace', 'toAutoStop', 'unused'].includes(a.advice.kind))
      .map((a) => a.ws.WorkspaceId!);
    assert.ok(candidates.includes('ws-n4p6r8t0v'));
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (usage.of(east).tagsPending === 0 && tagCalls().length >= candidates.length) resolve();
        else setTimeout(check, 20);
      };
      check();
    });
    assert.deepEqual(tagCalls().sort(), [...candidates].sort(), 'one DescribeTags per WorkSpace to change, no other');
    assert.equal(usage.advice(east, 'ws-n4p6r8t0v')!.kind, 'skipped');
    assert.equal(usage.advice(east, 'ws-n4p6r8t0v')!.text, 'skipped (tag Skip_Convert)');
    // Without a skip tag setting, no tag is read and nothing is skipped.
    settings = { ...DEFAULT_COST_SETTINGS, skipTag: '' };
    assert.equal(usage.advice(east, 'ws-n4p6r8t0v')!.kind, 'unused');
  });

  it('a profile without cloudwatch:GetMetricData gets one error; its WorkSpaces and the other profiles are fine', async () => {
    h.emu.setFaults({ cloudwatchDenied: ['sandbox-dev'] });
    const dev = fleet.allScopes().find((s) => s.scope.profile === 'sandbox-dev')!;
    const east = scope(PROD, 'us-east-1');
    await Promise.all([usage.load(dev), usage.load(east)]);
    const u = usage.of(dev);
    assert.equal(u.state, 'error');
    assert.equal(u.error?.kind, 'accessDenied');
    assert.match(u.error?.hint ?? '', /cloudwatch:GetMetricData/);
    assert.equal(dev.workspaces.state, 'loaded', 'its WorkSpaces are listed');
    assert.ok(dev.workspaces.items.size > 0);
    assert.equal(usage.advice(dev, [...dev.workspaces.items.keys()][0]), undefined, 'no advice without usage');
    assert.equal(usage.of(east).state, 'loaded');
    // Granted again: a retry reads it.
    h.emu.setFaults({ cloudwatchDenied: [] });
    await usage.load(dev);
    assert.equal(usage.of(dev).state, 'loaded');
  });
});
