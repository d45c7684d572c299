/**
 * The benchmark: `npm run bench [-- options]` (builds first), or `node out/test/bench/run.js`.
 * The one place speed and memory are measured; the tests never time anything.
 *
 * Under the emulator's API quota (AWS's 2 calls/s, burst 5 per account and region; quota.ts):
 *   quota1k     1,000 WorkSpaces, cold open and refresh at the real quota (~40 s a listing)
 *   first       first row of 2 profiles × 2 regions × 2,500 at the real quota
 *   stops       Stops fired 3, 8 and 15 s into a cold 10,000 listing at the real quota
 *   tick        a poll tick of 100 moving WorkSpaces during a listing at the real quota
 *   quota10k    10,000 WorkSpaces, cold open at a scaled quota (--scaled)
 *   quotaMulti  2 × 2 × 2,500, cold open at a scaled quota (--scaled-multi)
 *   warm        10,000 WorkSpaces opened with the persistent cache, revalidated at --scaled
 *   learn       how fast the scheduler learns a raised quota (10/s) from 2/s
 *   windows2k   three VS Code windows over one cache and quota, 2,000 WorkSpaces at the real quota
 *               (and the same without sharing: "before"); windows.ts
 *   windows10k  the same with 10,000 WorkSpaces at --scaled
 *   killed      a window killed mid-listing of 2,000 at the real quota: the other takes over
 *   neighbour   another client of the account at 1 call/s during a listing of 2,000 (real quota)
 *   org50x4     an IAM Identity Center organisation of 50 accounts × 4 regions (200 scopes, 667
 *               WorkSpaces in 10 of them) opened by one window at the real quota; org.ts
 * Without a quota (the CPU the client needs; driver.ts): ws1k, ws10k, multi (+ the AWS CLI peer).
 * Standalone measurements: export (10,000 rows), usage (CloudWatch, 10,000 WorkSpaces).
 * And activation: the real extension host, and the bundles.
 *
 *   --runs N             runs per scenario, each in a fresh process (default 3)
 *   --real-latency MS    latency at the real quota (default 50)
 *   --scaled R/B         scaled quota of quota10k and warm (default 20/50); the scheduler is told it
 *   --scaled-multi R/B   scaled quota of quotaMulti (default 10/25)
 *   --scaled-latency MS  latency at a scaled quota (default 5)
 *   --no-refresh         skip the refresh of quota1k (~40 s a run)
 *   --learn-runs N       runs of learn (default 1: ~30 s each)
 *   --latency MS         latency of the CPU scenarios (default 20)
 *   --quota R/B          an API quota in the CPU scenarios too (default off)
 *   --cli-runs N         runs of the AWS CLI peer on the 1,000 fleet (default 1; 0 = skip)
 *   --cli-parallel N     xargs -P of the CLI's status calls (default 4; 1 = one after the other)
 *   --export-runs N      runs of export (default 5)
 *   --usage-runs N       runs of usage (default 3)
 *   --activation-runs N  runs of the integration harness for activation (default 3; 0 = skip)
 *   --only LIST          comma list of the scenario ids above, or the groups quota, cpu
 *   --json FILE          every figure with its bound, target and PASS/MISS, as JSON
 *   --markdown FILE      the tables as Markdown (for the README's Performance section)
 *   --cpu-prof DIR       V8 CPU profiles of the measured processes (diagnosis)
 *   --aws src            load the AWS layer from out/src/aws instead of the dist/aws.js bundle
 *   --node host|current|PATH  Node of the measured process: the extension host's (default, the
 *                        Node 24 that test/harness/provision.mjs provides), this one, or a path
 *
 * Targets are printed PASS/MISS; a MISS does not fail the run (only an error does).
 */
import { spawnSync } from 'node:child_process';
import { SYSTEM_CLOCK } from '../../src/core/clock';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { measureActivation, ROOT, type ActivationMetrics } from './activation';
import { awsCliVersion } from './cli';
import { runScenario, type ScenarioResult } from './driver';
import { exportSection, type ExportFigures } from './export';
import {
  killedScenario,
  killedSection,
  neighbourScenario,
  neighbourSection,
  windowsScenario,
  windowsSection,
} from './windows';
import {
  coldOpen,
  firstRow,
  learnRaisedQuota,
  stopsDuringListing,
  tickDuringListing,
  warmOpen,
  type QuotaRunOptions,
  type Setting,
} from './quota';
import {
  BEFORE,
  coldSection,
  firstRowSection,
  learnSection,
  stopsSection,
  tickSection,
  warmSection,
} from './quotaTables';
import { ORG50X4, orgScenario, orgSection } from './org';
import { markdownTable, textTable, type Section } from './report';
import { criticalCalls, minRequests, REAL_QUOTA, SCENARIOS, type Quota } from './shape';
import { runStandalone } from './standalone';
import { activationSection, scenarioSection } from './tables';
import { usageSection, type UsageFigures } from './usage';

