// The emulated fleet and the measured process of every scenario (openFleet, withClient, Client), and
// the CPU scenarios (runScenario): the emulator (in this process, on loopback, with latency L per
// request, without its quota) and, per run, a fresh measured process (test/bench/client.ts) that
// lists the fleet the way the extension does — a cold listing (new process, new clients: opening
// the view) and a re-listing (Refresh, same clients) — then polls. Between steps it resets and
// reads the emulator's counters and request log. The quota scenarios are in quota.ts. Shared by
// `npm run bench` (run.ts) and the smoke test of `npm test` (smoke.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SchedulerTuning } from '../../src/aws/scheduler';
import { startEmulator, type Counts, type Emulator, type FleetSeed, type RecordedRequest } from '../emulator';
import type { FollowReply, InitRequest, ListReply, ReadyReply, Reply, Request, TickReply } from './client';
import { clockEnvForChildren } from '../support/clock';
import { runCli, type CliRun } from './cli';
import { median } from './report';
import { shapeOf, type FleetShape, type Quota, type Scenario, type ScopeShape } from './shape';

export interface Timeline {
  /** From the start of the listing to the first request reaching the emulator (client setup:
   *  the SDK client, credentials, endpoint, the first connection), ms. */
  startDelayMs: number;
  /** Median extra time per dependent hop of the longest chain, beyond L: the gap between the
   *  arrival of page k and page k+1 of one directory, minus L (client + server work per page), ms. */
  hopOverheadMs: number;
  /** Hops measured on that chain. */
  hops: number;
  /** From the last request's answer (arrival + L) to the end of the listing, ms. */
  tailMs: number;
  /** Median time the emulator held a DescribeWorkspaces request beyond L (its own work and
   *  waiting for its event loop), from the request's headers to the end of its response, ms. */
  serverExtraMs: number;
}

/** Times every request the emulator (this process) serves, from Node's HTTP server diagnostics
 *  channels: no change to the emulator. */
class ServerTimes {
  private readonly started = new WeakMap<ServerResponse, number>();
  samples: Array<{ op: string; ms: number }> = [];
  private readonly onStart = (m: unknown): void => {
    this.started.set((m as { response: ServerResponse }).response, performance.now());
  };
  private readonly onFinish = (m: unknown): void => {
    const { request, response } = m as { request: IncomingMessage; response: ServerResponse };
    const t0 = this.started.get(response);
    if (t0 === undefined) return;
    const target = request.headers['x-amz-target'];
    this.samples.push({ op: String(target ?? '').replace(/^WorkspacesService\./, ''), ms: performance.now() - t0 });
  };

  start(): void {
    this.samples = [];
    subscribe('http.server.request.start', this.onStart);
    subscribe('http.server.response.finish', this.onFinish);
  }

  stop(): void {
    unsubscribe('http.server.request.start', this.onStart);
    unsubscribe('http.server.response.finish', this.onFinish);
  }
}

export interface Listing extends ListReply {
  counts: Counts;
  /** CPU time of the emulator's process (the benchmark's own) during the listing, ms. */
  emulatorCpuMs: number;
  timeline: Timeline;
}

export interface PollSample {
  /** Requests of a poll tick while nothing moves. */
  idle: Counts;
  /** WorkSpaces the model follows as moving. */
  moving: number;
  /** Requests of one poll tick with `moving` WorkSpaces moving. */
  tick: Counts;
  tickMs: number;
}

export interface RunSample {
  ready: ReadyReply;
  cold: Listing;
  warm?: Listing;
  poll?: PollSample;
}

export interface ScenarioResult {
  scenario: Scenario;
  shape: FleetShape;
  latencyMs: number;
  runs: RunSample[];
  cli?: { parallel: number; runs: CliRun[] };
  /** Distinct warnings the measured processes printed (first line of each). */
  warnings: string[];
}

export interface DriverOptions extends ClientOptions {
  latencyMs: number;
  /** The emulator's API quota (default off: the CPU scenarios). */
  quota?: Quota;
  runs: number;
  /** Also time a re-listing (Refresh) in each run. Default true. */
  warm?: boolean;
  /** Runs of the AWS CLI peer (0: none). */
  cliRuns?: number;
  cliParallel?: number;
}

export interface ClientOptions {
  /** 'src' forces the tsc output of the AWS layer instead of the dist/aws.js bundle. */
  awsModule?: 'dist' | 'src';
  /** Node binary of the measured process (default: this one). The benchmark passes the extension
   *  host's Node, the runtime the extension really runs on. */
  nodePath?: string;
  /** Write a V8 CPU profile of each measured process into this directory (diagnosis). */
  cpuProfileDir?: string;
  progress?: (line: string) => void;
}

/** The schedulers of a client in front of an endpoint without a quota: nothing to pace. */
export const UNPACED: Partial<SchedulerTuning> = { rate: 10_000, burst: 10_000, adaptive: false };

const CLIENT = join(__dirname, 'client.js');

