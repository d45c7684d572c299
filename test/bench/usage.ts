// The usage read (issue 17), a scenario of `npm run bench` (run.ts runs it in its own process on the
// measured Node and reads --json): CloudWatch UserConnected of every WorkSpace of one scope, this month and the last, through the
// production AWS layer bundle (dist/aws.js, else out/src/aws) and the fleet model's usage store
// (src/fleet/usage.ts), against the emulator in a child process (its GetMetricData answers cost
// CPU that must not be counted as the client's) at its documented quota (50 calls/s) and a
// latency L per request. Prints every figure beside its bound:
// - calls: made vs ⌈N / ⌊100,800 / hours⌋⌉ per month (every call one page, hourly points), the
//   absolute floor max(⌈N/500⌉, ⌈points/100,800⌉) for the points that came, and what the issue's
//   ⌈N/500⌉ and the Cost Optimizer's 5-minute points would take;
// - metrics named (what CloudWatch bills per 1,000), points, time, client CPU, peak heap;
// - a refresh (last month kept: this month only).
// Usage: node out/test/bench/usage.js [--workspaces 10000] [--latency 20] [--runs 3] [--json FILE]
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type * as Aws from '../../src/aws';
import { DEFAULT_COST_SETTINGS, elapsedHours, monthOf, previousMonth } from '../../src/core/usage';
import { Fleet } from '../../src/fleet/fleet';
import { FleetUsage } from '../../src/fleet/usage';
import { figure, median, type Section } from './report';
import { numberArg } from './standalone';
import { testClock, testNow } from '../support/clock';

const ROOT = join(__dirname, '..', '..', '..');

interface EmulatorReply {
  url?: string;
  config?: string;
  credentials?: string;
  counts?: { byOp: Record<string, number>; throttledByOp: Record<string, number> };
  /** CPU time of the emulator's process since its last reset, ms. */
  cpuMs?: number;
}

// ---- the emulator's process ------------------------------------------------------------------------

async function emulatorChild(): Promise<void> {
  const { startEmulator } = await import('../emulator');
  const emu = await startEmulator({
    seed: { kind: 'fleet', workspaces: numberArg('workspaces', 10_000), directories: 4, movingRate: 0 },
    quota: false, // the WorkSpaces listing is not what is measured
    latencyMs: numberArg('latency', 20),
  });
  const send = (m: EmulatorReply): void => void process.send?.(m);
  let cpu = process.cpuUsage();
  process.on('message', (m: { type: string }) => {
    if (m.type === 'counts') {
      const used = process.cpuUsage(cpu);
      send({ counts: emu.counts(), cpuMs: (used.user + used.system) / 1000 });
    }
    if (m.type === 'reset') {
      emu.resetCounts();
      cpu = process.cpuUsage();
      send({});
    }
    if (m.type === 'exit') void emu.stop().then(() => process.exit(0));
  });
  send({ url: emu.url, ...emu.awsConfigFiles() });
}

// ---- the measured process ----------------------------------------------------------------------------

function ask(child: ChildProcess, type: string): Promise<EmulatorReply> {
  return new Promise((resolve) => {
    child.once('message', (m: EmulatorReply) => resolve(m));
    child.send({ type });
  });
}