const QUOTA_IDS = [
  'quota1k',
  'first',
  'stops',
  'tick',
  'quota10k',
  'quotaMulti',
  'warm',
  'learn',
  'windows2k',
  'windows10k',
  'killed',
  'neighbour',
  'org50x4',
];
const CPU_IDS = SCENARIOS.map((s) => s.id);
const ALL_IDS = [...QUOTA_IDS, 'export', 'usage', ...CPU_IDS, 'activation'];

interface Options {
  runs: number;
  realLatencyMs: number;
  scaled: Quota;
  scaledMulti: Quota;
  scaledLatencyMs: number;
  refresh: boolean;
  learnRuns: number;
  latencyMs: number;
  quota?: Quota;
  cliRuns: number;
  cliParallel: number;
  exportRuns: number;
  usageRuns: number;
  activationRuns: number;
  only?: Set<string>;
  json?: string;
  markdown?: string;
  cpuProf?: string;
  aws?: 'src';
  node: string;
}

const DEFAULTS: Options = {
  runs: 3,
  realLatencyMs: 50,
  scaled: { rate: 20, burst: 50 },
  scaledMulti: { rate: 10, burst: 25 },
  scaledLatencyMs: 5,
  refresh: true,
  learnRuns: 1,
  latencyMs: 20,
  cliRuns: 1,
  cliParallel: 4,
  exportRuns: 5,
  usageRuns: 3,
  activationRuns: 3,
  node: 'host',
};