/** The measured process: one request, one reply, in order. */
export class Client {
  private readonly child: ChildProcess;
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;
  private exited: Error | undefined;
  /** What the process wrote to stderr (Node and SDK warnings). */
  stderr = '';

  constructor(env: NodeJS.ProcessEnv, nodePath?: string, cpuProfileDir?: string) {
    const execArgv = ['--expose-gc', ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [])];
    this.child = fork(CLIENT, [], {
      env,
      execArgv,
      ...(nodePath ? { execPath: nodePath } : {}),
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr?.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.child.on('message', (m: Reply) => {
      const w = this.waiting;
      this.waiting = undefined;
      if (!w) return;
      if (m.type === 'error') w.reject(new Error(`bench client: ${m.message}`));
      else w.resolve(m);
    });
    this.child.on('exit', (code) => {
      this.exited = new Error(`bench client exited (code ${code})`);
      this.waiting?.reject(this.exited);
      this.waiting = undefined;
    });
  }

  ask<T extends Reply>(req: Request): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<T>((resolve, reject) => {
      this.waiting = { resolve: resolve as (r: Reply) => void, reject };
      this.child.send(req);
    });
  }

  /** Kills the process at once (a window that crashes: no cleanup, its leases lapse). */
  async kill(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGKILL');
    await gone;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.send({ type: 'exit' } satisfies Request);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await gone;
    clearTimeout(timer);
  }
}

/** Where the time of a listing went, from the emulator's request log. */
function timelineOf(log: RecordedRequest[], listed: ListReply, latencyMs: number, server: ServerTimes): Timeline {
  const times = log.map((r) => r.time);
  const first = Math.min(...times);
  const last = Math.max(...times);
  // The longest chain: the listing (of any scope: region-wide, or a directory's) with the most
  // DescribeWorkspaces pages, each of which needed the previous page's token.
  const chains = new Map<string, number[]>();
  for (const r of log) {
    if (r.op !== 'DescribeWorkspaces' || r.params.WorkspaceIds !== undefined) continue;
    const k = `${r.accountId ?? ''}/${r.region ?? ''}/${typeof r.params.DirectoryId === 'string' ? r.params.DirectoryId : ''}`;
    chains.set(k, [...(chains.get(k) ?? []), r.time]);
  }
  let longest: number[] = [];
  for (const c of chains.values()) if (c.length > longest.length) longest = c;
  const gaps = longest
    .sort((a, b) => a - b)
    .slice(1)
    .map((t, i) => t - longest[i] - latencyMs);
  return {
    startDelayMs: first - listed.startedAt,
    hopOverheadMs: median(gaps),
    hops: gaps.length,
    tailMs: listed.startedAt + listed.fullMs - (last + latencyMs),
    serverExtraMs: median(server.samples.filter((x) => x.op === 'DescribeWorkspaces').map((x) => x.ms - latencyMs)),
  };
}

/** An emulated fleet on loopback and the shared AWS files that point a client at it. */
export interface BenchFleet {
  emu: Emulator;
  files: { config: string; credentials: string };
  /** The measured process's environment (its HOME and AWS files: never the user's). */
  env: NodeJS.ProcessEnv;
  shape: FleetShape;
  /** The regions and rows the measured process is told about (init). */
  scopes: Pick<InitRequest, 'regions' | 'rows'>;
  /** A folder of the fleet's own, removed by close() (the persistent cache goes there). */
  dir: string;
  close(): Promise<void>;
}

