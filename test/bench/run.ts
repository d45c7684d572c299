/**
 * The benchmark: `npm run bench [-- options]` (builds first), or `node out/test/bench/run.js`.
 * The one place speed and memory are measured; the tests never time anything.
 *
 *   --latency MS        latency the emulator adds to every request (default 20)
 *   --quota R/B         the emulator's API quota, calls/s and burst (default off), e.g. 2/5
 *   --runs N            runs per scenario, each in a fresh process (default 5)
 *   --cli-runs N        runs of the AWS CLI peer on the 1,000 fleet (default 1: ~30-50 s each; 0 = skip)
 *   --cli-parallel N    xargs -P of the CLI's status calls (default 4; 1 = one after the other)
 *   --activation-runs N runs of the integration harness for activation (default 5; 0 = skip)
 *   --only LIST         comma list of ws1k, ws10k, multi, activation
 *   --json FILE         every figure with its bound, target and PASS/MISS, as JSON
 *   --markdown FILE     the tables as Markdown (for the README's Performance section)
 *   --cpu-prof DIR      V8 CPU profiles of the measured processes (diagnosis)
 *   --aws src           load the AWS layer from out/src/aws instead of the dist/aws.js bundle
 *   --node host|current|PATH  Node of the measured process: the extension host's (default, the
 *                       Node 24 that test/harness/provision.mjs provides), this one, or a path
 *
 * Targets are printed PASS/MISS; a MISS does not fail the run (only an error does).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { measureActivation, ROOT, type ActivationMetrics } from './activation';
import { awsCliVersion } from './cli';
import { runScenario, type ScenarioResult } from './driver';
import { markdownTable, textTable, type Section } from './report';
import { criticalCalls, minRequests, SCENARIOS } from './shape';
import { activationSection, scenarioSection } from './tables';

interface Options {
  latencyMs: number;
  quota?: { rate: number; burst: number };
  runs: number;
  cliRuns: number;
  cliParallel: number;
  activationRuns: number;
  only?: Set<string>;
  json?: string;
  markdown?: string;
  cpuProf?: string;
  aws?: 'src';
  node: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { latencyMs: 20, runs: 5, cliRuns: 1, cliParallel: 4, activationRuns: 5, node: 'host' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const num = (): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number ≥ 0`);
      return n;
    };
    switch (flag) {
      case '--latency':
        o.latencyMs = num();
        break;
      case '--quota': {
        // RATE/BURST, e.g. 2/5 (AWS's documented default)
        const [rate, burst] = value().split('/').map(Number);
        o.quota = { rate, burst: burst ?? 5 };
        break;
      }
      case '--runs':
        o.runs = Math.max(1, Math.round(num()));
        break;
      case '--cli-runs':
        o.cliRuns = Math.round(num());
        break;
      case '--cli-parallel':
        o.cliParallel = Math.max(1, Math.round(num()));
        break;
      case '--activation-runs':
        o.activationRuns = Math.round(num());
        break;
      case '--only':
        o.only = new Set(value().split(','));
        break;
      case '--json':
        o.json = value();
        break;
      case '--markdown':
        o.markdown = value();
        break;
      case '--cpu-prof':
        o.cpuProf = value();
        break;
      case '--aws':
        if (value() === 'src') o.aws = 'src';
        break;
      case '--node':
        o.node = value();
        break;
      case '--help':
      case '-h':
        process.stdout.write(
          'usage: npm run bench -- [--latency MS] [--runs N] [--cli-runs N] [--cli-parallel N] [--activation-runs N] [--only ws1k,ws10k,multi,activation] [--json FILE] [--markdown FILE] [--cpu-prof DIR] [--aws src] [--node host|current|PATH]\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag} (--help)`);
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

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const want = (id: string): boolean => !o.only || o.only.has(id);
  const started = Date.now();
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
    `WorkSpaces Fleet benchmark: L = ${o.latencyMs} ms, ${o.runs} runs; ${machine.cpus} CPUs, ${machine.memoryGiB} GiB, measured on Node ${node.version}, load ${load0.map((x) => x.toFixed(1)).join(' ')}`,
  );
  const sections: Section[] = [];
  const results: ScenarioResult[] = [];
  for (const sc of SCENARIOS) {
    if (!want(sc.id)) continue;
    progress(`${sc.title}:`);
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
    results.push(r);
    sections.push(scenarioSection(r));
    if (sc.cli && !cli) sections[sections.length - 1].notes.push('AWS CLI peer skipped: no `aws` on PATH.');
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
    sections.push(activationSection(activation));
  }
  machine.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  const warnings = [...new Set(results.flatMap((r) => r.warnings))];
  const header =
    `WorkSpaces Fleet benchmark, ${new Date(started).toISOString()}: emulator on loopback, L = ${o.latencyMs} ms per request; median of ${o.runs} runs, each in a fresh process.\n` +
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}; shared and noisy — load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end.\n` +
    `The measured process runs on Node ${node.version} (${o.node === 'host' && !node.note ? "the extension host's" : (node.note ?? 'chosen with --node')}); the emulator and the benchmark on Node ${machine.node}.\n` +
    `"open" = the first listing of a fresh process (new SDK clients: opening the view); "refresh" = a second listing on the same clients (Refresh).`;
  const misses = sections.flatMap((s) => s.figures.filter((f) => f.result === 'MISS').map((f) => `${s.id}: ${f.name}`));
  const footer =
    `\n${sections.reduce((n, s) => n + s.figures.filter((f) => f.result).length, 0)} targets: ${misses.length} MISS${misses.length ? ` (${misses.join('; ')})` : ''}. ` +
    `Took ${((Date.now() - started) / 1000).toFixed(0)} s.` +
    (warnings.length ? `\nWarnings printed by the measured process: ${warnings.join(' | ')}` : '');
  process.stdout.write(`${header}\n${textTable(sections)}\n${footer}\n`);
  if (o.json) {
    writeFileSync(
      o.json,
      JSON.stringify(
        {
          generatedAt: new Date(started).toISOString(),
          latencyMs: o.latencyMs,
          runs: o.runs,
          machine,
          measuredNode: node.version,
          sections,
          activation,
          scenarios: results.map((r) => ({
            id: r.scenario.id,
            seed: r.scenario.seed,
            shape: r.shape,
            minRequests: minRequests(r.shape),
            criticalCalls: criticalCalls(r.shape),
          })),
          warnings,
        },
        null,
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