function loadAws(): { module: typeof Aws; path: string } {
  const bundle = join(ROOT, 'dist', 'aws.js');
  const path = existsSync(bundle) ? bundle : join(ROOT, 'out', 'src', 'aws', 'index.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { module: require(path) as typeof Aws, path };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** What usage.js writes with --json. */
export interface UsageFigures {
  n: number;
  latency: number;
  node: string;
  /** Hours of this month so far and of the last one (the periods read). */
  thisHours: number;
  lastHours: number;
  /** WorkSpaces per call: ⌊100,800 / hours⌋ (capped at 500 metrics), per month. */
  batch: { this: number; last: number };
  /** ⌈N/batch⌉ per month: one page per call whatever the usage. */
  minimum: number;
  /** A refresh keeps last month: this month's calls only. */
  refreshMinimum: number;
  /** max(⌈N/500⌉, ⌈points/100,800⌉) for the points that came. */
  floor: number;
  /** What 5-minute points would take (the Cost Optimizer's period). */
  fiveMinute: number;
  /** CloudWatch's quota alone, ms. */
  quotaBoundMs: number;
  runs: Array<Record<string, number>>;
}

export function usageSection(u: UsageFigures): Section {
  const v = (k: string): number[] => u.runs.map((r) => r[k]);
  const m = (k: string): number => median(v(k));
  return {
    id: 'usage',
    title: `Usage read of ${fmt(u.n)} WorkSpaces (1 scope): this month (${u.thisHours} h) and the last (${u.lastHours} h), hourly UserConnected — L = ${u.latency} ms, CloudWatch quota 50/s, ${u.runs.length} runs, Node ${u.node}`,
    figures: [
      figure('GetMetricData calls', 'req', v('calls'), {
        bound: u.minimum,
        boundText: `⌈N/${u.batch.this}⌉ + ⌈N/${u.batch.last}⌉`,
        target: { op: '=', value: u.minimum, text: 'the minimum for hourly points' },
        detail: `${fmt(m('requests'))} requests, ${fmt(m('throttled'))} throttled; ⌊100,800 / hours⌋ WorkSpaces per call (a call returns ≤ 100,800 points), one page each whatever the usage`,
      }),
      figure("the issue's ⌈N/500⌉ per month", 'req', [2 * Math.ceil(u.n / 500)], {
        detail: `not reachable: 500 WorkSpaces × ${u.lastHours} hourly points = ${fmt(500 * u.lastHours)} > the 100,800 points a call returns; for the points that came, max(⌈N/500⌉, ⌈points/100,800⌉) = ${fmt(u.floor)} would need pages filled across WorkSpaces and paging (each page names its 500 metrics again)`,
      }),
      figure("5-minute points (the Cost Optimizer's period)", 'req', [u.fiveMinute], {
        detail: 'calls the same read would take at a 5-minute period',
      }),
      figure('metrics named (CloudWatch bills per 1,000)', 'count', v('metrics'), {
        target: { op: '=', value: 2 * u.n, text: '2N' },
      }),
      figure('time to read', 'ms', v('ms'), {
        bound: u.quotaBoundMs,
        boundText: 'the quota alone',
        detail: `points received ${fmt(m('points'))}; the emulator's CPU answering ${fmt(m('emulatorCpuMs'))} ms (on 2 shared cores it bounds the time)`,
      }),
      figure('client CPU', 'ms', v('cpuMs'), {
        detail: `${(m('cpuMs') / Math.max(1, m('calls'))).toFixed(1)} ms per call`,
      }),
      figure('peak heap', 'MB', v('peakMb')),
      figure('refresh (last month kept): calls', 'req', v('refreshCalls'), {
        bound: u.refreshMinimum,
        boundText: `⌈N/${u.batch.this}⌉`,
        target: { op: '=', value: u.refreshMinimum, text: '' },
      }),
      figure('refresh: time', 'ms', v('refreshMs')),
    ],
    notes: [
      "Through dist/aws.js and the fleet model's usage store (src/fleet/usage.ts) against the emulator in its own process (its GetMetricData answers cost CPU that is not the client's).",
    ],
  };
}

async function main(): Promise<void> {
  const n = numberArg('workspaces', 10_000);
  const latency = numberArg('latency', 20);
  const runs = numberArg('runs', 3);
  const child = fork(__filename, ['--emulator-child', '--workspaces', String(n), '--latency', String(latency)], {
    stdio: 'inherit',
  });
  const ready = await new Promise<EmulatorReply>((resolve) => child.once('message', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'wsf-bench-usage-'));
  writeFileSync(join(dir, 'config'), ready.config ?? '');
  writeFileSync(join(dir, 'credentials'), ready.credentials ?? '');
  const { module: aws, path } = loadAws();
  const layer = aws.createAwsLayer({
    userAgent: 'workspaces-fleet/bench',
    env: { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
    scheduler: { rate: 10_000, burst: 10_000, adaptive: false },
  });
  const fleet = new Fleet(
    () => Promise.resolve(layer),
    { profiles: [], regions: {}, includeEnvironment: false },
    { clock: testClock() },
  );
  await fleet.loadProfiles();
  const model = fleet.allScopes()[0];
  await model.load('workspaces');
  if (model.workspaces.items.size !== n) throw new Error(`listed ${model.workspaces.items.size} of ${n}`);
  const now = testNow();
  const settings = { ...DEFAULT_COST_SETTINGS, skipTag: '' }; // CloudWatch only: no DescribeTags
  const thisHours = elapsedHours(monthOf(now), now).hours;
  const lastHours = elapsedHours(previousMonth(monthOf(now)), now).hours;
  const minimum = aws.hourlyCalls(n, thisHours) + aws.hourlyCalls(n, lastHours);
  const rows: Array<Record<string, number>> = [];
  for (let run = 0; run < runs; run++) {
    const usage = new FleetUsage({
      cloudwatch: (m) => Promise.resolve(layer.cloudwatch(m.scope)),
      workspaces: (m) => Promise.resolve(layer.api(m.scope)),
      settings: () => settings,
      clock: { now: () => now },
    });
    await ask(child, 'reset');
    let peak = getHeapStatistics().used_heap_size;
    const sampler = setInterval(() => (peak = Math.max(peak, getHeapStatistics().used_heap_size)), 5);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await usage.load(model);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    const u = usage.of(model);
    if (u.state !== 'loaded') throw new Error(`usage: ${u.error?.message ?? u.state}`);
    const stats = { ...u.stats };
    const reply = await ask(child, 'counts');
    const counts = reply.counts!;
    await ask(child, 'reset');
    const r0 = performance.now();
    await usage.load(model);
    const refreshMs = performance.now() - r0;
    const refreshCounts = (await ask(child, 'counts')).counts!;
    rows.push({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakMb: peak / 2 ** 20,
      emulatorCpuMs: reply.cpuMs ?? 0,
      calls: stats.calls,
      requests: counts.byOp.GetMetricData ?? 0,
      throttled: counts.throttledByOp.GetMetricData ?? 0,
      metrics: stats.metrics,
      points: stats.points,
      refreshMs,
      refreshCalls: refreshCounts.byOp.GetMetricData ?? 0,
    });
    usage.dispose();
  }
  const m = (k: string): number => median(rows.map((r) => r[k]));
  const points = m('points');
  const floor = Math.max(Math.ceil(n / 500), Math.ceil(points / 100_800));
  const fiveMinute =
    Math.ceil(n / Math.max(1, Math.floor(100_800 / (12 * thisHours)))) +
    Math.ceil(n / Math.max(1, Math.floor(100_800 / (12 * lastHours))));
  const quotaBoundMs = (Math.max(0, minimum - 37) / 50) * 1000;
  const lines = [
    `Usage read of ${fmt(n)} WorkSpaces (1 scope), this month (${thisHours} h) and the last (${lastHours} h), L = ${latency} ms, CloudWatch quota 50/s, median of ${runs}; AWS layer ${path.replace(ROOT + '/', '')}`,
    `| figure | value | bound / comparison |`,
    `|---|---|---|`,
    `| GetMetricData calls | ${fmt(m('calls'))} (${fmt(m('requests'))} requests, ${fmt(m('throttled'))} throttled) | = ⌈N/${aws.hourlyBatchSize(thisHours)}⌉ + ⌈N/${aws.hourlyBatchSize(lastHours)}⌉ = ${fmt(minimum)} ${m('calls') === minimum ? '✔' : '✘'} (one page per call whatever the usage) |`,
    `| floor for the points that came | ${fmt(floor)} | max(⌈N/500⌉, ⌈points/100,800⌉): needs pages filled across WorkSpaces, paging (each page names its 500 metrics again) |`,
    `| the issue's ⌈N/500⌉ per month | ${fmt(2 * Math.ceil(n / 500))} | holds only when a month's points fit: 500 × ${lastHours} h = ${fmt(500 * lastHours)} > 100,800 |`,
    `| 5-minute points (the Cost Optimizer's) | ${fmt(fiveMinute)} calls | ~12× |`,
    `| metrics named (billed per 1,000) | ${fmt(m('metrics'))} | = 2N = ${fmt(2 * n)} |`,
    `| points received | ${fmt(points)} | ≤ N × ${thisHours + lastHours} h = ${fmt(n * (thisHours + lastHours))} |`,
    `| time to read | ${fmt(m('ms'))} ms | quota alone ≥ ${fmt(quotaBoundMs)} ms (${fmt(minimum)} calls at 50/s after a burst) |`,
    `| client CPU | ${fmt(m('cpuMs'))} ms (${(m('cpuMs') / Math.max(1, m('calls'))).toFixed(1)} ms/call) | |`,
    `| the emulator's CPU (answering) | ${fmt(m('emulatorCpuMs'))} ms | not the client's: on 2 shared cores it bounds the time |`,
    `| peak heap | ${m('peakMb').toFixed(1)} MB | |`,
    `| refresh (last month kept) | ${fmt(m('refreshMs'))} ms, ${fmt(m('refreshCalls'))} calls | = ⌈N/${aws.hourlyBatchSize(thisHours)}⌉ = ${fmt(aws.hourlyCalls(n, thisHours))} ${m('refreshCalls') === aws.hourlyCalls(n, thisHours) ? '✔' : '✘'} |`,
  ];
  console.log(lines.join('\n'));
  const json = process.argv.indexOf('--json');
  if (json >= 0) {
    const out: UsageFigures = {
      n,
      latency,
      node: process.version,
      thisHours,
      lastHours,
      batch: { this: aws.hourlyBatchSize(thisHours), last: aws.hourlyBatchSize(lastHours) },
      minimum,
      refreshMinimum: aws.hourlyCalls(n, thisHours),
      floor,
      fiveMinute,
      quotaBoundMs,
      runs: rows,
    };
    writeFileSync(process.argv[json + 1], JSON.stringify(out, null, 2));
  }
  layer.dispose();
  fleet.dispose();
  child.send({ type: 'exit' });
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv.includes('--emulator-child')) void emulatorChild();
else if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