const number = (flag: string, v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number ≥ 0`);
  return n;
};
const count = (flag: string, v: string): number => Math.round(number(flag, v));
/** RATE/BURST, e.g. 2/5 (AWS's documented default). */
const quotaArg = (flag: string, v: string): Quota => {
  const [rate, burst] = v.split('/').map(Number);
  if (!(rate > 0) || !(burst >= 1)) throw new Error(`${flag} needs RATE/BURST, e.g. 20/50`);
  return { rate, burst };
};

/** The options that take a value, and what each sets. */
const WITH_VALUE: Record<string, (o: Options, v: string, flag: string) => void> = {
  '--runs': (o, v, f) => (o.runs = Math.max(1, count(f, v))),
  '--real-latency': (o, v, f) => (o.realLatencyMs = number(f, v)),
  '--scaled': (o, v, f) => (o.scaled = quotaArg(f, v)),
  '--scaled-multi': (o, v, f) => (o.scaledMulti = quotaArg(f, v)),
  '--scaled-latency': (o, v, f) => (o.scaledLatencyMs = number(f, v)),
  '--learn-runs': (o, v, f) => (o.learnRuns = count(f, v)),
  '--latency': (o, v, f) => (o.latencyMs = number(f, v)),
  '--quota': (o, v, f) => (o.quota = quotaArg(f, v)),
  '--cli-runs': (o, v, f) => (o.cliRuns = count(f, v)),
  '--cli-parallel': (o, v, f) => (o.cliParallel = Math.max(1, count(f, v))),
  '--export-runs': (o, v, f) => (o.exportRuns = count(f, v)),
  '--usage-runs': (o, v, f) => (o.usageRuns = count(f, v)),
  '--activation-runs': (o, v, f) => (o.activationRuns = count(f, v)),
  '--only': (o, v) => {
    const ids = v.split(',').flatMap((id) => (id === 'quota' ? QUOTA_IDS : id === 'cpu' ? CPU_IDS : [id]));
    const unknown = ids.filter((id) => !ALL_IDS.includes(id));
    if (unknown.length) throw new Error(`--only: unknown ${unknown.join(', ')} (${ALL_IDS.join(', ')}, quota, cpu)`);
    o.only = new Set(ids);
  },
  '--json': (o, v) => (o.json = v),
  '--markdown': (o, v) => (o.markdown = v),
  '--cpu-prof': (o, v) => (o.cpuProf = v),
  '--aws': (o, v) => {
    if (v === 'src') o.aws = 'src';
  },
  '--node': (o, v) => (o.node = v),
};

function parseArgs(argv: string[]): Options {
  const o: Options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--no-refresh') {
      o.refresh = false;
    } else if (flag === '--help' || flag === '-h') {
      process.stdout.write(
        `usage: npm run bench -- [${Object.keys(WITH_VALUE)
          .map((f) => `${f} …`)
          .join(
            '] [',
          )}] [--no-refresh]\n--only takes a comma list of ${ALL_IDS.join(', ')}, or the groups quota, cpu; see the head of test/bench/run.ts\n`,
      );
      process.exit(0);
    } else {
      const set = WITH_VALUE[flag];
      if (!set) throw new Error(`unknown option ${flag} (--help)`);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      set(o, v, flag);
    }
  }
  return o;
}

const progress = (line: string): void => void process.stderr.write(`${line}\n`);

/** The Node binary of the measured process and its version. 'host': the extension host's Node,
 *  as provisioned for the integration tests (falls back to this Node when it cannot be had). */
function measuredNode(choice: string): { path: string; version: string; note?: string } {
  let path = choice === 'current' ? process.execPath : choice;
  let note: string | undefined;
  if (choice === 'host') {
    const r = spawnSync(process.execPath, [join(ROOT, 'test', 'harness', 'provision.mjs'), '--json'], {
      encoding: 'utf8',
      timeout: 300_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      path = (JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { node: string }).node;
    } catch {
      path = process.execPath;
      note = "the extension host's Node could not be provisioned; measured on this Node";
    }
  }
  const v = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) throw new Error(`--node ${choice}: ${path} does not run`);
  return { path, version: v.stdout.trim(), ...(note ? { note } : {}) };
}

const seedOf = (id: string): Setting['seed'] => {
  const sc = SCENARIOS.find((s) => s.id === id);
  if (!sc) throw new Error(`no scenario ${id}`);
  return sc.seed;
};

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const want = (id: string): boolean => !o.only || o.only.has(id);
  const started = performance.now();
  // When the run happened (the report's header): the wall clock, not a date anything is judged by.
  const startedAt = SYSTEM_CLOCK.now();
  const load0 = loadavg();
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${osType()} ${release()}`,
    loadAverageAtStart: load0.map((x) => Math.round(x * 100) / 100),
    loadAverageAtEnd: [] as number[],
  };
  const cli = awsCliVersion();
  const node = measuredNode(o.node);
  progress(
    `WorkSpaces Fleet benchmark: ${o.runs} runs; ${machine.cpus} CPUs, ${machine.memoryGiB} GiB, measured on Node ${node.version}, load ${load0.map((x) => x.toFixed(1)).join(' ')}`,
  );
  const warned = new Set<string>();
  const q: QuotaRunOptions = {
    runs: o.runs,
    warned,
    nodePath: node.path,
    progress,
    ...(o.aws ? { awsModule: o.aws } : {}),
    ...(o.cpuProf ? { cpuProfileDir: o.cpuProf } : {}),
  };
  const real = (id: string, title: string, seed: string): Setting => ({
    id,
    title,
    seed: seedOf(seed),
    quota: REAL_QUOTA,
    latencyMs: o.realLatencyMs,
  });
  const scaled = (id: string, title: string, seed: string, quota: Quota): Setting => ({
    id,
    title,
    seed: seedOf(seed),
    quota,
    latencyMs: o.scaledLatencyMs,
  });
  const quotaSections: Section[] = [];
  const firstRows: Parameters<typeof firstRowSection>[0] = [];
  const results: Record<string, unknown> = {};
  const step = async <T>(id: string, title: string, fn: () => Promise<T>): Promise<T | undefined> => {
    if (!want(id)) return undefined;
    progress(`${title}:`);
    const r = await fn();
    results[id] = r;
    return r;
  };

  const r1k = await step('quota1k', "1,000 WorkSpaces at AWS's quota, cold open and refresh", () =>
    coldOpen(real('quota1k', '1,000 WorkSpaces (1 scope, 4 directories)', 'ws1k'), q, o.refresh),
  );
  if (r1k) {
    firstRows.push({ fleet: '1,000 WorkSpaces', values: r1k.runs.map((x) => x.open.firstPageMs), before: '121 ms' });
  }
  const stops = await step('stops', "Stops during a cold 10,000 listing at AWS's quota", () =>
    stopsDuringListing(real('stops', '10,000 WorkSpaces (1 scope)', 'ws10k'), [3000, 8000, 15_000], q),
  );
  if (stops) {
    firstRows.push({
      fleet: '10,000 WorkSpaces',
      values: stops.runs.map((x) => x.listing.firstPageMs),
      before: '122 ms',
    });
  }
  const first = await step('first', "First row of 2 profiles × 2 regions × 2,500 at AWS's quota", () =>
    firstRow(real('first', '2 × 2 × 2,500', 'multi'), q),
  );
  if (first) firstRows.push({ fleet: '2 profiles × 2 regions × 2,500', values: first.runs.map((l) => l.firstPageMs) });
  if (firstRows.length) quotaSections.push(firstRowSection(firstRows, { latencyMs: o.realLatencyMs, runs: o.runs }));
  if (r1k) quotaSections.push(coldSection(r1k, { open: BEFORE.ws1kOpen, refresh: BEFORE.ws1kRefresh }));
  const r10k = await step('quota10k', '10,000 WorkSpaces at a scaled quota, cold open', () =>
    coldOpen(scaled('quota10k', '10,000 WorkSpaces (1 scope, 4 directories)', 'ws10k', o.scaled), q),
  );
  if (r10k) quotaSections.push(coldSection(r10k, { open: BEFORE.ws10kOpen }));
  const multi = await step('quotaMulti', '2 × 2 × 2,500 at a scaled quota, cold open', () =>
    coldOpen(scaled('quotaMulti', '2 profiles × 2 regions × 2,500 WorkSpaces', 'multi', o.scaledMulti), q),
  );
  if (multi) quotaSections.push(coldSection(multi));
  const warm = await step('warm', '10,000 WorkSpaces opened with the cache, revalidated at a scaled quota', () =>
    warmOpen(scaled('warm', '10,000 WorkSpaces (1 scope)', 'ws10k', o.scaled), q),
  );
  if (warm) quotaSections.push(warmSection(warm));
  if (stops) quotaSections.push(stopsSection(stops));
  const tick = await step('tick', "A poll tick during a listing at AWS's quota", () =>
    tickDuringListing(
      real('tick', '10,000 WorkSpaces (1 scope)', 'ws10k'),
      100,
      { followAtMs: 1500, intervalMs: 5000 },
      q,
    ),
  );
  if (tick) quotaSections.push(tickSection(tick));
  const learn = await step('learn', 'Learning a raised quota (10/s) from 2/s', () =>
    learnRaisedQuota({ ...scaled('learn', '10,000 WorkSpaces', 'ws10k', { rate: 10, burst: 5 }) }, 8, {
      ...q,
      runs: o.learnRuns,
    }),
  );
  if (learn && o.learnRuns > 0) quotaSections.push(learnSection(learn));
  const ws2k: Setting['seed'] = { kind: 'fleet', workspaces: 2000, directories: 4, movingRate: 0 };
  const realSeed = (id: string, title: string): Setting => ({
    id,
    title,
    seed: ws2k,
    quota: REAL_QUOTA,
    latencyMs: o.realLatencyMs,
  });
  const w2k = await step('windows2k', "Three windows, 2,000 WorkSpaces at AWS's quota", () =>
    windowsScenario(realSeed('windows2k', "2,000 WorkSpaces at AWS's quota (2/s, burst 5)"), q),
  );
  if (w2k) quotaSections.push(windowsSection(w2k));
  const w10k = await step('windows10k', 'Three windows, 10,000 WorkSpaces at a scaled quota', () =>
    windowsScenario(scaled('windows10k', '10,000 WorkSpaces at a scaled quota', 'ws10k', o.scaled), q),
  );
  if (w10k) quotaSections.push(windowsSection(w10k));
  const killed = await step('killed', "A window killed mid-listing, 2,000 WorkSpaces at AWS's quota", () =>
    killedScenario(realSeed('killed', "2,000 WorkSpaces at AWS's quota"), q),
  );
  if (killed) quotaSections.push(killedSection(killed));
  const neighbour = await step('neighbour', "A neighbour in the same account, 2,000 WorkSpaces at AWS's quota", () =>
    neighbourScenario(realSeed('neighbour', "2,000 WorkSpaces at AWS's quota"), q),
  );
  if (neighbour) quotaSections.push(neighbourSection(neighbour));
  const org = await step('org50x4', "An organisation of 50 accounts × 4 regions at AWS's quota", () =>
    orgScenario(
      {
        id: 'org50x4',
        title: `50 accounts × 4 regions at AWS's quota (2/s, burst 5 per account and region), L = ${o.realLatencyMs} ms`,
        org: ORG50X4,
        quota: REAL_QUOTA,
        latencyMs: o.realLatencyMs,
      },
      q,
    ),
  );
  if (org) quotaSections.push(orgSection(org));

  const otherSections: Section[] = [];
  if (want('export') && o.exportRuns > 0) {
    progress('Export of 10,000 rows:');
    const e = await runStandalone<ExportFigures>('export', ['--runs', String(o.exportRuns)], node.path, progress);
    results.export = e;
    otherSections.push(exportSection(e));
  }
  if (want('usage') && o.usageRuns > 0) {
    progress('Usage read of 10,000 WorkSpaces:');
    const u = await runStandalone<UsageFigures>('usage', ['--runs', String(o.usageRuns)], node.path, progress);
    results.usage = u;
    otherSections.push(usageSection(u));
  }

  const cpuSections: Section[] = [];
  const cpuResults: ScenarioResult[] = [];
  for (const sc of SCENARIOS) {
    if (!want(sc.id)) continue;
    progress(`${sc.title} (no quota: CPU):`);
    const r = await runScenario(sc, {
      latencyMs: o.latencyMs,
      runs: o.runs,
      cliRuns: cli ? o.cliRuns : 0,
      cliParallel: o.cliParallel,
      nodePath: node.path,
      ...(o.quota ? { quota: o.quota } : {}),
      ...(o.aws ? { awsModule: o.aws } : {}),
      ...(o.cpuProf ? { cpuProfileDir: o.cpuProf } : {}),
      progress,
    });
    for (const w of r.warnings) warned.add(w);
    cpuResults.push(r);
    const section = scenarioSection(r);
    if (!o.quota) section.title = `${section.title}, no quota (the CPU the client needs)`;
    if (sc.cli && !cli) section.notes.push('AWS CLI peer skipped: no `aws` on PATH.');
    cpuSections.push(section);
  }
  const activation: ActivationMetrics[] = [];
  if (want('activation')) {
    for (let i = 0; i < o.activationRuns; i++) {
      const m = await measureActivation();
      activation.push(m);
      progress(
        `activation run ${i + 1}/${o.activationRuns}: ${m.activationMs.toFixed(1)} ms, AWS SDK loaded: ${m.awsLoadedAtActivation}`,
      );
    }
    cpuSections.push(activationSection(activation));
  }
  const sections = [...quotaSections, ...otherSections, ...cpuSections];
  machine.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  const tookS = (performance.now() - started) / 1000;
  const header =
    `WorkSpaces Fleet benchmark, ${new Date(startedAt).toISOString()}: emulator on loopback; median of ${o.runs} runs, each in a fresh process; took ${Math.round(tookS)} s.\n` +
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}; shared and noisy — load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end.\n` +
    `The measured process runs on Node ${node.version} (${o.node === 'host' && !node.note ? "the extension host's" : (node.note ?? 'chosen with --node')}); the emulator and the benchmark on Node ${machine.node}.\n` +
    `Quota: AWS's 2 calls/s burst 5 per account and region at L = ${o.realLatencyMs} ms; scaled ${o.scaled.rate}/${o.scaled.burst} (2 × 2 × 2,500: ${o.scaledMulti.rate}/${o.scaledMulti.burst}) at L = ${o.scaledLatencyMs} ms with the scheduler told the scaled quota; ` +
    `the CPU scenarios without a quota at L = ${o.latencyMs} ms ("open" = the first listing of a fresh process, "refresh" = a second one on the same clients).`;
  const misses = sections.flatMap((s) => s.figures.filter((f) => f.result === 'MISS').map((f) => `${s.id}: ${f.name}`));
  const warnings = [...warned];
  const footer =
    `\n${sections.reduce((n, s) => n + s.figures.filter((f) => f.result).length, 0)} targets: ${misses.length} MISS${misses.length ? ` (${misses.join('; ')})` : ''}. ` +
    `Took ${tookS.toFixed(0)} s.` +
    (warnings.length ? `\nWarnings printed by the measured process: ${warnings.join(' | ')}` : '');
  process.stdout.write(`${header}\n${textTable(sections)}\n${footer}\n`);
  if (o.json) {
    writeFileSync(
      o.json,
      JSON.stringify(
        {
          generatedAt: new Date(startedAt).toISOString(),
          tookS,
          options: { ...o, only: o.only ? [...o.only] : undefined },
          machine,
          measuredNode: node.version,
          sections,
          activation,
          scenarios: cpuResults.map((r) => ({
            id: r.scenario.id,
            seed: r.scenario.seed,
            shape: r.shape,
            minRequests: minRequests(r.shape),
            criticalCalls: criticalCalls(r.shape),
          })),
          results,
          warnings,
        },
        (k, v: unknown) => (k === 'rates' && Array.isArray(v) ? v.filter((_, i) => i % 10 === 0) : v),
        2,
      ),
    );
  }
  if (o.markdown) {
    writeFileSync(
      o.markdown,
      `${header.replace(/\n/g, '\n\n')}\n\n${markdownTable(sections)}${footer.replace(/^\n/, '')}\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