export async function openFleet(
  seed: FleetSeed,
  o: { latencyMs: number; quota?: Quota | false; awsModule?: 'dist' | 'src' },
): Promise<BenchFleet> {
  const emu = await startEmulator({
    seed,
    latencyMs: o.latencyMs,
    transitionMs: 600_000,
    requestLogSize: 50_000,
    quota: o.quota ?? false,
  });
  const dir = mkdtempSync(join(tmpdir(), 'wsf-bench-'));
  const files = { config: join(dir, 'config'), credentials: join(dir, 'credentials') };
  const text = emu.awsConfigFiles();
  writeFileSync(files.config, text.config);
  writeFileSync(files.credentials, text.credentials);
  const shape = shapeOf(emu);
  return {
    emu,
    files,
    dir,
    shape,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_CONFIG_FILE: files.config,
      AWS_SHARED_CREDENTIALS_FILE: files.credentials,
      // The measured processes read this process's clock (leases and cache ages compare across them).
      WORKSPACES_FLEET_CLOCK: clockEnvForChildren(),
      ...(o.awsModule === 'src' ? { WSF_BENCH_AWS: 'src' } : {}),
    },
    scopes: {
      regions: Object.fromEntries(emu.accounts.map((a) => [a.profile, a.regions])),
      rows: Object.fromEntries(shape.scopes.map((s) => [s.key, s.directories.reduce((a, b) => a + b, 0)])),
    },
    close: async () => {
      await emu.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `fn` with a fresh measured process and closes it; collects its warnings ("(node:123)
 * Warning: ..." → "Warning: ...") into `warned`, and prints its stderr when `fn` fails.
 */
export async function withClient<T>(
  f: Pick<BenchFleet, 'env'>,
  o: ClientOptions,
  warned: Set<string>,
  fn: (c: Client) => Promise<T>,
): Promise<T> {
  const client = new Client(f.env, o.nodePath, o.cpuProfileDir);
  try {
    return await fn(client);
  } catch (e) {
    if (client.stderr) o.progress?.(client.stderr.slice(-3000));
    throw e;
  } finally {
    await client.close();
    for (const m of client.stderr.matchAll(/^\(node:\d+\) (.*)$/gm)) warned.add(m[1]);
  }
}

export async function runScenario(scenario: Scenario, o: DriverOptions): Promise<ScenarioResult> {
  const say = o.progress ?? (() => undefined);
  // The CPU scenarios measure the client without the API quota.
  const f = await openFleet(scenario.seed, o);
  const { emu, shape } = f;
  const result: ScenarioResult = { scenario, shape, latencyMs: o.latencyMs, runs: [], warnings: [] };
  const warned = new Set<string>();
  const server = new ServerTimes();
  try {
    for (let run = 0; run < o.runs; run++) {
      // Full buckets and the seeded fleet (a poll moved WorkSpaces) for every run.
      emu.reset();
      const sample = await withClient(f, o, warned, async (client) => {
        // Without the emulator's quota the client is measured unpaced (its schedulers would
        // otherwise hold it to AWS's 2 calls/s); with it, the layer paces as the extension does.
        const ready = await client.ask<ReadyReply>({
          type: 'init',
          ...f.scopes,
          ...(o.quota ? {} : { scheduler: UNPACED }),
        });
        const listOnce = async (): Promise<Listing> => {
          emu.resetCounts();
          const cpu0 = process.cpuUsage();
          server.start();
          const listed = await client.ask<ListReply>({ type: 'list' }).finally(() => server.stop());
          const cpu = process.cpuUsage(cpu0);
          if (listed.errors.length) throw new Error(`listing failed: ${listed.errors.join('; ')}`);
          return {
            ...listed,
            counts: emu.counts(),
            emulatorCpuMs: (cpu.user + cpu.system) / 1000,
            timeline: timelineOf(emu.requests(), listed, o.latencyMs, server),
          };
        };
        const s: RunSample = { ready, cold: await listOnce() };
        if (o.warm !== false) s.warm = await listOnce();
        if (scenario.moving) s.poll = await poll(emu, client, shape, scenario.moving);
        return s;
      });
      result.warnings = [...warned];
      result.runs.push(sample);
      say(
        `  run ${run + 1}/${o.runs}: first page ${sample.cold.firstPageMs.toFixed(0)} ms, full ${sample.cold.fullMs.toFixed(0)} ms` +
          `${sample.warm ? ` (refresh ${sample.warm.fullMs.toFixed(0)} ms)` : ''}, ${sample.cold.counts.total} requests, peak heap ${(sample.cold.peakHeap / 2 ** 20).toFixed(1)} MB`,
      );
    }
    if (scenario.cli && (o.cliRuns ?? 0) > 0) {
      const scope = shape.scopes[0];
      const parallel = o.cliParallel ?? 4;
      result.cli = { parallel, runs: [] };
      for (let i = 0; i < (o.cliRuns ?? 0); i++) {
        const r = await runCli(emu, f.files, scope.profile, scope.region, parallel);
        result.cli.runs.push(r);
        say(
          `  AWS CLI run ${i + 1}/${o.cliRuns}: ${(r.ms / 1000).toFixed(1)} s, ${r.counts.total} requests, ${r.statuses} statuses`,
        );
      }
    }
  } finally {
    await f.close();
  }
  return result;
}

/** WorkSpaces of a scope set moving in the emulator (as after a Start): every k-th of the region,
 *  `count` of them, for 10 minutes. */
export function setMoving(emu: Emulator, scope: ScopeShape, count: number): string[] {
  const world = emu.world(scope.profile, scope.region);
  const all = world.workspaceIds();
  const step = Math.max(1, Math.floor(all.length / count));
  const ids = all.filter((_, i) => i % step === 0).slice(0, count);
  for (const id of ids) world.setState(id, 'STARTING', { then: 'AVAILABLE', afterMs: 600_000 });
  return ids;
}

/** A tick with nothing moving, then `moving` WorkSpaces of the first scope set moving in the
 *  emulator (as after a Start), followed by the model, and one tick. */
async function poll(emu: Emulator, client: Client, shape: FleetShape, moving: number): Promise<PollSample> {
  emu.resetCounts();
  await client.ask<TickReply>({ type: 'tick' });
  const idle = emu.counts();
  const scope = shape.scopes[0];
  const ids = setMoving(emu, scope, moving);
  const followed = await client.ask<FollowReply>({ type: 'follow', scope: scope.key, ids });
  emu.resetCounts();
  const t = await client.ask<TickReply>({ type: 'tick' });
  return { idle, moving: followed.moving, tick: emu.counts(), tickMs: t.ms };
}
